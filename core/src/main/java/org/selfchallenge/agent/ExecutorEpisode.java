package org.selfchallenge.agent;

import org.selfchallenge.bench.m3.M3Protocol;
import org.selfchallenge.env.Environment;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModelException;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.pyval.PyRepr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One executor episode: the policy solves a task in a multi-turn loop of code actions (run in the
 * sandbox with the tools bound) and messages (to the simulated user, or a final answer).
 *
 * <p>Loop (τ-bench §1.7 with code actions; M3ToolEval §2.2 for answers): the system prompt is the
 * environment policy + tool documentation + action protocol ({@code executor.v1}); the first user turn
 * is the simulated user's opening, or the instruction. Policy turn t samples with seed
 * {@code episodeSeed + t}. Code → observation (stdout and errors, truncated); message → the user's
 * reply ({@value UserSimulator#STOP} ends the episode) or a final answer ({@code Answer: ...}, or
 * {@code submit_answer(x)} in code). With the retry protocol (M3ToolEval benchmark) a wrong answer gets
 * {@link #WRONG_ANSWER_FEEDBACK} and the episode continues. A terminate tool ends the episode.
 * Running out of turns or context scores 0, as in τ-bench; malformed replies, unknown tools, huge
 * outputs and hostile code are observations and the episode goes on.
 *
 * <p>Stateless and thread-safe: {@link #run} may be called from many threads (Spark tasks) at once,
 * as long as the policy and user models are thread-safe.
 */
public final class ExecutorEpisode {
    public static final String PROMPT = "executor.v1";
    /**
     * A compact system prompt for tiny from-scratch policies (a few hundred byte-level tokens of context):
     * the action protocol only, no tool documentation — such a policy learns the tools from its teacher's
     * trajectories. Chosen by configuration, recorded in each trajectory's lineage.
     */
    public static final String COMPACT_PROMPT = "executor_compact.v1";
    /** Upstream M3ToolEval feedback for a wrong answer: part of the benchmark protocol. */
    public static final String WRONG_ANSWER_FEEDBACK = M3Protocol.INCORRECT_ANSWER;
    public static final String TRUNCATED = "\n[Output truncated]";
    static final String EXTRA_BLOCKS = "\n[Only the first code block of your reply was run.]";

    /**
     * @param maxTurns            policy replies per episode (τ-bench 30, M3ToolEval 10)
     * @param maxContextChars     stop (outcome {@code max_tokens}) when the conversation grows past this
     *                            many characters — a tokenizer-free stand-in for the context window
     * @param maxObservationChars observations are cut to this length
     * @param sampling            the policy's sampling parameters; the seed is replaced per turn
     */
    public record Config(int maxTurns, int maxContextChars, int maxObservationChars, SamplingParams sampling) {
        public static final int TAU_MAX_TURNS = 30;
        public static final int M3_MAX_TURNS = 10;
        public static final int DEFAULT_MAX_CONTEXT_CHARS = 120_000;
        public static final int DEFAULT_MAX_OBSERVATION_CHARS = 4_000;

        public static Config defaults(int maxTurns, SamplingParams sampling) {
            return new Config(maxTurns, DEFAULT_MAX_CONTEXT_CHARS, DEFAULT_MAX_OBSERVATION_CHARS, sampling);
        }
    }

    private final ChatModel policy;
    private final ActionSandbox sandbox;
    private final UserSimulator user;
    private final Config config;
    private final String prompt;

    /** {@code user} may be null when no task is conversational. */
    public ExecutorEpisode(ChatModel policy, ActionSandbox sandbox, UserSimulator user, Config config) {
        this(policy, sandbox, user, config, PROMPT);
    }

    /** As above with the system prompt {@code prompt}: {@link #PROMPT} or {@link #COMPACT_PROMPT}. */
    public ExecutorEpisode(ChatModel policy, ActionSandbox sandbox, UserSimulator user, Config config, String prompt) {
        if (!prompt.equals(PROMPT) && !prompt.equals(COMPACT_PROMPT)) {
            throw new IllegalArgumentException("unknown executor prompt '" + prompt + "' (known: " + PROMPT + ", "
                    + COMPACT_PROMPT + ")");
        }
        this.policy = policy;
        this.sandbox = sandbox;
        this.user = user;
        this.config = config;
        this.prompt = prompt;
    }

    /** Mutable state of one run; never shared between threads. */
    private static final class State {
        final List<Turn> turns = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final List<String> said = new ArrayList<>();
        final Map<String, Object> info = new LinkedHashMap<>();
        String finalAnswer;
        Object answerValue;
        String outcome;
        boolean done;

        void add(Turn t) {
            turns.add(t);
            messages.add(new Message(t.role(), t.text()));
        }

        long chars() {
            long n = 0;
            for (Message m : messages) n += m.content().length();
            return n;
        }

        /** Names the culprit of a stopped code action: the policy turn (1-based) whose code it was. */
        @SuppressWarnings("unchecked")
        void sandboxFailure(String why) {
            long turn = turns.stream().filter(Turn::policy).count();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("turn", turn);
            f.put("failure", why);
            ((List<Map<String, Object>>) info.computeIfAbsent("sandbox_failures", k -> new ArrayList<>())).add(f);
        }

        void end(String why, boolean properly) {
            outcome = why;
            done = properly;
        }
    }

    public Trajectory run(ExecutorTask task, int sampleIndex, long seed) {
        Environment env = task.environment();
        State st = new State();
        ExecutorTask.Reward reward = null;
        st.add(Turn.context("system", "system", systemPrompt(env, task.conversational())));
        try (ActionSandbox.Session session = sandbox.open(env)) {
            UserSimulator.Conversation conv = null;
            if (task.conversational()) {
                if (user == null) throw new IllegalStateException("task " + task.id() + " needs a user simulator");
                try {
                    conv = user.start(task.instruction(), seed);
                    st.add(Turn.context("user", "user", conv.opening()));
                } catch (ChatModelException e) {
                    st.info.put("error", e.getMessage());
                    st.end("user_model_error", false);
                }
            } else {
                st.add(Turn.context("user", "instruction", "Instruction: " + task.instruction()));
            }
            for (int t = 0; st.outcome == null && t < config.maxTurns(); t++) {
                if (st.chars() > config.maxContextChars()) {
                    st.end("max_tokens", false);
                    break;
                }
                Completion c;
                try {
                    c = policy.complete(new ChatRequest(st.messages, config.sampling().withSeed(seed + t)));
                } catch (ChatModelException e) {
                    st.info.put("error", e.getMessage());
                    st.end("model_error", false);
                    break;
                }
                String reply = c.text() == null ? "" : c.text();
                Action action = ActionParser.parse(reply);
                st.add(new Turn("assistant", kind(action, task.conversational()), reply, c.tokenIds(), c.logprobs(),
                        true, c.finishReason(), List.of()));
                if (action instanceof Action.Code code) {
                    codeAction(task, session, code, st);
                } else if (action instanceof Action.Malformed m) {
                    st.add(Turn.observation(m.reason(), List.of()));
                } else if (action instanceof Action.Say say) {
                    st.said.add(say.text());
                    if (conv != null) {
                        userTurn(conv, say.text(), st);
                    } else {
                        answer(task, say.answer(), AnswerValues.parse(say.answer()), st);
                    }
                }
            }
            if (st.outcome == null) st.end("max_turns", false);
            st.info.put("policy_turns", st.turns.stream().filter(Turn::policy).count());
            if (st.finalAnswer != null) st.info.put("final_answer", st.finalAnswer);
            if (st.done) {
                try {
                    reward = task.reward(new ExecutorTask.Ending(env, session, st.said, st.finalAnswer, st.answerValue));
                    st.info.put("reward_details", reward.details());
                } catch (RuntimeException e) {
                    // a broken reward (e.g. an evaluation the sandbox cannot run) is a recorded 0, not a lost episode
                    st.info.put("error", "reward failed: " + e);
                    st.outcome = "reward_error";
                }
            }
        }
        Lineage lin = new Lineage(task.id(), env.name(), "executor", policy.id(), seed, config.sampling().withSeed(seed),
                sampleIndex, prompt, user == null || !task.conversational() ? null : user.modelId());
        return new Trajectory(Trajectory.idFor(task.id(), sampleIndex, seed), lin, st.turns,
                reward == null ? 0.0 : reward.value(), st.outcome, st.info);
    }

    private void codeAction(ExecutorTask task, ActionSandbox.Session session, Action.Code code, State st) {
        ActionSandbox.Observation obs = session.run(code.code());
        String text = truncate(obs.text());
        if (code.extraBlocksIgnored()) text += EXTRA_BLOCKS;
        st.add(Turn.observation(text, obs.toolCalls()));
        if (obs.failure() != null) st.sandboxFailure(obs.failure());
        if (obs.toolCalls().stream().anyMatch(tc -> task.terminateTools().contains(tc.name()))) {
            st.end("terminated", true);
        } else if (obs.answered() && !task.conversational()) {
            answer(task, PyRepr.str(obs.answer()), obs.answer(), st);
        }
    }

    private static void userTurn(UserSimulator.Conversation conv, String message, State st) {
        try {
            st.add(Turn.context("user", "user", conv.reply(message)));
            if (conv.stopped()) st.end("user_stop", true);
        } catch (ChatModelException e) {
            st.info.put("error", e.getMessage());
            st.end("user_model_error", false);
        }
    }

    /** A final answer: ends the episode, unless the task checks answers as they come and this one is wrong. */
    private static void answer(ExecutorTask task, String text, Object value, State st) {
        st.finalAnswer = text;
        st.answerValue = value;
        Boolean correct = task.checkAnswer(text);
        if (correct == null || correct) {
            st.end("answered", true);
        } else {
            st.add(Turn.context("user", "feedback", WRONG_ANSWER_FEEDBACK));
        }
    }

    /** The system prompt: policy + tool docs + sandbox conventions + action protocol. */
    public String systemPrompt(Environment env, boolean conversational) {
        if (prompt.equals(COMPACT_PROMPT)) {
            return Prompts.load(COMPACT_PROMPT).strip();
        }
        return Prompts.fill(Prompts.load(PROMPT), Map.of(
                "policy", env.policy() == null ? "" : env.policy().strip(),
                "tool_docs", ToolDocs.render(env.tools()),
                "conventions", sandbox.conventions().strip(),
                "message_rule", Prompts.load(conversational ? "executor_rule_user.v1" : "executor_rule_answer.v1").strip()))
                .strip(); // environments without a policy text (calculation, web) start with the tools
    }

    private String truncate(String s) {
        if (s == null) return "";
        return s.length() <= config.maxObservationChars() ? s : s.substring(0, config.maxObservationChars()) + TRUNCATED;
    }

    private static String kind(Action a, boolean conversational) {
        if (a instanceof Action.Code) return "code";
        if (a instanceof Action.Say) return conversational ? "message" : "answer";
        return "malformed";
    }
}
