package org.selfchallenge.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.selfchallenge.env.Environment;

/**
 * One long-lived CPython fork server ({@code worker.py}) and the JSON-lines protocol to it. The server
 * runs no model code itself: each run happens in a child process of its own (see worker.py).
 *
 * <h2>Protocol (one JSON object per line; all non-ASCII escaped)</h2>
 * Java → worker:
 * <ul>
 *   <li>{@code {"op":"tools","tools":[{"name","params":[..],"varargs","required":[..]}]}} — bind tools</li>
 *   <li>{@code {"op":"steps","eval":SRC,"steps":[{"c":0,"chk":1} | {"c":i,"code":SRC,"ar":bool} | {"c":i,"ev":bool}],"lim":[keep,hard]}}
 *       — verification: the compile check, then each case and each evaluate() in a fresh process</li>
 *   <li>{@code {"op":"run","code":SRC,"fresh":bool,"lim":[..]}} — one code action in the episode's process</li>
 *   <li>{@code {"op":"eval","src":SRC,"a":JSON,"lim":[..]}} — evaluate() in a fresh process (ends the episode's)</li>
 *   <li>{@code {"op":"gc"}} — end the episode's process and collect garbage</li>
 * </ul>
 * Worker → Java: {@code {"t":"ready","ns":bool}} once; during a request any number of
 * {@code {"t":"call","c":case,"n":tool,"a":{kwargs}}} ({@code c} is the case the server bound the calling
 * process to; Java answers each with one line, see {@link ToolBridge}), one {@code {"t":"r","r":{result}}}
 * per finished run ({@code ts} = its end on the monotonic clock, which restarts the per-run wall clock
 * here), then {@code {"t":"done","cpu":s}}. A result has {@code s} (ok/raised/syntax/noeval/output/crash),
 * {@code o} stdout kept, {@code n} chars printed, {@code e} error, {@code v} evaluate's bool or
 * {@code vt}/{@code vr} type/repr, {@code a} submitted answer as JSON text, {@code d}/{@code w} seconds
 * running/waiting for tools, {@code p} seconds the server spent obtaining and ending the run's process.
 *
 * <p>Wall-clock limits: {@link #deadlineNanos} is restarted at each run; the {@link Watchdog} kills
 * the server (its children die with it) when it passes, which turns into EOF here and a TIMEOUT result
 * for the run whose result had not arrived.
 */
final class PythonWorker {
    /** Longest protocol line accepted; anything longer is a broken or hostile worker. */
    static final int MAX_LINE_BYTES = 16 << 20;
    /** How long a new worker may take to import its modules and lock itself down. */
    static final long STARTUP_TIMEOUT_MS = 20_000;

    private static final String SCRIPT = loadScript();
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();
    /** CPU seconds used by all workers of this JVM (as each reports after a request; start-up excluded). */
    static final java.util.concurrent.atomic.DoubleAdder TOTAL_CPU = new java.util.concurrent.atomic.DoubleAdder();
    /** Runs worker.py (argv[1]) with a private copy of the builtins dict (see worker.py). */
    private static final String BOOT = "import sys, builtins\nexec(compile(sys.argv[1], '<sandbox-worker>', 'exec'), "
            + "{'__builtins__': dict(builtins.__dict__), '__name__': '__sandbox_worker__'})";

    private final Process process;
    private final OutputStream out;
    private final InputStream in;
    private final JsonGenerator gen;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;

    volatile long deadlineNanos = Long.MAX_VALUE;
    volatile boolean killedByWatchdog;
    private volatile boolean dead;
    /** The tools message last sent (identity), to skip resending for the same environment kind. */
    Object toolsKey;
    int requests;
    double cpuSeconds;

