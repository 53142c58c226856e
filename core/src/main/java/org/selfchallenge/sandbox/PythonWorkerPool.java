package org.selfchallenge.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.selfchallenge.env.Environment;

/**
 * The CPython sandbox engine: a pool of long-lived {@code worker.py} fork servers, each isolated once
 * (namespaces with an empty root, empty environment) that fork a fresh, locked-down child for every run of
 * model code (see worker.py). A worker is killed and replaced in the background when a run times out
 * (the watchdog kills it), when it used half its CPU rlimit, or after {@value #MAX_REQUESTS_PER_WORKER}
 * requests.
 *
 * <p>Thread-safe. {@link #shared()} is the per-JVM pool (sized to the cores, or
 * {@code -Dselfchallenge.sandbox.workers=N}), created lazily and closed by a shutdown hook, so Spark
 * UDFs on an executor reuse it. A session holds its worker while open; with more concurrent sessions
 * than workers, {@code open} waits (up to {@value #ACQUIRE_TIMEOUT_MS} ms, then runs report CRASH).
 */
public final class PythonWorkerPool implements CodeRunner {
    public static final String PYTHON_PROPERTY = "selfchallenge.sandbox.python";
    public static final String SIZE_PROPERTY = "selfchallenge.sandbox.workers";
    /**
     * {@code required} (default): the workers must enter new user/mount/network namespaces with an empty
     * root, or the sandbox does not start; {@code optional}: seccomp and rlimits alone where the kernel or
     * container refuses namespaces (a warning says so); {@code off}.
     */
    public static final String NAMESPACES_PROPERTY = "selfchallenge.sandbox.namespaces";
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";
    /** RLIMIT_AS of a worker: enough for realistic task code, small enough that `[0]*10**9` fails fast. */
    public static final long DEFAULT_MEMORY_BYTES = 1L << 30;
    /** RLIMIT_CPU of a worker over its whole life (a backstop; the wall clock is the real limit). */
    public static final int DEFAULT_CPU_SECONDS = 3600;
    static final int MAX_REQUESTS_PER_WORKER = 200_000;
    static final int GC_EVERY_REQUESTS = 5_000;
    static final long ACQUIRE_TIMEOUT_MS = 60_000;

    /** Pool settings; {@code namespaces} is required, optional or off ({@link #NAMESPACES_PROPERTY}). */
    public record Config(int size, String python, long memoryBytes, int cpuSeconds, String namespaces) {
        public Config {
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be >= 1, got " + size);
            }
            if (!List.of("required", "optional", "off").contains(namespaces)) {
                throw new IllegalArgumentException("-D" + NAMESPACES_PROPERTY + " must be required, optional or off, "
                        + "got '" + namespaces + "'");
            }
        }

        public Config(int size, String python, long memoryBytes, int cpuSeconds) {
            this(size, python, memoryBytes, cpuSeconds, System.getProperty(NAMESPACES_PROPERTY, "required"));
        }

        public static Config defaults() {
            int size = Integer.getInteger(SIZE_PROPERTY, Runtime.getRuntime().availableProcessors());
            return new Config(Math.max(1, size), System.getProperty(PYTHON_PROPERTY, DEFAULT_PYTHON),
                    DEFAULT_MEMORY_BYTES, DEFAULT_CPU_SECONDS);
        }

