package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.ChallengerEpisode;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.env.Environments;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModels;
import org.selfchallenge.llm.SamplingParams;

/**
 * {@code ./run.sh challenge}: N challenger episodes → one JSON line per episode,
 * {@code {"id","text","env","seed","model","outcome","explore_turns","trace"}}, in the input format of
 * {@code ./run.sh cat verify} (which reads {@code id} and {@code text}).
 *
 * <pre>
 * ./run.sh challenge --env NAME --model SPEC --n N --out FILE [--seed 0] [--turns 8] [--threads 4]
 *     [--temperature 1.0] [--max-new-tokens 2048] [--min-failure-cases 3]
 * </pre>
 * Episode i has id {@code challenge/ENV/SEED/i} and seed {@code Seeds.episode(SEED, ENV, i)}.
 */
public final class ChallengeCli {
    static final String USAGE = "usage: challenge --env retail|airline|calculation|web --model SPEC --n N --out FILE "
            + "[--seed N] [--turns N] [--threads N] [--temperature T] [--max-new-tokens N] [--min-failure-cases N]";
    static final Set<String> OPTIONS = Set.of("env", "model", "n", "out", "seed", "turns", "threads", "temperature",
            "max-new-tokens", "min-failure-cases");
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_MAX_NEW_TOKENS = 2048;

    private ChallengeCli() {
    }

    /** For running without run.sh: {@code java -cp ... org.selfchallenge.cli.ChallengeCli ...}. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArgs a;
        String env;
        int n;
        Path file;
        try {
            a = new CliArgs(args, OPTIONS);
            env = a.required("env");
            a.required("model");
            n = a.intValue("n", 0, 1);
            if (!a.has("n")) throw new CliArgs.BadArgs("--n is required");
            file = Path.of(a.required("out"));
            if (!Environments.CLASSES.containsKey(env)) {
                throw new CliArgs.BadArgs("unknown environment '" + env + "'; valid: "
                        + String.join(", ", Environments.CLASSES.keySet()));
            }
        } catch (CliArgs.BadArgs e) {
            err.println("challenge: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            generate(a, env, n, file, out, err);
            return 0;
        } catch (CliArgs.BadArgs | IllegalArgumentException e) {
            err.println("challenge: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("challenge: failed: " + e);
            return 1;
        }
    }

    private static void generate(CliArgs a, String env, int n, Path file, PrintStream out, PrintStream err)
            throws IOException {
        long seed = a.longValue("seed", 0L);
        int threads = a.intValue("threads", 4, 1);
        SamplingParams sampling = new SamplingParams(a.doubleValue("temperature", DEFAULT_TEMPERATURE), 1.0, 0,
                a.intValue("max-new-tokens", DEFAULT_MAX_NEW_TOKENS, 1), seed, List.of());
        ChallengerEpisode.Config cfg = new ChallengerEpisode.Config(
                a.intValue("turns", ChallengerEpisode.Config.DEFAULT_EXPLORE_TURNS, 0),
                ExecutorEpisode.Config.DEFAULT_MAX_OBSERVATION_CHARS,
                a.intValue("min-failure-cases", ChallengerEpisode.Config.DEFAULT_MIN_FAILURE_CASES, 1), sampling);
        Environments.prototype(env); // fail early on an environment missing from this build
        ObjectMapper json = new ObjectMapper();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ChatModel model = ChatModels.openShared(a.required("model"), threads);
             ActionSandbox sandbox = SandboxFactory.open()) {
            ChallengerEpisode episode = new ChallengerEpisode(model, sandbox, cfg);
            List<Future<ChallengerEpisode.Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "challenge/" + env + "/" + seed + "/" + i;
                long s = Seeds.episode(seed, env, i);
                futures.add(pool.submit(() -> episode.run(Environments.load(env), id, s)));
            }
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            int withTask = 0;
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Future<ChallengerEpisode.Result> f : futures) {
                    ChallengerEpisode.Result r = get(f);
                    if ("task".equals(r.trace().outcome())) withTask++;
                    w.write(json.writeValueAsString(line(json, r)) + "\n");
                }
            }
            out.printf(Locale.ROOT, "challenge %s: %d episodes, %d wrote a task section, %d forced -> %s%n", env, n,
                    withTask, n - withTask, file);
        } finally {
            pool.shutdownNow();
        }
    }

    static ObjectNode line(ObjectMapper json, ChallengerEpisode.Result r) {
        ObjectNode o = json.createObjectNode();
        o.put("id", r.id());
        o.put("text", r.text());
        o.put("env", r.env());
        o.put("seed", r.trace().lineage().seed());
        o.put("model", r.trace().lineage().modelId());
        o.put("outcome", r.trace().outcome());
        Object et = r.trace().info().get("explore_turns");
        if (et instanceof Number num) o.put("explore_turns", num.intValue());
        o.set("trace", json.valueToTree(r.trace()));
        return o;
    }

    private static ChallengerEpisode.Result get(Future<ChallengerEpisode.Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("challenger episode failed: " + e.getCause(), e.getCause());
        }
    }
}
