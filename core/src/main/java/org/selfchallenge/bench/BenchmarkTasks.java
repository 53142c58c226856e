package org.selfchallenge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.selfchallenge.bench.m3.M3Task;
import org.selfchallenge.bench.m3.M3Tasks;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;

/** Benchmark test tasks per environment and split, as executor tasks with their gold-replay policies. */
public final class BenchmarkTasks {
    private static final Set<String> TAU = Set.of("retail", "airline");
    private static final Set<String> M3 = Set.of("calculation", "web");

    private BenchmarkTasks() {
    }

    /** True for τ-bench environments, where a simulated user holds the instruction. */
    public static boolean conversational(String env) {
        checkEnv(env);
        return Environments.kind(env) == Environment.Kind.STATE_BASED;
    }

    public static List<BenchmarkTask> load(String env, String split) {
        checkEnv(env);
        List<BenchmarkTask> out = new ArrayList<>();
        if (TAU.contains(env)) {
            for (TauTask t : TauTasks.load(env, split)) {
                TauBenchTask bt = new TauBenchTask(env, split, t);
                out.add(new BenchmarkTask(bt, bt.goldReplay()));
            }
            return out;
        }
        if (!"test".equals(split)) {
            throw new IllegalArgumentException("M3ToolEval has only a test split; got '" + split + "'");
        }
        M3Tasks all = M3Tasks.get();
        for (M3Task t : "web".equals(env) ? all.web() : all.calculation()) {
            M3BenchTask bt = new M3BenchTask(env, t);
            out.add(new BenchmarkTask(bt, bt.goldReplay()));
        }
        return out;
    }

    private static void checkEnv(String env) {
        if (!TAU.contains(env) && !M3.contains(env)) {
            throw new IllegalArgumentException("unknown benchmark environment '" + env
                    + "'; valid: retail, airline, calculation, web");
        }
    }
}
