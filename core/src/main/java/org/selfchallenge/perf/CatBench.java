package org.selfchallenge.perf;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.selfchallenge.cat.CatParser;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.cat.RunReport;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.ToolCall;

/**
 * {@code run.sh bench cat [--tasks N] [--seconds S] [--threads T] [--seed X]}: verification
 * throughput on a realistic mix of valid tasks ({@link BenchTasks}: 1 solution + 3 failure cases
 * each, so 9 runs per verification: the compile check, 4 case runs, 4 evaluate runs).
 *
 * <p>Phase 1: one thread, one worker. Java and Python take turns (each waits while the other
 * works), so this is the single-core figure: verifications/s, and verifications per CPU-second
 * (JVM process CPU + worker CPU) as a cross-check. Per-run breakdown: time in Python (task code,
 * excluding waits for tools), in {@code Environment.call}, obtaining and ending each run's process, and
 * the rest (round trips, JSON, Java bookkeeping). Phase 2: T threads and T workers (default: all cores), the aggregate rate.
 */
public final class CatBench {
    public static final int DEFAULT_TASKS = 400;
    public static final double DEFAULT_SECONDS = 10;
    /** JIT warm-up before measuring: with less, C2 compilation shows up as JVM CPU per verification. */
    public static final double WARMUP_SECONDS = 6;
    public static final long DEFAULT_SEED = 20250601L;

