package org.selfchallenge.bench;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;

import java.util.List;

/**
 * HARNESS SELF-CHECK, not a policy: never acts, only declines. On τ-bench it must score exactly the
 * share of tasks whose ground-truth actions leave the data unchanged and that require no outputs.
 */
public final class NoopPolicy implements ChatModel {
    public static final String ID = "self-check:noop";
    public static final String REPLY = "I am sorry, but I cannot help with that.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        return batch.stream().map(r -> Completion.textOnly(REPLY)).toList();
    }
}
