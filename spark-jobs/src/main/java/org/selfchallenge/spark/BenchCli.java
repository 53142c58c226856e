package org.selfchallenge.spark;

import java.util.Arrays;
import java.util.Map;

/** {@code run.sh bench env|m3|cat|model|spark}: each benchmark lives beside what it measures. */
public final class BenchCli {
    static final Map<String, String> BENCHES = Map.of(
            "env", "org.selfchallenge.env.EnvBench",
            "m3", "org.selfchallenge.bench.m3.M3Bench",
            "cat", "org.selfchallenge.cat.CatBench",
            "model", "org.selfchallenge.policy.ModelBench",
            "spark", "org.selfchallenge.spark.SparkBench");

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
