package org.selfchallenge.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens a model from a user-facing spec by asking every {@link ChatModelProvider} on the class path
 * (ServiceLoader), so that {@code core} never depends on TensorFlow at compile time.
 */
public final class ChatModels {
    private ChatModels() {
    }

    /**
     * Opens {@code spec} for use by {@code parallelism} concurrent episodes: an in-process backend (the TF
     * policy) is wrapped in a {@link BatchingChatModel} so that their requests are decoded in batches by
     * one thread; HTTP backends already run requests concurrently and are returned as they are.
     */
    public static ChatModel openShared(String spec, int parallelism) {
        ChatModel m = open(spec);
        if (m instanceof OpenAiChatModel || parallelism <= 1) return m;
        return new BatchingChatModel(m, parallelism, BatchingChatModel.DEFAULT_MAX_WAIT_MS, true);
    }

    public static ChatModel open(String spec) {
        List<String> providers = new ArrayList<>();
        for (ChatModelProvider p : ServiceLoader.load(ChatModelProvider.class)) {
            providers.add(p.getClass().getName());
            Optional<ChatModel> m = p.open(spec);
            if (m.isPresent()) return m.get();
        }
        throw new IllegalArgumentException("no model backend accepts '" + spec + "' (expected a checkpoint directory"
                + " or openai:URL#model; providers on the class path: " + providers
                + (providers.size() < 2 ? "; a checkpoint directory needs the tf-models module" : "") + ")");
    }
}
