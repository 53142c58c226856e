package org.selfchallenge.spark;

import org.selfchallenge.spark.component.ScriptedComponents;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The scripted pipeline configuration shared by integration tests (see {@link ScriptedComponents} for
 * what each count should be), and one completed run per JVM for the tests that only read outputs.
 */
public final class ScriptedRun {
    private static Path done;
    private static Map<String, Object> metrics;

    private ScriptedRun() {
    }

    public static String hocon(String out) {
        return String.join("\n",
                "selfchallenge {",
                "  run { out = \"" + out + "\", rounds = 2, seed = 7, progress = false }",
                "  envs = [calculation]",
                "  components = \"" + ScriptedComponents.class.getName() + "\"",
                "  challenge { episodes-per-env = 8, partitions = 2 }",
                "  verify { partitions = 2, timeout-ms = 5000 }",
                "  solve { samples-per-task = 2, partitions = 2, max-turns = 3 }",
                "  evaluate { heldout-tasks-per-env = 8, samples = 1, benchmarks = [calculation], benchmark-max-tasks = 3 }",
                // one algorithm every round (the demo's default schedule starts with distillation)
                "  train { schedule = [] }",
                "}");
    }

    public static PipelineConfig config(Path dir, String out) {
        try {
            Path f = dir.resolve("scripted.conf");
            Files.writeString(f, hocon(out));
            return ConfigLoader.load(f.toFile(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the scripted pipeline once per JVM on the shared local[2] session; returns its output dir. */
    public static synchronized Path completed(org.apache.spark.sql.SparkSession spark) throws Exception {
        if (done == null) {
            Path dir = Files.createTempDirectory("scripted-run-");
            // Shared by the JVM's tests until it exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalCopies.deleteRecursively(dir)));
            Path out = dir.resolve("run");
            metrics = new Pipeline(spark, config(dir, out.toString()), System.out).run();
            done = out;
        }
        return done;
    }

    /** Round {@code r}'s entry of a {@code metrics.json} map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> round(Map<String, Object> metrics, int r) {
        return ((List<Map<String, Object>>) metrics.get("rounds")).get(r);
    }

    public static Map<String, Object> metrics() {
        return metrics;
    }
}
