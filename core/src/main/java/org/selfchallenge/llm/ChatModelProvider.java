package org.selfchallenge.llm;

import java.util.Optional;

/**
 * Opens a {@link ChatModel} from a user-facing spec string, found with {@link java.util.ServiceLoader}
 * so that {@code core} needs no compile-time dependency on TensorFlow. Specs: a checkpoint directory
 * (tf-models), {@code openai:URL#model} (core). Returns empty when the spec is not for this provider.
 */
public interface ChatModelProvider {
    Optional<ChatModel> open(String spec);
}
