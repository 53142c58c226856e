package org.selfchallenge.llm;

import java.util.Optional;

/** Opens {@code openai:URL#model[;options]} specs (see {@link OpenAiConfig#parse}). */
public final class OpenAiChatModelProvider implements ChatModelProvider {
    @Override
    public Optional<ChatModel> open(String spec) {
        if (spec == null || !spec.startsWith(OpenAiConfig.SCHEME)) return Optional.empty();
        return Optional.of(new OpenAiChatModel(OpenAiConfig.parse(spec)));
    }
}
