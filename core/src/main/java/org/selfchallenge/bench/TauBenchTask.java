package org.selfchallenge.bench;

import org.selfchallenge.agent.ExecutorTask;
import org.selfchallenge.agent.PyLiteral;
import org.selfchallenge.bench.tau.TauAction;
import org.selfchallenge.bench.tau.TauReward;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.TauEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A τ-bench test task as an executor task: the instruction drives the simulated user, a terminate tool
 * ({@code transfer_to_human_agents}) ends the episode, and the reward is τ-bench's own: state hash
 * after the episode equals the hash after replaying the gold actions, and every required output
 * appears in some message the agent sent ({@link TauReward}).
 */
public record TauBenchTask(String env, String split, TauTask task) implements ExecutorTask {

    @Override
    public String id() {
        return env + "/" + split + "/" + task.index();
    }

    @Override
    public Environment environment() {
        return Environments.load(env);
    }

    @Override
    public String instruction() {
        return task.instruction();
    }

    @Override
    public boolean conversational() {
        return true;
    }

    @Override
    public Set<String> terminateTools() {
        return ((TauEnvironment) Environments.prototype(env)).domain().terminateTools();
    }

    @Override
    public Reward reward(Ending ending) {
        if (!(ending.env() instanceof TauEnvironment te)) {
            throw new IllegalStateException("τ-bench task " + id() + " ran on a non-τ-bench environment");
        }
        TauReward.Result r = TauReward.reward(te, task, ending.messages());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("actions_match", r.actionsMatch());
        d.put("agent_hash", r.agentHash());
        d.put("gold_hash", r.goldHash());
        d.put("outputs", new LinkedHashMap<>(r.outputs()));
        return new Reward(r.reward(), d);
    }

    /**
     * The gold-replay self-check script: one code action per ground-truth action except terminate tools
     * (they change no data and would end the episode before the outputs are said), then one message
     * carrying the required outputs.
     */
    public GoldReplayPolicy goldReplay() {
        Set<String> terminate = terminateTools();
        List<String> code = new ArrayList<>();
        for (TauAction a : task.actions()) {
            if (terminate.contains(a.name()) || TauAction.RESPOND.equals(a.name())) continue;
            code.add("print(" + PyLiteral.call(a.name(), a.kwargs()) + ")");
        }
        String message = task.outputs().isEmpty() ? "Your request has been handled."
                : "Here is what you asked for:\n" + String.join("\n", task.outputs());
        return new GoldReplayPolicy(code, message);
    }
}
