package org.selfchallenge.llm;

import java.util.List;

/**
 * A chat model backend: the in-process TF Java policy, an OpenAI-compatible endpoint, or (tests only)
 * a scripted double. Batched so that backends that can batch (the TF policy, a vLLM server) do.
 */
public interface ChatModel extends AutoCloseable {

    /** Model id and version, recorded in every trajectory's lineage. */
    String id();

    /** One completion per request, in request order. Never returns null entries. */
    List<Completion> complete(List<ChatRequest> batch);

    default Completion complete(ChatRequest request) {
        return complete(List.of(request)).get(0);
    }

    @Override
    default void close() {
    }
}
