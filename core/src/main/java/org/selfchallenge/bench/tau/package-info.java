/**
 * τ-bench tasks and reward, shared by retail and airline: {@link org.selfchallenge.bench.tau.TauTasks}
 * loads {@code tasks_{split}.json} (retail: train/dev/test; airline: test),
 * {@link org.selfchallenge.bench.tau.TauReward} replays gold actions on a fresh environment and compares
 * state hashes, then checks required outputs against the agent's {@code respond} messages.
 */
package org.selfchallenge.bench.tau;
