package org.selfchallenge.agent;

import org.selfchallenge.cat.CodeAsTask;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified Code-as-Task task as an executor task: the instruction goes to the simulated user
 * (retail, airline) or straight to the policy (calculation, web), and the reward is the task's own
 * {@code evaluate()} run in the sandbox on the final state and final answer (method.md "Executor").
 */
public record SyntheticTask(String id, String envName, String instruction, String evaluationSource)
        implements ExecutorTask {

    /** From a verified task. */
    public static SyntheticTask of(String id, String envName, CodeAsTask task) {
        return new SyntheticTask(id, envName, task.instruction(), task.evaluationFunction());
    }

    @Override
    public Environment environment() {
        return Environments.load(envName);
    }

    @Override
    public boolean conversational() {
        return Environments.kind(envName) == Environment.Kind.STATE_BASED;
    }

    @Override
    public Reward reward(Ending ending) {
        ActionSandbox.Verdict v = ending.session().evaluate(evaluationSource, ending.answerValue());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("evaluate", v.passed());
        d.put("detail", v.detail());
        return Reward.of(v.passed(), d);
    }
}
