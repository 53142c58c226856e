/**
 * The command-line tools over core, each a class with {@code public static int run(String[] args)} that
 * {@code run.sh} dispatches to: {@link org.selfchallenge.cli.EnvCli} ({@code env}: replay, tool schemas,
 * {@code m3-check} through {@link org.selfchallenge.cli.M3CheckCli}), {@link org.selfchallenge.cli.CatCli}
 * ({@code cat verify}), {@link org.selfchallenge.cli.EvalCli} ({@code eval}) and
 * {@link org.selfchallenge.cli.ChallengeCli} ({@code challenge}), with their shared option parser
 * {@link org.selfchallenge.cli.CliArgs}. They hold argument parsing and output formats only; what they run
 * lives in the domain packages, which do not depend on this one. Exit code 2 means bad arguments.
 */
package org.selfchallenge.cli;