    private PythonWorker(Process p) {
        this.process = p;
        this.out = new BufferedOutputStream(p.getOutputStream(), 1 << 16);
        this.in = p.getInputStream();
        try {
            this.gen = WireValues.FACTORY.createGenerator(out);
            this.gen.setRootValueSeparator(null); // one request per line, no leading blank
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadScript() {
        try (InputStream s = PythonWorker.class.getResourceAsStream("worker.py")) {
            if (s == null) {
                throw new IllegalStateException("resource org/selfchallenge/sandbox/worker.py missing");
            }
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks that the interpreter exists; the message says what to install. */
    static void checkPython(String python) {
        if (!Files.isExecutable(Path.of(python))) {
            throw new SandboxUnavailableException("CPython not found at " + python + ": install it (Debian: "
                    + "apt-get install python3 libseccomp2) or point -D" + PythonWorkerPool.PYTHON_PROPERTY
                    + " at a CPython 3.9+ binary");
        }
    }

    /** Starts a worker and waits until it has locked itself down. */
    static PythonWorker start(PythonWorkerPool.Config cfg) {
        checkPython(cfg.python());
        ProcessBuilder pb = new ProcessBuilder(cfg.python(), "-S", "-s", "-B", "-c", BOOT, SCRIPT,
                Long.toString(cfg.memoryBytes()), Integer.toString(cfg.cpuSeconds()),
                Long.toString(ProcessHandle.current().pid()), cfg.namespaces());
        pb.environment().clear();
        pb.environment().put("PYTHONHASHSEED", "0"); // deterministic set/dict-of-str order; cleared in the worker
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot start " + cfg.python() + ": " + e.getMessage(), e);
        }
        PythonWorker w = new PythonWorker(p);
        w.deadlineNanos = System.nanoTime() + STARTUP_TIMEOUT_MS * 1_000_000L;
        Watchdog.INSTANCE.watch(w);
        JsonNode first = null;
        try {
            byte[] line = w.readLine();
            first = line == null ? null : WireValues.MAPPER.readTree(line, 0, w.lastLen);
        } catch (IOException e) {
            first = null;
        }
        w.deadlineNanos = Long.MAX_VALUE;
        if (first != null && "ready".equals(first.path("t").asText())) {
            if (!first.path("ns").asBoolean(false) && !"off".equals(cfg.namespaces()) && !WARNED.getAndSet(true)) {
                System.err.println("warning: the sandbox runs without namespaces (" + first.path("why").asText()
                        + "): model code is confined by seccomp and rlimits only, with the host's file system and network "
                        + "namespace around it");
            }
            return w;
        }
        w.kill();
        String why = first != null && "fatal".equals(first.path("t").asText()) ? first.path("m").asText()
                : "the worker exited during start-up" + (w.killedByWatchdog ? " (timed out)" : "")
                + "; check that " + cfg.python() + " is CPython 3 and libseccomp2 is installed "
                + "(Debian: apt-get install python3 libseccomp2)";
        throw new SandboxUnavailableException("sandbox worker failed to start: " + why);
    }

    boolean dead() {
        return dead || !process.isAlive();
    }

    /** Kills the process (SIGKILL); pending reads see EOF. */
    void kill() {
        dead = true;
        Watchdog.INSTANCE.unwatch(this);
        process.destroyForcibly();
    }

    void killByWatchdog() {
        killedByWatchdog = true;
        kill();
    }

    /** Writes one request line. */
    void send(RequestWriter writer) throws IOException {
        writer.write(gen);
        gen.flush();
        out.write('\n');
        out.flush();
    }

    /** Writes the request, answers tool calls and collects run results until "done". */
    Exchange exchange(RequestWriter request, IntFunction<Environment> envForCase, boolean stringConvention,
                      SandboxLimits limits, int maxRuns) {
        requests++;
        List<RunResult> runs = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        long timeoutNanos = limits.timeoutMs() * 1_000_000L;
        long runStart = System.nanoTime();
        deadlineNanos = runStart + timeoutNanos;
        try {
            send(request);
            while (true) {
                byte[] line = readLine();
                if (line == null) {
                    return broken(runs, calls, runStart, null);
                }
                JsonNode msg;
                try {
                    msg = WireValues.MAPPER.readTree(line, 0, lastLen);
                } catch (IOException e) {
                    kill();
                    return broken(runs, calls, runStart, "protocol error: " + e.getMessage());
                }
                String t = msg.path("t").asText();
                if ("call".equals(t)) {
                    JsonNode args = msg.get("a");
                    Object kw = args == null ? null : WireValues.read(args);
                    if (!(kw instanceof Map<?, ?>)) {
                        kill();
                        return broken(runs, calls, runStart, "protocol error: bad tool call");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> kwargs = (Map<String, Object>) kw;
                    Environment env = envForCase.apply(msg.path("c").asInt(0));
                    ToolCall tc = ToolBridge.answer(env, stringConvention, msg.path("n").asText(), kwargs,
                            calls.size() >= limits.maxToolCalls(), gen);
                    gen.flush();
                    out.write('\n');
                    out.flush();
                    calls.add(tc);
                } else if ("r".equals(t)) {
                    if (runs.size() >= maxRuns) {
                        kill();
                        return broken(runs, calls, runStart, "protocol error: more results than runs requested");
                    }
                    // results may arrive batched: "ts" (CLOCK_MONOTONIC, as nanoTime) is when the run
                    // ended, i.e. when the next one started; clamped so a forged value buys no time
                    long now = System.nanoTime();
                    long ts = msg.path("r").path("ts").asLong(0);
                    long end = ts <= 0 || ts - now > 0 ? now : ts - runStart < 0 ? runStart : ts;
                    runs.add(toResult(msg.get("r"), calls, end - runStart));
                    calls = new ArrayList<>();
                    runStart = end;
                    deadlineNanos = end + timeoutNanos;
                } else if ("done".equals(t)) {
                    deadlineNanos = Long.MAX_VALUE;
                    double cpu = msg.path("cpu").asDouble();
                    if (cpu > cpuSeconds) {
                        TOTAL_CPU.add(cpu - cpuSeconds);
                    }
                    cpuSeconds = cpu;
                    return new Exchange(runs, true);
                } else {
                    kill();
                    return broken(runs, calls, runStart, "protocol error: unexpected message " + t);
                }
            }
        } catch (IOException e) {
            return broken(runs, calls, runStart, null);
        } catch (RuntimeException e) {
            // e.g. Environment.fresh() failing: a recorded outcome, never an exception out of a verifier
            kill();
            return broken(runs, calls, runStart, "sandbox host error: " + e);
        }
    }

    private Exchange broken(List<RunResult> runs, List<ToolCall> calls, long runStart, String why) {
        long nanos = System.nanoTime() - runStart;
        deadlineNanos = Long.MAX_VALUE;
        kill();
        RunStatus st = killedByWatchdog ? RunStatus.TIMEOUT : RunStatus.CRASH;
        String msg = why != null ? why : killedByWatchdog ? "wall-clock limit exceeded; worker killed"
                : "worker process died" + exitInfo();
        runs.add(RunResult.failed(st, msg, calls, nanos));
        return new Exchange(runs, false);
    }

    private String exitInfo() {
        try {
            if (process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                int code = process.exitValue();
                return code > 128 ? " (signal " + (code - 128) + ")" : " (exit code " + code + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static RunResult toResult(JsonNode r, List<ToolCall> calls, long nanos) {
        RunStatus st = switch (r.path("s").asText()) {
            case "ok" -> RunStatus.OK;
            case "raised" -> RunStatus.RAISED;
            case "syntax" -> RunStatus.SYNTAX_ERROR;
            case "noeval" -> RunStatus.NO_EVALUATE;
            case "output" -> RunStatus.OUTPUT_LIMIT;
            default -> RunStatus.CRASH;
        };
        JsonNode v = r.get("v");
        Boolean value = v != null && v.isBoolean() ? v.booleanValue() : null;
        JsonNode a = r.get("a");
        boolean hasAnswer = a != null;
        Object answer = hasAnswer && a.isTextual() ? WireValues.readText(a.textValue()) : null;
        double py = r.path("d").asDouble() - r.path("w").asDouble();
        return new RunResult(st, value, textOrNull(r, "vt"), textOrNull(r, "vr"), r.path("o").asText(""),
                r.path("n").asLong(), textOrNull(r, "e"), calls, answer, hasAnswer, nanos,
                (long) (Math.max(0, py) * 1e9), (long) (Math.max(0, r.path("p").asDouble()) * 1e9));
    }

    private static String textOrNull(JsonNode r, String f) {
        JsonNode n = r.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    private int lastLen;

    /** Next line without its newline (valid until the next call; length in {@link #lastLen}), or null at EOF. */
    private byte[] readLine() throws IOException {
        int start = pos;
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    lastLen = i - start;
                    pos = i + 1;
                    if (start == 0) {
                        return buf;
                    }
                    byte[] line = new byte[lastLen];
                    System.arraycopy(buf, start, line, 0, lastLen);
                    return line;
                }
            }
            // compact, grow, refill
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, lim - start);
                lim -= start;
                pos = 0;
                start = 0;
            }
            scan = lim;
            if (lim == buf.length) {
                if (buf.length >= MAX_LINE_BYTES) {
                    kill();
                    throw new IOException("protocol line too long");
                }
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return null;
            }
            lim += n;
        }
    }

    /** Writes one request object with the generator (no trailing newline). */
    @FunctionalInterface
    interface RequestWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** Results of one request; {@code completed} false when the worker died (last run says why). */
    record Exchange(List<RunResult> runs, boolean completed) {
    }
}
