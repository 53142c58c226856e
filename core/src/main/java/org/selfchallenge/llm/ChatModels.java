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
