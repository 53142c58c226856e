package org.selfchallenge.bench;

import org.selfchallenge.agent.ExecutorTask;
import org.selfchallenge.bench.m3.M3Task;
import org.selfchallenge.env.Environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An M3ToolEval task as an executor task, with the upstream protocol: the policy gets the instruction,
 * every final answer is checked at once with the upstream {@code check_answer} ({@link M3Task#check}),
 * a wrong answer is answered with the upstream feedback and the episode continues, and success means a
 * correct answer within the turn limit (10). The environment is the task's domain view (calculation)
 * or a browser on "/" (web).
 */
public record M3BenchTask(String env, M3Task task) implements ExecutorTask {

    @Override
    public String id() {
        return env + "/test/" + task.name();
    }

    @Override
    public Environment environment() {
        return task.newEnvironment();
    }

    @Override
    public String instruction() {
        return task.instruction();
    }

    @Override
    public boolean conversational() {
        return false;
    }

    @Override
    public Boolean checkAnswer(String answer) {
        return answer != null && task.check(answer);
    }

    @Override
    public Reward reward(Ending ending) {
        boolean ok = ending.finalAnswer() != null && task.check(ending.finalAnswer());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("answer", ending.finalAnswer());
        d.put("expected", task.expectedStr());
        d.put("correct", ok);
        return Reward.of(ok, d);
    }

    /** Gold replay for M3ToolEval: there are no gold actions upstream, only the answer, {@code str(expected)}. */
    public GoldReplayPolicy goldReplay() {
        return new GoldReplayPolicy(List.of(), "Answer: " + task.expectedStr());
    }
}
