package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.bench.BenchmarkEvaluator;
import org.selfchallenge.bench.BenchmarkTask;
import org.selfchallenge.bench.BenchmarkTasks;
import org.selfchallenge.bench.EvalSummary;
import org.selfchallenge.bench.GoldReplayPolicy;
import org.selfchallenge.bench.NoopPolicy;
import org.selfchallenge.bench.SelfCheckUser;
import org.selfchallenge.bench.TaskResult;
import org.selfchallenge.bench.m3.M3Protocol;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModels;
import org.selfchallenge.llm.SamplingParams;

/**
 * {@code ./run.sh eval}: benchmark evaluation of a policy on τ-bench retail/airline or M3ToolEval
 * calculation/web test tasks, with the benchmarks' own checks.
 *
 * <pre>
 * ./run.sh eval --env retail|airline|calculation|web [--split test] (--model SPEC | --policy gold-replay|noop)
 *     [--user-model SPEC] [--samples 4] [--out DIR] [--seed 0] [--threads 4] [--limit N]
 *     [--temperature 0.7] [--top-p 1.0] [--max-new-tokens 1024] [--user-temperature 0.0] [--max-turns N]
 * </pre>
 * {@code --env} may be a comma list ({@code retail,airline,calculation,web}): each environment then writes
 * to {@code DIR/ENV/} and {@code DIR/summary.json} holds every environment's summary and their average.
 * Writes {@code DIR/results.jsonl} (one line per task), {@code DIR/trajectories.jsonl} (every episode) and
 * {@code DIR/summary.json} ({@code {"env","split","tasks","samples","pass_at_1","pass_at_k",...}}), and
 * prints a table. SPEC is a checkpoint directory (tf-models) or {@code openai:URL#model}.
 *
 * <p><b>Self-check</b> ({@code --policy}): {@code gold-replay} replays each task's ground-truth actions
 * as code actions and says the required outputs, through the real episode loop, sandbox and reward;
 * it must score 100% on retail and airline test. {@code noop} only declines; it must score exactly the
 * share of tasks whose ground truth leaves the data unchanged and needs no outputs. Without
 * {@code --user-model}, these use a fixed scripted user ({@link SelfCheckUser}). With {@code --model}
 * and no {@code --user-model}, the policy model also plays the user.
 */
public final class EvalCli {
    static final String USAGE = "usage: eval --env retail|airline|calculation|web [--split test] "
            + "(--model <checkpoint dir | openai:URL#model> | --policy gold-replay|noop) [--user-model SPEC] "
            + "(--env takes a comma list, e.g. retail,airline,calculation,web: per-env dirs + averaged summary) "
            + "[--samples 4] [--out DIR] [--seed N] [--threads N] [--limit N] [--temperature T] [--top-p P] "
            + "[--max-new-tokens N] [--user-temperature T] [--max-turns N]";
    static final Set<String> OPTIONS = Set.of("env", "split", "model", "policy", "user-model", "samples", "out", "seed",
            "threads", "limit", "temperature", "top-p", "max-new-tokens", "user-temperature", "max-turns");
    public static final double DEFAULT_TEMPERATURE = 0.7;
    public static final int DEFAULT_MAX_NEW_TOKENS = 1024;
    public static final int DEFAULT_SAMPLES = 4;
    public static final int DEFAULT_USER_MAX_NEW_TOKENS = 256;

    private EvalCli() {
    }

