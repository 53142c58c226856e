package org.selfchallenge.llm;

import java.util.List;

/** A conversation to continue with the assistant's next message. */
public record ChatRequest(List<Message> messages, SamplingParams params) {
    public ChatRequest {
        messages = List.copyOf(messages);
    }
}