        public Config withSize(int n) {
            return new Config(n, python, memoryBytes, cpuSeconds, namespaces);
        }
    }

    private static volatile PythonWorkerPool shared;

    private final Config config;
    private final LinkedBlockingQueue<PythonWorker> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger respawns = new AtomicInteger();
    private final ExecutorService spawner;
    private volatile boolean closed;
    private volatile String lastSpawnError;

    /** Starts the pool; the first worker starts synchronously so a missing python/libseccomp fails here. */
    public PythonWorkerPool(Config config) {
        this.config = config;
        PythonWorker.checkPython(config.python());
        this.spawner = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sandbox-spawner");
            t.setDaemon(true);
            return t;
        });
        // Workers are started only from the long-lived spawner threads: a worker dies with the
        // thread that started it (PR_SET_PDEATHSIG), and a caller's thread may end any time.
        live.incrementAndGet();
        try {
            idle.add(spawner.submit(() -> PythonWorker.start(config)).get());
        } catch (java.util.concurrent.ExecutionException e) {
            spawner.shutdownNow();
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SandboxUnavailableException("sandbox worker failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spawner.shutdownNow();
            throw new SandboxUnavailableException("interrupted while starting the sandbox", e);
        }
        for (int i = 1; i < config.size(); i++) {
            spawnAsync();
        }
    }

    /** The per-JVM pool (lazy; closed at JVM exit). */
    public static PythonWorkerPool shared() {
        PythonWorkerPool p = shared;
        if (p == null) {
            synchronized (PythonWorkerPool.class) {
                p = shared;
                if (p == null) {
                    p = new PythonWorkerPool(Config.defaults());
                    PythonWorkerPool created = p;
                    Runtime.getRuntime().addShutdownHook(new Thread(created::close, "sandbox-shutdown"));
                    shared = p;
                }
            }
        }
        return p;
    }

    public Config config() {
        return config;
    }

    /** CPU seconds the workers of all pools in this JVM spent serving requests (for benchmarks). */
    public static double workerCpuSeconds() {
        return PythonWorker.TOTAL_CPU.sum();
    }

    /** Workers replaced so far (timeouts, deaths, retirement). */
    public int respawns() {
        return respawns.get();
    }

    private void spawnAsync() {
        live.incrementAndGet();
        spawner.execute(() -> {
            if (closed) {
                live.decrementAndGet();
                return;
            }
            try {
                PythonWorker w = PythonWorker.start(config);
                if (closed) {
                    w.kill();
                    live.decrementAndGet();
                } else {
                    idle.add(w);
                }
            } catch (RuntimeException e) {
                lastSpawnError = e.getMessage();
                live.decrementAndGet();
            }
        });
    }

    /** A ready worker, or null when none came within the acquire timeout. */
    PythonWorker acquire() {
        if (closed) {
            return null;
        }
        long deadline = System.nanoTime() + ACQUIRE_TIMEOUT_MS * 1_000_000L;
        while (true) {
            PythonWorker w = idle.poll();
            if (w == null) {
                if (live.get() < config.size()) {
                    spawnAsync();
                }
                try {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    w = idle.poll(Math.min(left, 1_000_000_000L), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (w == null) {
                continue;
            }
            if (w.dead()) {
                discard(w);
                continue;
            }
            return w;
        }
    }

    String unavailableReason() {
        return closed ? "sandbox pool is closed"
                : "no sandbox worker available" + (lastSpawnError == null ? "" : ": " + lastSpawnError);
    }

    /** Returns a worker; a dead or worn-out one is killed and replaced in the background. */
    void release(PythonWorker w, boolean discard) {
        if (discard || closed || w.dead() || w.requests >= MAX_REQUESTS_PER_WORKER
                || w.cpuSeconds > config.cpuSeconds() / 2.0) {
            discard(w);
            return;
        }
        if (w.requests % GC_EVERY_REQUESTS == 0) {
            try {
                w.send(g -> {
                    g.writeStartObject();
                    g.writeStringField("op", "gc");
                    g.writeEndObject();
                });
            } catch (IOException e) {
                discard(w);
                return;
            }
        }
        idle.add(w);
    }

    private void discard(PythonWorker w) {
        w.kill();
        live.decrementAndGet();
        respawns.incrementAndGet();
        if (!closed) {
            spawnAsync();
        }
    }

    /** Binds the environment's tools in the worker unless the same tool list is already bound. */
    static void bindTools(PythonWorker w, Environment env) throws IOException {
        ToolsMessage m = ToolsMessage.of(env.tools());
        if (w.toolsKey != m) {
            w.send(m::write);
            w.toolsKey = m;
        }
    }

    static void writeLimits(JsonGenerator g, SandboxLimits limits) throws IOException {
        g.writeArrayFieldStart("lim");
        g.writeNumber(limits.maxStdoutChars());
        g.writeNumber(limits.maxOutputChars());
        g.writeEndArray();
    }

    @Override
    public CodeSession open(Environment env, SandboxLimits limits) {
        return new WorkerSession(this, env, limits);
    }

    @Override
    public CaseBatch runCases(Environment prototype, String evalSource, List<String> cases,
                                  boolean[] expect, boolean[] allowRaise, SandboxLimits limits) {
        return new CaseExecution(this, prototype, evalSource, cases, expect, allowRaise, limits).run();
    }

    @Override
    public void close() {
        closed = true;
        List<PythonWorker> ws = new ArrayList<>();
        idle.drainTo(ws);
        for (PythonWorker w : ws) {
            w.kill();
        }
        spawner.shutdownNow();
        synchronized (PythonWorkerPool.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }
}
