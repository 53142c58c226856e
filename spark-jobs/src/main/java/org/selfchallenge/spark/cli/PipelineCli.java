package org.selfchallenge.spark.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.selfchallenge.spark.Pipeline;
import org.selfchallenge.spark.RunLayout;
import org.selfchallenge.spark.config.ConfigError;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.NioLocalFileSystem;

/**
 * {@code run.sh demo [--out DIR]} and {@code run.sh pipeline --conf FILE [--out DIR] [--rounds N]}
 * (also the main class behind {@code spark-submit}). The demo is the embedded default: local[*] unless a
 * master is set, the procedural challenger, a tiny random policy, every stage. Configuration errors
 * exit with code 2 naming the key, before Spark starts.
 */
public final class PipelineCli {
    static final String SPARK_DEFAULTS_RESOURCE = "org/selfchallenge/spark/spark-defaults.conf";

    private PipelineCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    public static int run(String[] args, PrintStream out) {
        PipelineConfig cfg;
        String onlyStage;
        try {
            onlyStage = stageArg(args);
            cfg = parse(args);
        } catch (ConfigError | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: run.sh demo [--out DIR] | run.sh pipeline --conf FILE [--out DIR] [--rounds N] [--stage ROUND/NAME]");
            return 2;
        }
        if (cfg == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        SparkSession spark = session(cfg);
        try {
            Pipeline p = new Pipeline(spark, cfg, out);
            if (onlyStage != null) {
                String[] rs = onlyStage.split("/", 2);
                p.runOnly(Integer.parseInt(rs[0]), rs[1]);
                p.writeMetrics();
                return 0;
            }
            Map<String, Object> metrics = p.run();
            printSummary(out, p.layout(), metrics, (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("pipeline failed: " + e + " (re-run the same command to resume from the last committed stage)");
            return 1;
        } finally {
            spark.stop();
        }
    }

    /** {@code --stage ROUND/NAME}: run only that stage (one Airflow task). */
    static String stageArg(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--stage")) {
                if (!args[i + 1].matches("\\d+/[a-z]+")) {
                    throw new IllegalArgumentException("--stage wants ROUND/NAME, e.g. 1/solve (got " + args[i + 1] + ")");
                }
                return args[i + 1];
            }
        }
        return null;
    }

    /** Parses flags into a validated configuration (null after --help). */
    static PipelineConfig parse(String[] args) {
        File conf = null;
        Map<String, Object> flags = new LinkedHashMap<>();
        int i = 0;
        if (args.length > 0 && (args[0].equals("demo") || args[0].equals("pipeline"))) {
            i = 1;
        }
        for (; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--conf" -> conf = new File(value(args, ++i, a));
                case "--out" -> flags.put(PipelineConfig.ROOT + ".run.out", value(args, ++i, a));
                case "--rounds" -> flags.put(PipelineConfig.ROOT + ".run.rounds", Integer.parseInt(value(args, ++i, a)));
                case "--stage" -> value(args, ++i, a);
                case "-h", "--help" -> {
                    System.out.println("usage: run.sh demo [--out DIR] | run.sh pipeline --conf FILE [--out DIR] [--rounds N] [--stage ROUND/NAME]");
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        return ConfigLoader.load(conf, flags);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** The session: spark-defaults.conf from the jar under anything already set; local master if none. */
    public static SparkSession session(PipelineConfig cfg) {
        SparkConf sc = new SparkConf();
        Properties defaults = new Properties();
        try (InputStream in = PipelineCli.class.getClassLoader().getResourceAsStream(SPARK_DEFAULTS_RESOURCE)) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String k : defaults.stringPropertyNames()) {
            sc.setIfMissing(k, defaults.getProperty(k).trim());
        }
        sc.setIfMissing("spark.master", cfg.master);
        if (sc.get("spark.master").startsWith("local")) {
            sc.setIfMissing("spark.driver.host", "127.0.0.1");
            sc.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            // One JVM, the application's class path: the in-process chmod file system loads everywhere.
            sc.setIfMissing("spark.hadoop." + NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
        }
        return SparkSession.builder().config(sc).getOrCreate();
    }

    @SuppressWarnings("unchecked")
    static void printSummary(PrintStream out, RunLayout layout, Map<String, Object> metrics, double seconds) {
        out.println();
        out.println("round | generated | verified | trajectories | train   | mean reward | held-out Pass@1");
        out.println("------+-----------+----------+--------------+---------+-------------+----------------");
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) metrics.get("rounds");
        for (Map<String, Object> r : rounds) {
            out.printf("%5s | %9s | %8s | %12s | %-7s | %11s | %s%n", r.get("round"), r.getOrDefault("tasks_generated", "-"),
                    r.getOrDefault("tasks_verified", "-"), r.getOrDefault("trajectories", "-"),
                    r.getOrDefault("algorithm", "-"), fmt(r.get("mean_reward")), fmt(r.get("heldout_pass_at_1")));
        }
        out.println("(round 0 = held-out task set and the policy before any training)");
        printCurve(out, rounds);
        out.println();
        out.println("artifacts under " + layout.root() + ":");
        out.println("  metrics.json, resolved.conf");
        out.println("  round-0/verify/tasks_verified       held-out tasks (Parquet)");
        out.println("  round-N/challenge/tasks_raw         raw CaT texts + exploration traces (Parquet)");
        out.println("  round-N/verify/tasks_verified       verdicts, duplicates, kept flag (Parquet)");
        out.println("  round-N/verify/filter_report        yield per reason (Parquet)");
        out.println("  round-N/solve/trajectories/*.arrow  trajectories (Arrow IPC, schema v1)");
        out.println("  round-N/solve/trajectories_summary  (Parquet)");
        out.println("  round-N/train/checkpoint            Hugging Face export; train_state/, events/ (TensorBoard)");
        out.println("  round-N/evaluate/eval_results       held-out episodes (Parquet)");
        out.printf("done in %.1fs%n", seconds);
    }

    /** Learning curve: held-out Pass@1 per round as a text bar chart (one '#' per 2.5 points). */
    static void printCurve(PrintStream out, List<Map<String, Object>> rounds) {
        out.println();
        out.println("learning curve, held-out Pass@1 by round:");
        for (Map<String, Object> r : rounds) {
            if (r.get("heldout_pass_at_1") instanceof Number n) {
                double p = n.doubleValue();
                out.printf("  round %-3s %5.1f%% |%s%n", r.get("round"), 100 * p, "#".repeat((int) Math.round(p * 40)));
            }
        }
    }

    private static String fmt(Object o) {
        return o instanceof Number n ? String.format("%.3f", n.doubleValue()) : "-";
    }
}
