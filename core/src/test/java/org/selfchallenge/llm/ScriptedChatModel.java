package org.selfchallenge.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * TEST DOUBLE: a chat model that replays scripted replies (in order, or computed from the request),
 * and records every request it was given. Running out of script is a {@link ChatModelException}, as a
 * dead backend would be.
 */
public final class ScriptedChatModel implements ChatModel {
    private final String id;
    private final Function<ChatRequest, Completion> script;
    private final List<ChatRequest> seen = Collections.synchronizedList(new ArrayList<>());

    private ScriptedChatModel(String id, Function<ChatRequest, Completion> script) {
        this.id = id;
        this.script = script;
    }

    /** Replies in this order, one per request. */
    public static ScriptedChatModel of(String... replies) {
        List<String> r = List.of(replies);
        int[] next = {0};
        return new ScriptedChatModel("scripted", req -> {
            synchronized (next) {
                if (next[0] >= r.size()) throw new ChatModelException("scripted model: script exhausted after "
                        + r.size() + " replies");
                return Completion.textOnly(r.get(next[0]++));
            }
        });
    }

    /** Reply computed from the request (for models shared by parallel episodes). */
    public static ScriptedChatModel fn(Function<ChatRequest, String> f) {
        return new ScriptedChatModel("scripted-fn", req -> Completion.textOnly(f.apply(req)));
    }

    /** Full completions (token ids, logprobs). */
    public static ScriptedChatModel completions(List<Completion> replies) {
        int[] next = {0};
        return new ScriptedChatModel("scripted", req -> {
            synchronized (next) {
                if (next[0] >= replies.size()) throw new ChatModelException("scripted model: script exhausted");
                return replies.get(next[0]++);
            }
        });
    }

    public List<ChatRequest> seen() {
        return seen;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        List<Completion> out = new ArrayList<>();
        for (ChatRequest r : batch) {
            seen.add(r);
            out.add(script.apply(r));
        }
        return out;
    }
}