    private CatBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        int nTasks = DEFAULT_TASKS;
        double seconds = DEFAULT_SECONDS;
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = DEFAULT_SEED;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--tasks" -> nTasks = Integer.parseInt(v);
                    case "--seconds" -> seconds = Double.parseDouble(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("bench cat: " + e.getMessage()
                    + "\nusage: run.sh bench cat [--tasks N] [--seconds S] [--threads T] [--seed X]");
            return 2;
        }
        List<BenchTasks.Task> tasks = BenchTasks.generate(nTasks, seed);
        List<Environment> envs = new ArrayList<>();
        for (BenchTasks.Task t : tasks) {
            envs.add(Environments.prototype(t.env()));
        }
        System.out.printf("bench cat: %d tasks (seed %d), 1 solution + 3 failure cases each, %d cores%n",
                tasks.size(), seed, Runtime.getRuntime().availableProcessors());
        try (PythonWorkerPool one = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(1))) {
            Verifier v = new Verifier(one, new CatParser(), SandboxLimits.DEFAULT);
            Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
            for (int i = 0; i < tasks.size(); i++) {
                Verdict d = v.verify(envs.get(i), tasks.get(i).text());
                reasons.merge(d.reason(), 1, Integer::sum);
                if (!d.valid() && reasons.get(d.reason()) == 1) {
                    System.out.println("  unexpected verdict for a " + tasks.get(i).kind() + " task: " + d.toJson());
                }
            }
            System.out.println("sanity: verdicts " + reasons);
            loop(v, tasks, envs, WARMUP_SECONDS, null); // warm-up (JIT)
            Stats s = new Stats();
            double jvm0 = processCpuSeconds();
            double py0 = PythonWorkerPool.workerCpuSeconds();
            long main0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long n = loop(v, tasks, envs, seconds, s);
            double mainCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - main0) / 1e9;
            double jvm = processCpuSeconds() - jvm0;
            double py = PythonWorkerPool.workerCpuSeconds() - py0;
            double wall = s.wallNanos / 1e9;
            System.out.printf("1 thread, 1 worker: %d verifications in %.2f s = %.0f verifications/s%n", n, wall, n / wall);
            System.out.printf("  CPU: JVM %.2f s (%.0f us/verification, all JVM threads) + worker %.2f s (%.0f us/verification)"
                    + " = %.0f verifications per CPU-second%n", jvm, jvm / n * 1e6, py, py / n * 1e6, n / (jvm + py));
            System.out.printf("  of which the verifying thread %.0f us/verification (rest: JIT, GC, watchdog); "
                    + "verifying thread + worker = %.0f verifications per CPU-second%n", mainCpu / n * 1e6, n / (mainCpu + py));
            s.print(n);
        }
        if (threads > 1) {
            try (PythonWorkerPool pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(threads))) {
                Verifier v = new Verifier(pool, new CatParser(), SandboxLimits.DEFAULT);
                parallel(v, tasks, envs, 2.0, threads); // warm-up (the JIT is warm already)
                long t0 = System.nanoTime();
                long n = parallel(v, tasks, envs, seconds, threads);
                double wall = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%d threads, %d workers: %d verifications in %.2f s = %.0f verifications/s%n",
                        threads, threads, n, wall, n / wall);
            } catch (Exception e) {
                System.err.println("bench cat: parallel phase failed: " + e);
                return 1;
            }
        }
        return 0;
    }

    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static long loop(Verifier v, List<BenchTasks.Task> tasks, List<Environment> envs, double seconds, Stats s) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        long n = 0;
        int i = 0;
        while (System.nanoTime() < end) {
            Verdict d = v.verify(envs.get(i), tasks.get(i).text());
            if (s != null) {
                s.add(d);
            }
            n++;
            i = (i + 1) % tasks.size();
        }
        if (s != null) {
            s.wallNanos = System.nanoTime() - t0;
        }
        return n;
    }

    private static long parallel(Verifier v, List<BenchTasks.Task> tasks, List<Environment> envs, double seconds,
                                 int threads) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(ex.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    int i = (int) (next.getAndIncrement() % tasks.size());
                    v.verify(envs.get(i), tasks.get(i).text());
                    n++;
                }
                return n;
            }));
        }
        long n = 0;
        for (Future<Long> f : fs) {
            n += f.get();
        }
        ex.shutdown();
        return n;
    }

    /** Per-run breakdown accumulated over the measured phase. */
    private static final class Stats {
        long wallNanos;
        long verifyNanos;
        long runs;
        long toolCalls;
        long runNanos;
        long pythonNanos;
        long processNanos;
        long toolNanos;
        final Map<String, long[]> byKind = new java.util.TreeMap<>();

        void add(Verdict d) {
            verifyNanos += d.totalNanos();
            for (RunReport r : d.runs()) {
                runs++;
                runNanos += r.nanos();
                long[] k = byKind.computeIfAbsent(r.kind(), x -> new long[2]);
                k[0]++;
                k[1] += r.nanos();
                for (ToolCall c : r.toolCalls()) {
                    toolCalls++;
                    toolNanos += c.nanos();
                }
            }
            pythonNanos += d.runs().stream().mapToLong(RunReport::pythonNanos).sum();
            processNanos += d.runs().stream().mapToLong(RunReport::processNanos).sum();
        }

        void print(long n) {
            double perVer = verifyNanos / 1e3 / n;
            System.out.printf("per verification: %.1f us wall in Verifier.verify, %.1f runs, %.1f tool calls%n",
                    perVer, (double) runs / n, (double) toolCalls / n);
            double run = runNanos / 1e3 / n;
            double py = pythonNanos / 1e3 / n;
            double tools = toolNanos / 1e3 / n;
            double proc = processNanos / 1e3 / n;
            System.out.printf("  runs (Java-side wall, sum): %.1f us = process creation and end %.1f us + Python "
                    + "executing task code %.1f us + Java Environment.call %.1f us + IPC/JSON/bookkeeping %.1f us%n",
                    run, proc, py, tools, run - proc - py - tools);
            System.out.printf("  outside runs (parse, request build, acquire/release): %.1f us%n", perVer - run);
            for (Map.Entry<String, long[]> e : byKind.entrySet()) {
                System.out.printf("  %-13s %6.2f per verification, mean %.1f us%n", e.getKey(),
                        (double) e.getValue()[0] / n, e.getValue()[1] / 1e3 / e.getValue()[0]);
            }
        }
    }
}