    /** For running without run.sh: {@code java -cp ... org.selfchallenge.cli.EvalCli ...}. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArgs a;
        try {
            a = new CliArgs(args, OPTIONS);
            a.required("env");
            if (a.has("model") == a.has("policy")) throw new CliArgs.BadArgs("give exactly one of --model and --policy");
            if (a.has("policy") && !Set.of("gold-replay", "noop").contains(a.get("policy", ""))) {
                throw new CliArgs.BadArgs("--policy must be gold-replay or noop");
            }
        } catch (CliArgs.BadArgs e) {
            err.println("eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return evaluate(a, out, err);
        } catch (CliArgs.BadArgs | IllegalArgumentException e) {
            err.println("eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("eval: failed: " + e);
            return 1;
        }
    }

    private static int evaluate(CliArgs a, PrintStream out, PrintStream err) throws IOException {
        List<String> envs = List.of(a.required("env").split(","));
        String split = a.get("split", "test");
        int samples = a.intValue("samples", DEFAULT_SAMPLES, 1);
        long seed = a.longValue("seed", 0L);
        int threads = a.intValue("threads", 4, 1);
        Path dir = Path.of(a.get("out", "out/eval/" + String.join("-", envs) + "-" + split));
        Map<String, List<BenchmarkTask>> tasks = new LinkedHashMap<>();
        for (String env : envs) {
            List<BenchmarkTask> t = BenchmarkTasks.load(env, split); // validates every env before any work
            if (a.has("limit")) t = t.subList(0, Math.min(t.size(), a.intValue("limit", 0, 1)));
            tasks.put(env, t);
        }
        boolean anyConversational = envs.stream().anyMatch(BenchmarkTasks::conversational);

        String policyMode = a.get("policy", null);
        ChatModel model = policyMode == null ? ChatModels.openShared(a.required("model"), threads)
                : "noop".equals(policyMode) ? new NoopPolicy() : null;
        ChatModel userModel = !anyConversational ? null
                : a.has("user-model") ? ChatModels.openShared(a.get("user-model", null), threads)
                : policyMode != null ? new SelfCheckUser() : model;
        SamplingParams sampling = new SamplingParams(a.doubleValue("temperature", DEFAULT_TEMPERATURE),
                a.doubleValue("top-p", 1.0), 0, a.intValue("max-new-tokens", DEFAULT_MAX_NEW_TOKENS, 1), seed, List.of());
        SamplingParams userSampling = new SamplingParams(a.doubleValue("user-temperature", 0.0), 1.0, 0,
                DEFAULT_USER_MAX_NEW_TOKENS, seed, List.of());
        UserSimulator user = userModel == null ? null : new UserSimulator(userModel, userSampling);
        String modelId = model != null ? model.id() : GoldReplayPolicy.ID;

        List<EvalSummary> summaries = new ArrayList<>();
        try (ActionSandbox sandbox = SandboxFactory.open()) {
            for (String env : envs) {
                boolean conversational = BenchmarkTasks.conversational(env);
                int maxTurns = a.intValue("max-turns", conversational ? ExecutorEpisode.Config.TAU_MAX_TURNS
                        : ExecutorEpisode.Config.M3_MAX_TURNS, 1);
                // M3ToolEval cuts tool output at 2000 characters; τ-bench records can be longer
                ExecutorEpisode.Config cfg = new ExecutorEpisode.Config(maxTurns,
                        ExecutorEpisode.Config.DEFAULT_MAX_CONTEXT_CHARS, conversational
                        ? ExecutorEpisode.Config.DEFAULT_MAX_OBSERVATION_CHARS : M3Protocol.MAX_TOOL_OUTPUT_CHARS,
                        sampling);
                ChatModel fixedModel = model;
                BenchmarkEvaluator evaluator = new BenchmarkEvaluator(bt -> new ExecutorEpisode(
                        fixedModel != null ? fixedModel : bt.goldReplay(), sandbox, user, cfg), samples, seed, threads);
                int total = tasks.get(env).size() * samples;
                AtomicInteger done = new AtomicInteger();
                long t0 = System.nanoTime();
                BenchmarkEvaluator.Report report = evaluator.evaluate(env, split, tasks.get(env), modelId,
                        conversational && userModel != null ? userModel.id() : null, t -> {
                            int d = done.incrementAndGet();
                            if (d % Math.max(1, total / 20) == 0 || d == total) {
                                err.printf(Locale.ROOT, "eval %s: %d/%d episodes (%.1f s)%n", env, d, total,
                                        (System.nanoTime() - t0) / 1e9);
                            }
                        });
                write(envs.size() == 1 ? dir : dir.resolve(env), report);
                summaries.add(report.summary());
            }
        } finally {
            if (model != null) model.close();
            if (userModel != null && userModel != model) userModel.close();
        }
        if (envs.size() > 1) writeAverage(dir, split, samples, summaries);
        printTable(out, summaries, dir);
        return 0;
    }

    /** {@code DIR/summary.json} of a multi-environment run: each environment's summary and their mean. */
    static void writeAverage(Path dir, String split, int samples, List<EvalSummary> summaries) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", summaries.stream().map(EvalSummary::env).toList());
        m.put("split", split);
        m.put("tasks", summaries.stream().mapToInt(EvalSummary::tasks).sum());
        m.put("samples", samples);
        m.put("pass_at_1", summaries.stream().mapToDouble(EvalSummary::passAt1).average().orElse(0));
        m.put("pass_at_k", summaries.stream().mapToDouble(EvalSummary::passAtK).average().orElse(0));
        m.put("per_env", summaries);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), json.writeValueAsString(m) + "\n");
    }

    static void write(Path dir, BenchmarkEvaluator.Report report) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (TaskResult r : report.results()) w.write(json.writeValueAsString(r) + "\n");
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("trajectories.jsonl"), StandardCharsets.UTF_8)) {
            for (Trajectory t : report.trajectories()) w.write(TrajectoryJson.write(t) + "\n");
        }
        Files.writeString(dir.resolve("summary.json"),
                json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.summary()) + "\n");
    }

    static void printTable(PrintStream out, List<EvalSummary> rows, Path dir) {
        int k = rows.get(0).samples();
        out.printf(Locale.ROOT, "%-12s %-6s %6s %8s %8s %8s%n", "env", "split", "tasks", "samples", "Pass@1", "Pass@" + k);
        for (EvalSummary s : rows) {
            out.printf(Locale.ROOT, "%-12s %-6s %6d %8d %7.1f%% %7.1f%%%n", s.env(), s.split(), s.tasks(), s.samples(),
                    100 * s.passAt1(), 100 * s.passAtK());
        }
        if (rows.size() > 1) {
            out.printf(Locale.ROOT, "%-12s %-6s %6d %8d %7.1f%% %7.1f%%%n", "average", rows.get(0).split(),
                    rows.stream().mapToInt(EvalSummary::tasks).sum(), k,
                    100 * rows.stream().mapToDouble(EvalSummary::passAt1).average().orElse(0),
                    100 * rows.stream().mapToDouble(EvalSummary::passAtK).average().orElse(0));
        }
        out.println("results: " + dir + (rows.size() > 1 ? "/<env>" : "") + "/results.jsonl  summary: "
                + dir.resolve("summary.json"));
    }
}
