package org.selfchallenge.bench;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;

import java.util.ArrayList;
import java.util.List;

/**
 * HARNESS SELF-CHECK, not a policy: replays one benchmark task's ground-truth actions as code actions,
 * one action per reply ({@code print(tool(k=v, ...))}), then sends one message (the task's required
 * outputs for τ-bench, {@code Answer: <expected>} for M3ToolEval). Run through the real episode loop,
 * sandbox and reward, it must score 100% on τ-bench retail and airline test; anything less is a bug
 * in the harness (tool binding, value types, reward replay), not in a model.
 *
 * <p>Stateless: the step is the number of assistant messages already in the request, so one instance
 * can serve parallel samples of its task.
 */
public final class GoldReplayPolicy implements ChatModel {
    public static final String ID = "self-check:gold-replay";

    private final List<String> replies;

    public GoldReplayPolicy(List<String> codeActions, String finalMessage) {
        List<String> r = new ArrayList<>();
        for (String code : codeActions) r.add("```python\n" + code + "\n```");
        r.add(finalMessage);
        this.replies = List.copyOf(r);
    }

    /** The scripted replies, in order. */
    public List<String> replies() {
        return replies;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        List<Completion> out = new ArrayList<>(batch.size());
        for (ChatRequest r : batch) {
            long step = r.messages().stream().filter(m -> m.role().equals("assistant")).count();
            out.add(Completion.textOnly(replies.get((int) Math.min(step, replies.size() - 1))));
        }
        return out;
    }
}
