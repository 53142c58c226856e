package org.selfchallenge.agent;

import org.selfchallenge.cat.ChallengerPrompt;
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
import java.util.Locale;
import java.util.Map;

/**
 * One challenger episode (method.md "Roles"): the policy gets the tool documentation and the
 * Code-as-Task format with one worked example ({@code challenger.v1}), explores the environment with
 * code actions for up to {@code maxExploreTurns} turns, then writes one task. A reply containing
 * {@code <instruction>} is taken as the task; when the exploration budget is spent the policy is told
 * to write the task now and its next reply is taken as it is. The raw text goes to the CaT parser and
 * verifier unchanged — they, not this class, decide whether it is a task.
 *
 * <p>Stateless and thread-safe, like {@link ExecutorEpisode}.
 */
public final class ChallengerEpisode {
    public static final String PROMPT = "challenger.v1";
    static final String START = "Start by exploring the environment with code.";
    static final String NUDGE = "Reply with one ```python code block to explore, or with the finished task in the"
            + " <instruction>/<evaluation_function>/<solution>/<failure_case> format.";
    static final String WRITE_NOW = "You have used all your exploration turns. Write the task now, in the format above.";

    /**
     * @param maxExploreTurns     code-action turns before the task must be written
     * @param maxObservationChars observations are cut to this length
     * @param minFailureCases     asked for in the prompt (the verifier enforces its own minimum)
     * @param sampling            sampling parameters; the seed is replaced per turn
     */
    public record Config(int maxExploreTurns, int maxObservationChars, int minFailureCases, SamplingParams sampling) {
        public static final int DEFAULT_EXPLORE_TURNS = 8;
        public static final int DEFAULT_MIN_FAILURE_CASES = 3;
    }

    /** The challenger's output: the raw task text (as written) and the whole episode as a trajectory. */
    public record Result(String id, String env, String text, Trajectory trace) {
    }

    private final ChatModel policy;
    private final ActionSandbox sandbox;
    private final Config config;

    public ChallengerEpisode(ChatModel policy, ActionSandbox sandbox, Config config) {
        this.policy = policy;
        this.sandbox = sandbox;
        this.config = config;
    }

    /** {@code env} is a fresh environment owned by this episode; exploring may change it. */
    public Result run(Environment env, String id, long seed) {
        List<Turn> turns = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        String text = "";
        String outcome = "no_task";
        add(turns, messages, Turn.context("system", "system", systemPrompt(env)));
        add(turns, messages, Turn.context("user", "instruction", START));
        try (ActionSandbox.Session session = sandbox.open(env)) {
            int explored = 0;
            for (int t = 0; ; t++) {
                boolean lastChance = explored >= config.maxExploreTurns();
                if (lastChance) add(turns, messages, Turn.context("user", "instruction", WRITE_NOW));
                Completion c;
                try {
                    c = policy.complete(new ChatRequest(messages, config.sampling().withSeed(seed + t)));
                } catch (ChatModelException e) {
                    info.put("error", e.getMessage());
                    outcome = "model_error";
                    break;
                }
                String reply = c.text() == null ? "" : c.text();
                boolean isTask = reply.toLowerCase(Locale.ROOT).contains("<instruction>");
                Action action = isTask ? null : ActionParser.parse(reply);
                add(turns, messages, new Turn("assistant", isTask ? "cat" : kind(action), reply, c.tokenIds(),
                        c.logprobs(), true, c.finishReason(), List.of()));
                if (isTask || lastChance) {
                    text = reply;
                    outcome = isTask ? "task" : "forced";
                    break;
                }
                if (action instanceof Action.Code code) {
                    explored++;
                    ActionSandbox.Observation obs = session.run(code.code());
                    String o = obs.text() == null ? "" : obs.text();
                    if (o.length() > config.maxObservationChars()) {
                        o = o.substring(0, config.maxObservationChars()) + ExecutorEpisode.TRUNCATED;
                    }
                    add(turns, messages, Turn.observation(o, obs.toolCalls()));
                } else {
                    // a message or a malformed reply still uses up a turn, so a chatty model cannot loop forever
                    explored++;
                    String why = action instanceof Action.Malformed m ? m.reason() + " " : "";
                    add(turns, messages, Turn.observation(why + NUDGE, List.of()));
                }
            }
            info.put("explore_turns", explored);
        }
        Lineage lin = new Lineage(id, env.name(), "challenger", policy.id(), seed, config.sampling().withSeed(seed), 0,
                PROMPT, null);
        Trajectory trace = new Trajectory(Trajectory.idFor(id, 0, seed), lin, turns, 0.0, outcome, info);
        return new Result(id, env.name(), text, trace);
    }

    public String systemPrompt(Environment env) {
        boolean answerBased = env.kind() == Environment.Kind.ANSWER_BASED;
        return Prompts.fill(Prompts.load(PROMPT), Map.of(
                "env", env.name(),
                "policy", env.policy() == null || env.policy().isBlank() ? "(none)" : env.policy().strip(),
                "tool_docs", ToolDocs.render(env.tools()),
                "cat_format", ChallengerPrompt.conventions().strip(),
                "max_turns", Integer.toString(config.maxExploreTurns()),
                "instruction_rule", answerBased
                        ? "The task must have one exact answer, which the agent gives as its final answer."
                        : "Write the instruction as the user's persona and goal (\"You are ... You want to ...\"): a"
                        + " simulated user will act it out, so include every id or detail the agent needs from the user.",
                "min_failure_cases", Integer.toString(config.minFailureCases()),
                "example", ChallengerExamples.forEnv(env.name()).strip()));
    }

    private static String kind(Action a) {
        if (a instanceof Action.Code) return "code";
        if (a instanceof Action.Say) return "message";
        return "malformed";
    }

    private static void add(List<Turn> turns, List<Message> messages, Turn t) {
        turns.add(t);
        messages.add(new Message(t.role(), t.text()));
    }
}
