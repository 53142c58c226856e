package org.selfchallenge.agent;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;

import java.util.ArrayList;
import java.util.List;

/**
 * τ-bench's LLM user simulator (benchmarks.md §1.8): an LLM role-plays the task instruction with the
 * roles flipped — its system prompt holds the instruction and the rules, the conversation opens with
 * the agent greeting {@value #GREETING} as role {@code user}, the agent's messages arrive as role
 * {@code user} and the simulator's replies are role {@code assistant}. {@value #STOP} anywhere in a reply
 * ends the episode.
 *
 * <p>The simulator has its own backend and sampling settings, held fixed across runs so that policy
 * changes are the only thing that moves the reward. Turn t of a conversation samples with seed
 * {@code episodeSeed + t}. Thread-safe: each {@link Conversation} is confined to one episode.
 */
public final class UserSimulator {
    public static final String STOP = "###STOP###";
    public static final String GREETING = "Hi! How can I help you today?";
    public static final String PROMPT = "user_simulator.v1";

    private final ChatModel model;
    private final SamplingParams params;

    public UserSimulator(ChatModel model, SamplingParams params) {
        this.model = model;
        this.params = params;
    }

    public String modelId() {
        return model.id();
    }

    /** Starts a conversation; {@link Conversation#opening()} is the user's first message. */
    public Conversation start(String instruction, long seed) {
        return new Conversation(instruction, seed);
    }

    public final class Conversation {
        private final List<Message> messages = new ArrayList<>();
        private final long seed;
        private final String opening;
        private boolean stopped;

        private Conversation(String instruction, long seed) {
            this.seed = seed;
            messages.add(Message.system(Prompts.fill(Prompts.load(PROMPT),
                    java.util.Map.of("instruction", instruction))));
            messages.add(Message.user(GREETING));
            this.opening = next();
        }

        /** The user's first utterance (the reply to the greeting). */
        public String opening() {
            return opening;
        }

        /** The agent says {@code agentMessage}; returns the user's reply. */
        public String reply(String agentMessage) {
            if (stopped) throw new IllegalStateException("the user already ended the conversation");
            messages.add(Message.user(agentMessage));
            return next();
        }

        /** True once a reply contained {@value #STOP}. */
        public boolean stopped() {
            return stopped;
        }

        private String next() {
            int turn = (messages.size() - 1) / 2;
            Completion c = model.complete(new ChatRequest(messages, params.withSeed(seed + turn)));
            String text = c.text() == null ? "" : c.text();
            messages.add(Message.assistant(text));
            if (text.contains(STOP)) stopped = true;
            return text;
        }
    }
}
