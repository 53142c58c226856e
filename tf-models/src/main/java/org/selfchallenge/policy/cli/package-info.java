/**
 * The policy's command line ({@code run.sh model init|logits|generate}):
 * {@link org.selfchallenge.policy.cli.ModelCli}, over the checkpoint, model and sampling packages.
 */
package org.selfchallenge.policy.cli;
