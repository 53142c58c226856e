package org.selfchallenge.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.selfchallenge.bench.BenchmarkEvaluator;
import org.selfchallenge.bench.BenchmarkTask;
import org.selfchallenge.bench.BenchmarkTasks;
import org.selfchallenge.bench.EvalSummary;
import org.selfchallenge.bench.NoopPolicy;
import org.selfchallenge.bench.SelfCheckUser;
import org.selfchallenge.bench.TaskResult;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModels;
import org.selfchallenge.llm.SamplingParams;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./run.sh eval}: benchmark evaluation of a policy on τ-bench retail/airline or M3ToolEval
 * calculation/web test tasks, with the benchmarks' own checks.
 *
 * <pre>
 * ./run.sh eval --env retail|airline|calculation|web [--split test] (--model SPEC | --policy gold-replay|noop)
 *     [--user-model SPEC] [--samples 4] [--out DIR] [--seed 0] [--threads 4] [--limit N]
 *     [--temperature 0.7] [--top-p 1.0] [--max-new-tokens 1024] [--user-temperature 0.0] [--max-turns N]
 * </pre>
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
        String env = a.required("env");
        String split = a.get("split", "test");
        int samples = a.intValue("samples", DEFAULT_SAMPLES, 1);
        long seed = a.longValue("seed", 0L);
        int threads = a.intValue("threads", 4, 1);
        Path dir = Path.of(a.get("out", "out/eval/" + env + "-" + split));
        List<BenchmarkTask> tasks = BenchmarkTasks.load(env, split);
        if (a.has("limit")) tasks = tasks.subList(0, Math.min(tasks.size(), a.intValue("limit", 0, 1)));
        boolean conversational = BenchmarkTasks.conversational(env);

        String policyMode = a.get("policy", null);
        ChatModel model = policyMode == null ? ChatModels.open(a.required("model"))
                : "noop".equals(policyMode) ? new NoopPolicy() : null;
        ChatModel userModel = !conversational ? null
                : a.has("user-model") ? ChatModels.open(a.get("user-model", null))
                : policyMode != null ? new SelfCheckUser() : model;
        SamplingParams sampling = new SamplingParams(a.doubleValue("temperature", DEFAULT_TEMPERATURE),
                a.doubleValue("top-p", 1.0), 0, a.intValue("max-new-tokens", DEFAULT_MAX_NEW_TOKENS, 1), seed, List.of());
        SamplingParams userSampling = new SamplingParams(a.doubleValue("user-temperature", 0.0), 1.0, 0,
                DEFAULT_USER_MAX_NEW_TOKENS, seed, List.of());
        int maxTurns = a.intValue("max-turns", conversational ? ExecutorEpisode.Config.TAU_MAX_TURNS
                : ExecutorEpisode.Config.M3_MAX_TURNS, 1);
        ExecutorEpisode.Config cfg = ExecutorEpisode.Config.defaults(maxTurns, sampling);
        UserSimulator user = userModel == null ? null : new UserSimulator(userModel, userSampling);

        try (ActionSandbox sandbox = SandboxFactory.open()) {
            ChatModel fixedModel = model;
            BenchmarkEvaluator evaluator = new BenchmarkEvaluator(bt -> new ExecutorEpisode(
                    fixedModel != null ? fixedModel : bt.goldReplay(), sandbox, user, cfg), samples, seed, threads);
            int total = tasks.size() * samples;
            AtomicInteger done = new AtomicInteger();
            long t0 = System.nanoTime();
            String modelId = model != null ? model.id() : "self-check:gold-replay";
            BenchmarkEvaluator.Report report = evaluator.evaluate(env, split, tasks, modelId,
                    userModel == null ? null : userModel.id(), t -> {
                        int d = done.incrementAndGet();
                        if (d % Math.max(1, total / 20) == 0 || d == total) {
                            err.printf(Locale.ROOT, "eval %s: %d/%d episodes (%.1f s)%n", env, d, total,
                                    (System.nanoTime() - t0) / 1e9);
                        }
                    });
            write(dir, report);
            printTable(out, report.summary(), dir);
        } finally {
            if (model != null) model.close();
            if (userModel != null && userModel != model) userModel.close();
        }
        return 0;
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

    static void printTable(PrintStream out, EvalSummary s, Path dir) {
        out.printf(Locale.ROOT, "%-12s %-6s %6s %8s %8s %8s%n", "env", "split", "tasks", "samples", "Pass@1",
                "Pass@" + s.samples());
        out.printf(Locale.ROOT, "%-12s %-6s %6d %8d %7.1f%% %7.1f%%%n", s.env(), s.split(), s.tasks(), s.samples(),
                100 * s.pass_at_1(), 100 * s.pass_at_k());
        out.println("results: " + dir.resolve("results.jsonl") + "  summary: " + dir.resolve("summary.json"));
    }
}
