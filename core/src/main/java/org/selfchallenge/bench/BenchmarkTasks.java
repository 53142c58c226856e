package org.selfchallenge.bench;

import java.util.List;
import java.util.Set;

/** Benchmark test tasks per environment and split, as executor tasks with their gold-replay policies. */
public final class BenchmarkTasks {
    private static final Set<String> TAU = Set.of("retail", "airline");
    private static final Set<String> M3 = Set.of("calculation", "web");

    private BenchmarkTasks() {
    }

    /** True for τ-bench environments, where a simulated user holds the instruction. */
    public static boolean conversational(String env) {
        checkEnv(env);
        return TAU.contains(env);
    }

    public static List<BenchmarkTask> load(String env, String split) {
        checkEnv(env);
        throw new IllegalStateException("benchmark tasks for " + env + " are not in this build yet");
    }

    private static void checkEnv(String env) {
        if (!TAU.contains(env) && !M3.contains(env)) {
            throw new IllegalArgumentException("unknown benchmark environment '" + env
                    + "'; valid: retail, airline, calculation, web");
        }
    }
}
