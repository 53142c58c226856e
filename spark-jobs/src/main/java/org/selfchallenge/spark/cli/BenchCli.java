package org.selfchallenge.spark.cli;

import java.util.Arrays;
import java.util.Map;

/**
 * {@code run.sh bench env|m3|cat|model|spark}: each benchmark is a class in its module's {@code perf} package.
 */
public final class BenchCli {
    static final Map<String, String> BENCHES = Map.of(
            "env", "org.selfchallenge.perf.EnvBench",
            "m3", "org.selfchallenge.perf.M3Bench",
            "cat", "org.selfchallenge.perf.CatBench",
            "model", "org.selfchallenge.policy.perf.ModelBench",
            "spark", "org.selfchallenge.spark.perf.SparkBench");

    private BenchCli() {
    }

    public static int run(String[] args) {
        if (args.length == 0 || !BENCHES.containsKey(args[0])) {
            System.err.println("usage: run.sh bench <env|m3|cat|model|spark> [options]");
            return 2;
        }
        return Main.invoke(BENCHES.get(args[0]), Arrays.copyOfRange(args, 1, args.length));
    }
}
