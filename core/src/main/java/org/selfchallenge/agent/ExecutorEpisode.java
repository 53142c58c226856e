package org.selfchallenge.agent;

import org.selfchallenge.env.Environment;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModelException;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;

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
 * is the simulated user's opening, or the instruction. Each policy turn t samples with seed
 * {@code episodeSeed + t}. Code → observation (stdout and errors, truncated); message → the user's
 * reply ({@value UserSimulator#STOP} ends the episode) or a final answer (a wrong one gets
 * {@link #WRONG_ANSWER_FEEDBACK} when the task uses the retry protocol). A terminate tool ends the
 * episode. Running out of turns or context scores 0, as in τ-bench; malformed replies, unknown tools,
 * huge outputs and hostile code are observations and the episode goes on.
 *
 * <p>Stateless and thread-safe: {@link #run} may be called from many threads (Spark tasks) at once,
 * as long as the policy and user models are thread-safe.
 */
public final class ExecutorEpisode {
    public static final String PROMPT = "executor.v1";
    /** Upstream M3ToolEval feedback for a wrong answer (main.py), verbatim, since it is part of the protocol. */
    public static final String WRONG_ANSWER_FEEDBACK = "Your answer is incorrect. Please try again. Note that you should"
            + " ONLY output the answer (e.g., single number), without any other text.";
    public static final String TRUNCATED = "\n[Output truncated]";

    /**
     * @param maxTurns            policy replies per episode (τ-bench 30, M3ToolEval 10)
     * @param maxContextChars     stop (outcome {@code max_tokens}) when the conversation grows past this
     *                            many characters — a tokenizer-free stand-in for the context window
     * @param maxObservationChars observations are cut to this length (M3ToolEval cuts at 2000)
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

    /** {@code user} may be null when no task is conversational. */
    public ExecutorEpisode(ChatModel policy, ActionSandbox sandbox, UserSimulator user, Config config) {
        this.policy = policy;
        this.sandbox = sandbox;
        this.user = user;
        this.config = config;
    }

    public Trajectory run(ExecutorTask task, int sampleIndex, long seed) {
        Environment env = task.environment();
        List<Turn> turns = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<String> said = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        String finalAnswer = null;
        String outcome = null;
        boolean done = false;
        ExecutorTask.Reward reward = null;

        add(turns, messages, Turn.context("system", "system", systemPrompt(env, task.conversational())));
        try (ActionSandbox.Session session = sandbox.open(env)) {
            UserSimulator.Conversation conv = null;
            if (task.conversational()) {
                if (user == null) throw new IllegalStateException("task " + task.id() + " needs a user simulator");
                try {
                    conv = user.start(task.instruction(), seed);
                } catch (ChatModelException e) {
                    info.put("error", e.getMessage());
                    return finish(task, sampleIndex, seed, turns, 0.0, "user_model_error", info);
                }
                add(turns, messages, Turn.context("user", "user", conv.opening()));
            } else {
                add(turns, messages, Turn.context("user", "instruction", "Instruction: " + task.instruction()));
            }

            int t = 0;
            for (; t < config.maxTurns() && !done; t++) {
                if (chars(messages) > config.maxContextChars()) {
                    outcome = "max_tokens";
                    break;
                }
                Completion c;
                try {
                    c = policy.complete(new ChatRequest(messages, config.sampling().withSeed(seed + t)));
                } catch (ChatModelException e) {
                    info.put("error", e.getMessage());
                    outcome = "model_error";
                    break;
                }
                Action action = ActionParser.parse(c.text());
                add(turns, messages, new Turn("assistant", kind(action, task.conversational()), c.text(), c.tokenIds(), c.logprobs(), true,
                        c.finishReason(), List.of()));
                if (action instanceof Action.Code code) {
                    ActionSandbox.Observation obs = session.run(code.code());
                    String text = truncate(obs.text());
                    if (code.extraBlocksIgnored()) text += "\n[Only the first code block of your reply was run.]";
                    add(turns, messages, Turn.observation(text, obs.toolCalls()));
                    if (obs.toolCalls().stream().anyMatch(tc -> task.terminateTools().contains(tc.name()))) {
                        outcome = "terminated";
                        done = true;
                    }
                } else if (action instanceof Action.Malformed m) {
                    add(turns, messages, Turn.observation(m.reason(), List.of()));
                } else if (action instanceof Action.Say say) {
                    said.add(say.text());
                    if (conv != null) {
                        String reply;
                        try {
                            reply = conv.reply(say.text());
                        } catch (ChatModelException e) {
                            info.put("error", e.getMessage());
                            outcome = "user_model_error";
                            break;
                        }
                        add(turns, messages, Turn.context("user", "user", reply));
                        if (conv.stopped()) {
                            outcome = "user_stop";
                            done = true;
                        }
                    } else {
                        finalAnswer = say.answer();
                        Boolean correct = task.checkAnswer(finalAnswer);
                        if (correct == null || correct) {
                            outcome = "answered";
                            done = true;
                        } else {
                            add(turns, messages, Turn.context("user", "feedback", WRONG_ANSWER_FEEDBACK));
                        }
                    }
                }
            }
            if (outcome == null) outcome = "max_turns";
            info.put("policy_turns", turns.stream().filter(Turn::policy).count());
            if (finalAnswer != null) info.put("final_answer", finalAnswer);
            if (done) reward = task.reward(new ExecutorTask.Ending(env, session, said, finalAnswer));
        }
        if (reward != null) info.put("reward_details", reward.details());
        return finish(task, sampleIndex, seed, turns, reward == null ? 0.0 : reward.value(), outcome, info);
    }

    private Trajectory finish(ExecutorTask task, int sampleIndex, long seed, List<Turn> turns, double reward,
                              String outcome, Map<String, Object> info) {
        Lineage lin = new Lineage(task.id(), task.environment().name(), "executor", policy.id(), seed,
                config.sampling().withSeed(seed), sampleIndex, PROMPT, user == null ? null : user.modelId());
        return new Trajectory(Trajectory.idFor(task.id(), sampleIndex, seed), lin, turns, reward, outcome, info);
    }

    /** The system prompt: policy + tool docs + sandbox conventions + action protocol. */
    public String systemPrompt(Environment env, boolean conversational) {
        return Prompts.fill(Prompts.load(PROMPT), Map.of(
                "policy", env.policy() == null ? "" : env.policy().strip(),
                "tool_docs", ToolDocs.render(env.tools()),
                "conventions", sandbox.conventions().strip(),
                "message_rule", Prompts.load(conversational ? "executor_rule_user.v1" : "executor_rule_answer.v1").strip()));
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

    private static void add(List<Turn> turns, List<Message> messages, Turn t) {
        turns.add(t);
        messages.add(new Message(t.role(), t.text()));
    }

    private static long chars(List<Message> messages) {
        long n = 0;
        for (Message m : messages) n += m.content().length();
        return n;
    }
}
