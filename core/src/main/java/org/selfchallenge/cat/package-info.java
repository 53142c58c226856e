/**
 * Code-as-Task (Zhou et al. 2025): the challenger's task as code, and the filter that keeps only
 * tasks whose code proves itself.
 * <ul>
 *   <li>{@link org.selfchallenge.cat.CatParser} → {@link org.selfchallenge.cat.CodeAsTask} or a
 *       precise {@link org.selfchallenge.cat.ParseError};</li>
 *   <li>{@link org.selfchallenge.cat.Verifier} → {@link org.selfchallenge.cat.Verdict} with a
 *       {@link org.selfchallenge.cat.Reason} and per-run {@link org.selfchallenge.cat.RunReport}s;
 *       {@code Verifier.verify(envName, text)} uses the per-JVM shared pool (Spark UDFs);</li>
 *   <li>{@link org.selfchallenge.cat.ChallengerPrompt}: the format and sandbox conventions as
 *       prompt text (tool calls, result types, {@code ToolError}, {@code submit_answer}/{@code final_answer}).</li>
 * </ul>
 */
package org.selfchallenge.cat;
