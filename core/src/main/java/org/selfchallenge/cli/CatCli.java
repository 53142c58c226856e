package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.selfchallenge.cat.CatParser;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.io.InputLines;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SandboxUnavailableException;

/**
 * {@code run.sh cat verify --env retail|airline|calculation|web --in FILE [--out FILE] [--timeout-ms N]
 * [--min-failure-cases N] [--workers N]}.
 *
 * <p>FILE has JSON lines {@code {"id": "...", "text": "<raw challenger output>"}}; one JSON line per
 * input is written (to --out or stdout, input order): {@code {"id", "valid", "reason", "detail",
 * "runs", "total_ms"}}. A line that is not such an object gets {@code PARSE_ERROR} with the line
 * number and what is wrong with it (longer than {@link InputLines#DEFAULT_MAX_LINE_BYTES} bytes, not
 * UTF-8, not JSON, not an object, no string "text"). A summary goes to stderr: counts per reason and verifications/s. Exit codes: 0 done,
 * 1 I/O or sandbox failure, 2 bad arguments.
 */
public final class CatCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        PrintStream err = System.err;
        if (args.length == 0 || !"verify".equals(args[0])) {
            err.println(usage());
            return 2;
        }
        String env = null;
        String in = null;
        String out = null;
        long timeoutMs = SandboxLimits.DEFAULT_TIMEOUT_MS;
        int minFailures = CatParser.DEFAULT_MIN_FAILURE_CASES;
        int workers = Runtime.getRuntime().availableProcessors();
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                switch (a) {
                    case "--env" -> env = v;
                    case "--in" -> in = v;
                    case "--out" -> out = v;
                    case "--timeout-ms" -> timeoutMs = Long.parseLong(v);
                    case "--min-failure-cases" -> minFailures = Integer.parseInt(v);
                    case "--workers" -> workers = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
                i++;
            }
            if (env == null || in == null) {
                throw new IllegalArgumentException("--env and --in are required");
            }
            if (timeoutMs <= 0 || workers <= 0 || minFailures < 0) {
                throw new IllegalArgumentException("--timeout-ms, --workers must be > 0, --min-failure-cases >= 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("cat verify: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        Environment prototype;
        try {
            prototype = Environments.prototype(env);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("cat verify: " + e.getMessage());
            return 2;
        }
        Path inPath = Path.of(in);
        if (!Files.isReadable(inPath)) {
            err.println("cat verify: cannot read " + in);
            return 2;
        }
        try (PythonWorkerPool pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(workers))) {
            CatParser parser = new CatParser(CatParser.Options.defaults().withMinFailureCases(minFailures));
            Verifier verifier = new Verifier(pool, parser, SandboxLimits.DEFAULT.withTimeoutMs(timeoutMs));
            return verifyFile(verifier, prototype, inPath, out == null ? null : Path.of(out), workers, err);
        } catch (SandboxUnavailableException e) {
            err.println("cat verify: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cat verify: " + e);
            return 1;
        }
    }

    static String usage() {
        return "usage: run.sh cat verify --env retail|airline|calculation|web --in FILE [--out FILE] "
                + "[--timeout-ms N] [--min-failure-cases N] [--workers N]";
    }

    private static int verifyFile(Verifier verifier, Environment prototype, Path in, Path out, int threads,
                                  PrintStream err) throws IOException {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        long t0 = System.nanoTime();
        int n = 0;
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        Deque<Future<Object[]>> window = new ArrayDeque<>();
        int maxInFlight = threads * 4;
        // stdout is flushed, never closed (run() may be called inside a longer-lived JVM)
        Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (InputLines r = new InputLines(Files.newInputStream(in), InputLines.DEFAULT_MAX_LINE_BYTES)) {
            InputLines.Line line;
            while ((line = r.next()) != null) {
                if (line.ok() && line.text().isBlank()) {
                    continue;
                }
                InputLines.Line l = line;
                window.add(exec.submit(() -> verifyLine(verifier, prototype, l)));
                if (window.size() >= maxInFlight) {
                    n += drain(window.poll(), w, counts);
                }
            }
            while (!window.isEmpty()) {
                n += drain(window.poll(), w, counts);
            }
        } finally {
            exec.shutdownNow();
            w.flush();
            if (out != null) {
                w.close();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder sb = new StringBuilder("cat verify: ").append(n).append(" tasks in ")
                .append(String.format("%.2f", secs)).append(" s (")
                .append(String.format("%.1f", n / Math.max(secs, 1e-9))).append(" verifications/s, ")
                .append(threads).append(" workers)");
        for (Map.Entry<Reason, Integer> e : counts.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        err.println(sb);
        return 0;
    }

    private static int drain(Future<Object[]> f, Writer w, Map<Reason, Integer> counts) throws IOException {
        Object[] res;
        try {
            res = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("verification failed: " + e.getCause(), e.getCause()); // verifyLine catches all
        }
        counts.merge((Reason) res[0], 1, Integer::sum);
        w.write(escapeLoneSurrogates((String) res[1]));
        w.write('\n');
        return 1;
    }

    /**
     * A lone UTF-16 surrogate (Python's {@code print('\\ud800')} reaches us as one) has no UTF-8 form, and
     * the strict encoder of the output file would fail the whole batch on it. It can only occur inside a
     * JSON string, where the escape {@code \\uXXXX} reads back as the very same char.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder sb = null;
        for (int k = 0; k < json.length(); k++) {
            char c = json.charAt(k);
            boolean lone = Character.isHighSurrogate(c)
                    ? k + 1 >= json.length() || !Character.isLowSurrogate(json.charAt(k + 1))
                    : Character.isLowSurrogate(c) && (k == 0 || !Character.isHighSurrogate(json.charAt(k - 1)));
            if (lone && sb == null) {
                sb = new StringBuilder(json.length() + 16).append(json, 0, k);
            }
            if (sb != null) {
                if (lone) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? json : sb.toString();
    }

    /**
     * Returns {reason, json line}. Never throws: a line that cannot be read as a task, or a failure of
     * the verifier itself, is that line's outcome, and every other line is still verified.
     */
    static Object[] verifyLine(Verifier verifier, Environment prototype, InputLines.Line line) {
        String id = null;
        String problem = line.ok() ? null : "is " + line.problem();
        String text = null;
        if (problem == null) {
            try {
                JsonNode node = JSON.readTree(line.text());
                if (node == null || !node.isObject()) {
                    problem = "is not a JSON object";
                } else {
                    JsonNode idNode = node.get("id");
                    id = idNode == null || idNode.isNull() ? null : idNode.asText();
                    JsonNode t = node.get("text");
                    text = t != null && t.isTextual() ? t.textValue() : null;
                    if (text == null) {
                        problem = t == null ? "has no field \"text\"" : "has a \"text\" that is not a string";
                    }
                }
            } catch (IOException e) {
                problem = "is not JSON (" + firstLine(e.getMessage()) + ")";
            }
        }
        if (problem != null) {
            Verdict bad = new Verdict(false, Reason.PARSE_ERROR, "input line " + line.number() + " " + problem,
                    null, List.of(), 0);
            return new Object[] {Reason.PARSE_ERROR, bad.toJson(id)};
        }
        try {
            Verdict v = verifier.verify(prototype, text);
            return new Object[] {v.reason(), v.toJson(id)};
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Verdict failed = new Verdict(false, Reason.SANDBOX_CRASH, "input line " + line.number()
                    + ": the verifier failed on this task: " + e, null, List.of(), 0);
            return new Object[] {Reason.SANDBOX_CRASH, failed.toJson(id)};
        }
    }

    /** Jackson's messages go on to quote the source over several lines; the first says what is wrong. */
    private static String firstLine(String msg) {
        if (msg == null) {
            return "unreadable";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
