package org.selfchallenge.bench;

import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;

import java.util.List;

/**
 * HARNESS SELF-CHECK user for {@code --policy gold-replay|noop} without {@code --user-model}: opens
 * with a fixed request and ends the conversation ({@value UserSimulator#STOP}) at the agent's first
 * message, so the reward depends only on what the scripted policy did.
 */
public final class SelfCheckUser implements ChatModel {
    public static final String ID = "self-check:user";
    public static final String OPENING = "Hi, I need help with a request.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        // system + greeting = the opening turn; anything later is the agent's message
        return batch.stream().map(r -> Completion.textOnly(r.messages().size() <= 2 ? OPENING : UserSimulator.STOP))
                .toList();
    }
}
