package org.selfchallenge.bench;

import org.selfchallenge.agent.ExecutorTask;

/**
 * A benchmark test task ready for an executor episode, with the self-check policy that replays its
 * ground truth.
 */
public record BenchmarkTask(ExecutorTask task, GoldReplayPolicy goldReplay) {
}
