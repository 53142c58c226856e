package org.selfchallenge.spark.component;

import org.selfchallenge.agent.ExecutorTask;
import org.selfchallenge.agent.SyntheticTask;
import org.selfchallenge.env.Environment;

import java.util.Set;

/**
 * A verified CaT task as an executor task. The reward is the task's own {@code evaluate()}
 * ({@link SyntheticTask}); {@code conversational} chooses whether a simulated user holds the
 * instruction (τ-bench style, needs a user model) or the policy reads it directly (the demo's
 * setting when no user model is configured).
 */
public final class VerifiedTask implements ExecutorTask {
    private final SyntheticTask task;
    private final boolean conversational;

    public VerifiedTask(SyntheticTask task, boolean conversational) {
        this.task = task;
        this.conversational = conversational;
    }

    @Override
    public String id() {
        return task.id();
    }

    @Override
    public Environment environment() {
        return task.environment();
    }

    @Override
    public String instruction() {
        return task.instruction();
    }

    @Override
    public boolean conversational() {
        return conversational;
    }

    @Override
    public Set<String> terminateTools() {
        return task.terminateTools();
    }

    @Override
    public Reward reward(Ending ending) {
        return task.reward(ending);
    }
}
