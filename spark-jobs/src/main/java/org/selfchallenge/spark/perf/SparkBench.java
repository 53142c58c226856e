package org.selfchallenge.spark.perf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.selfchallenge.spark.Pipeline;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.RunLayout;
import org.selfchallenge.spark.cli.PipelineCli;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.PlainNearDuplicates;
import org.selfchallenge.spark.io.RawTaskRow;
import org.selfchallenge.spark.io.TrajectoryArrowReader;
import org.selfchallenge.spark.io.TrajectoryArrowWriter;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.spark.stage.ChallengeStage;
import org.selfchallenge.spark.stage.InitPolicyStage;
import org.selfchallenge.spark.stage.PlainStageLoops;
import org.selfchallenge.spark.stage.SolveStage;
import org.selfchallenge.spark.stage.Stage;
import org.selfchallenge.spark.stage.StageContext;
import org.selfchallenge.spark.stage.VerifyStage;

/**
 * {@code run.sh bench spark [--tasks N[,N...]] [--episodes M[,M...]] [--arrow-rows R] [--only arrow|verify|solve]
 * [--passes P] [--valid-percent V] [--timeline]}: what Spark costs on top of the work itself, and the Arrow
 * file rate. {@code --timeline} also prints, per Spark pass, its jobs and the driver's time around them
 * ({@link JobTimeline}).
 * <ul>
 *   <li>verify: the real verify stage on N procedural CaT texts (calculation + retail, every default
 *       family) vs the same work in {@link PlainStageLoops} on a thread pool of the same width; with
 *       {@code --valid-percent V} all but V% of the texts get a wrong example solution (the paper keeps
 *       ~5% of model-written tasks; the procedural challenger's own texts are nearly all valid);</li>
 *   <li>solve: the real solve stage on M executor episodes of the tiny random TF policy vs the same
 *       episodes and Arrow files in {@link PlainStageLoops};</li>
 *   <li>Arrow: write and read R trajectories of 1,024 tokens through the Hadoop FileSystem API, GB/s
 *       of file bytes per core (one writer thread).</li>
 * </ul>
 * Overhead = (Spark time − loop time) / loop time, JVM and session start excluded; the summary line is
 * the median over the passes after the first (on a shared machine single passes swing by tens of %).
 * Given several sizes ({@code --tasks 20000,100000}), lines fitted through the median times
 * ({@link CostLine}) split Spark's cost into a fixed part per stage and a part per item.
 */
public final class SparkBench {
    private static final int ARROW_REPS = 3;
    /** Stage passes, plain loop and Spark alternating; the first warms the JIT of both paths. */
    private static final int DEFAULT_PASSES = 5;

    private SparkBench() {
    }

    public static int run(String[] args) throws Exception {
        List<Integer> tasks = List.of(20_000);
        List<Integer> episodes = List.of(128);
        int arrowRows = 50_000;
        String only = null;
        int passes = DEFAULT_PASSES;
        int validPercent = 100;
        boolean timeline = false;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--timeline")) { // the one flag without a value
                timeline = true;
                continue;
            }
            String value = i + 1 < args.length ? args[++i] : "";
            switch (value.isEmpty() ? "" : key) {
                case "--tasks" -> tasks = sizes(value);
                case "--episodes" -> episodes = sizes(value);
                case "--arrow-rows" -> arrowRows = Integer.parseInt(value);
                case "--only" -> only = value;
                case "--passes" -> passes = Integer.parseInt(value);
                case "--valid-percent" -> validPercent = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: run.sh bench spark [--tasks N[,N...]] [--episodes M[,M...]] [--arrow-rows R] "
                            + "[--only arrow|verify|solve] [--passes P] [--valid-percent V] [--timeline]");
                    return 2;
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores: %d%n", cores);
        if (only == null || only.equals("arrow")) {
            arrow(arrowRows);
        }
        // The product's own session: conf/spark-defaults.conf (shuffle partitions, Kryo) on local[*].
        SparkSession spark = PipelineCli.session(ConfigLoader.load(null, Map.of()));
        spark.sparkContext().setLogLevel("WARN");
        try {
            if (only == null || only.equals("verify")) {
                List<double[]> times = new ArrayList<>();
                for (int n : tasks) {
                    times.add(verify(spark, n, cores, passes, validPercent, timeline));
                }
                costLines("verify stage", "task", tasks, times);
            }
            if (only == null || only.equals("solve")) {
                List<double[]> times = new ArrayList<>();
                for (int m : episodes) {
                    times.add(solve(spark, m, cores, passes, timeline));
                }
                costLines("solve stage", "episode", episodes, times);
            }
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * "20000,100000" → [100000, 20000]: largest first. Spark's code paths (query compilation, generated
     * classes, the Parquet writer) keep warming for several passes; measured first, a small size carried
     * that warm-up, and the fitted lines booked it as Spark's fixed cost per stage.
     */
    static List<Integer> sizes(String arg) {
        List<Integer> out = new ArrayList<>();
        for (String n : arg.split(",")) {
            out.add(Integer.parseInt(n.trim()));
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    /**
     * Over two or more sizes: Spark's fixed cost per stage and its cost per item, from least-squares lines
     * through the median times ({@code times}: per size {plain, Spark} seconds).
     */
    static void costLines(String stage, String item, List<Integer> sizes, List<double[]> times) {
        if (new java.util.HashSet<>(sizes).size() < 2) {
            return;
        }
        CostLine plain = CostLine.fit(sizes, times.stream().map(t -> t[0]).toList());
        CostLine spark = CostLine.fit(sizes, times.stream().map(t -> t[1]).toList());
        System.out.printf("%s over %s %ss: plain %.1f µs/%s + %.2fs, Spark %.1f µs/%s + %.2fs: Spark adds %.2fs "
                        + "per stage and %+.1f%% per %s; overhead <= 5%% from %.0f %ss%n", stage, sizes, item,
                plain.perItem() * 1e6, item, plain.fixed(), spark.perItem() * 1e6, item, spark.fixed(),
                spark.fixedOver(plain), 100 * spark.marginalOver(plain), item, spark.sizeForOverhead(plain, 0.05),
                item);
    }

    static void arrow(int rows) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("bench-arrow-");
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        Path f = new Path(dir.toUri().toString(), "part-00000.arrow");
        Random rnd = new Random(1);
        int len = 1024;
        TrajectoryRecord r = new TrajectoryRecord();
        r.setTrajectoryId("t#0@r1");
        r.setTaskId("t");
        r.setEnv("calculation");
        r.setPolicyVersion("bench");
        int[] tok = new int[len];
        byte[] mask = new byte[len];
        float[] lp = new float[len];
        for (int i = 0; i < len; i++) {
            tok[i] = rnd.nextInt(50_000);
            mask[i] = (byte) (i % 3 == 0 ? 1 : 0);
            lp[i] = -rnd.nextFloat();
        }
        r.setTokens(tok);
        r.setLossMask(mask);
        r.setBehaviourLogprobs(lp);
        r.setTurns("[]");
        r.setLineage("{}");
        for (int rep = 0; rep < ARROW_REPS; rep++) { // earlier passes warm the JIT; the last is reported
            // Solve always writes a fresh attempt file: overwriting the previous pass's file would time the
            // file system truncating (and on ext4 flushing) hundreds of MB, not the writer.
            fs.delete(f, false);
            long t0 = System.nanoTime();
            try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, f)) {
                for (int i = 0; i < rows; i++) {
                    w.write(r);
                }
            }
            double wSec = (System.nanoTime() - t0) / 1e9;
            long bytes = fs.getFileStatus(f).getLen();
            long[] n = {0};
            t0 = System.nanoTime();
            TrajectoryArrowReader.read(fs, f, x -> n[0] += x.getTokens().length);
            double rSec = (System.nanoTime() - t0) / 1e9;
            if (rep == ARROW_REPS - 1) {
                System.out.printf("arrow: %d rows x %d tokens, %.1f MB: write %.2f GB/s, read %.2f GB/s (one thread)%n",
                        rows, len, bytes / 1e6, bytes / wSec / 1e9, bytes / rSec / 1e9);
            }
        }
        deleteTree(dir);
    }

    /** A benchmark's scratch directory (hundreds of MB at the default sizes) goes when it ends. */
    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        FileSystem.getLocal(new Configuration()).delete(new Path(dir.toUri().toString()), true);
    }

    /** A run directory with rounds 0..1 over calculation + retail and default task families. */
    static PipelineConfig config(java.nio.file.Path root, int tasksPerEnv, List<String> envs, int samples) {
        Map<String, Object> o = new HashMap<>();
        o.put("selfchallenge.run.out", root.toString());
        o.put("selfchallenge.run.rounds", 1);
        o.put("selfchallenge.run.progress", false);
        o.put("selfchallenge.envs", envs);
        o.put("selfchallenge.challenge.families", List.of());
        o.put("selfchallenge.challenge.episodes-per-env", tasksPerEnv);
        o.put("selfchallenge.evaluate.heldout-tasks-per-env", 20);
        o.put("selfchallenge.train.schedule", List.of("rft"));
        o.put("selfchallenge.solve.samples-per-task", samples);
        return ConfigLoader.load(null, o);
    }

    private static final Pattern SOLUTION = Pattern.compile("(?s)<solution>.*?</solution>");
    private static final Pattern FAILURE = Pattern.compile("(?s)<failure_case>(.*?)</failure_case>");

    /** The CaT text with its example solution replaced by its first failure case (a wrong solution). */
    static String withFailingSolution(String text) {
        Matcher f = FAILURE.matcher(text);
        return f.find() ? SOLUTION.matcher(text).replaceFirst(Matcher.quoteReplacement(
                "<solution>" + f.group(1) + "</solution>")) : text;
    }

    /**
     * The verify stage of round 1 (verify_cat over every raw task, near-duplicates within the round and
     * against the held-out set, Parquet table + report) vs {@link PlainStageLoops#verify}, alternated
     * {@code passes} times after round 0 warmed both (sandbox workers, JIT, Spark's first jobs).
     */
    static double[] verify(SparkSession spark, int n, int cores, int passes, int validPercent, boolean timeline)
            throws Exception {
        java.nio.file.Path root = Files.createTempDirectory("bench-verify-");
        try {
            return verify(spark, root, n, cores, passes, validPercent, timeline);
        } finally {
            deleteTree(root);
        }
    }

    private static double[] verify(SparkSession spark, java.nio.file.Path root, int n, int cores, int passes,
                                   int validPercent, boolean timeline) throws Exception {
        PipelineConfig cfg = config(root, n / 2, List.of("calculation", "retail"), 1);
        Pipeline p = new Pipeline(spark, cfg, new PrintStream(OutputStream.nullOutputStream()));
        for (Stage st : List.of(new ChallengeStage(), new VerifyStage())) {
            p.runStage(st, 0);
        }
        p.runStage(new ChallengeStage(), 1);
        RunLayout layout = p.layout();
        StageContext ctx = new StageContext(spark, cfg, layout, 1,
                new Progress(spark.sparkContext(), false, System.out));
        Path rawPath = new Path(layout.stage(1, ChallengeStage.NAME), ChallengeStage.OUTPUT);
        List<RawTaskRow> raw = new ArrayList<>(spark.read().parquet(rawPath.toString())
                .as(Encoders.bean(RawTaskRow.class)).collectAsList());
        if (validPercent < 100) {
            // Paper-like yield: the other tasks carry a wrong example solution (their first failure case),
            // the commonest way model-written tasks fail; they cost the verifier a solution run each.
            for (int i = 0; i < raw.size(); i++) {
                if (i % 100 >= validPercent) {
                    raw.get(i).setText(withFailingSolution(raw.get(i).getText()));
                }
            }
            // Written as the challenge stage writes it: one file per challenge partition.
            spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                            .parallelize(raw, cfg.challengePartitions), RawTaskRow.class)
                    .write().mode("overwrite").parquet(rawPath.toString());
        }
        List<PlainNearDuplicates.Task> held = new ArrayList<>();
        for (Row r : VerifyStage.keptTasks(spark, layout.stage(0, VerifyStage.NAME))
                .select("task_id", "env", "instruction").collectAsList()) {
            held.add(new PlainNearDuplicates.Task(r.getString(0), r.getString(1), true, r.getString(2)));
        }
        PlainStageLoops.verify(cfg, raw.subList(0, Math.min(200, raw.size())), held, cores,
                root.resolve("warm.parquet")); // JIT of the plain path
        List<Double> ratios = new ArrayList<>();
        List<Double> loops = new ArrayList<>();
        List<Double> sparks = new ArrayList<>();
        for (int rep = 1; rep <= passes; rep++) {
            long t0 = System.nanoTime();
            Map<String, Long> plain = PlainStageLoops.verify(cfg, PlainStageLoops.readRaw(rawPath.toString()), held,
                    cores, root.resolve("plain-" + rep + ".parquet"));
            double loop = (System.nanoTime() - t0) / 1e9;
            StagePass pass = StagePass.run(spark, new VerifyStage(), ctx, new Path(root.toUri().toString(), "spark-" + rep));
            double sp = pass.seconds();
            System.out.printf("verify stage, pass %d: %d tasks: plain Java loop %.2fs (%.0f tasks/s, %s), "
                            + "Spark stage %.2fs (%.0f tasks/s, %s), overhead %+.1f%%%n", rep, raw.size(), loop,
                    raw.size() / loop, plain, sp, raw.size() / sp, pass.metrics().get("reasons"), 100 * (sp - loop) / loop);
            if (timeline) {
                System.out.println("  Spark stage: " + pass.jobs());
            }
            ratios.add(sp / loop);
            loops.add(loop);
            sparks.add(sp);
        }
        System.out.printf("verify stage, %d tasks: median overhead over passes 2..%d: %+.1f%% (%s)%n", raw.size(),
                passes, 100 * (median(ratios) - 1), range(ratios));
        return new double[]{median(loops), median(sparks)};
    }

    /** One timed run of a Spark stage: its metrics, its seconds and its jobs ({@link JobTimeline#summary}). */
    private record StagePass(Map<String, Object> metrics, double seconds, String jobs) {
        static StagePass run(SparkSession spark, Stage stage, StageContext ctx, Path out) throws Exception {
            try (JobTimeline tl = JobTimeline.attach(spark.sparkContext())) {
                long t0 = System.nanoTime();
                Map<String, Object> m = stage.run(ctx, out);
                return new StagePass(m, (System.nanoTime() - t0) / 1e9, tl.summary(tl.elapsedMs()));
            }
        }
    }

    /** "from +3.0% to +6.6%": the spread of the overheads the median is taken over (a shared machine's noise). */
    static String range(List<Double> ratios) {
        List<Double> r = ratios.size() > 1 ? ratios.subList(1, ratios.size()) : ratios;
        return String.format(java.util.Locale.ROOT, "from %+.1f%% to %+.1f%%", 100 * (java.util.Collections.min(r) - 1),
                100 * (java.util.Collections.max(r) - 1));
    }

    /** Median of per-pass values (ratios, times), the warm-up pass left out (when there is more than one). */
    static double median(List<Double> values) {
        List<Double> r = new ArrayList<>(values.size() > 1 ? values.subList(1, values.size()) : values);
        java.util.Collections.sort(r);
        int n = r.size();
        return n % 2 == 1 ? r.get(n / 2) : (r.get(n / 2 - 1) + r.get(n / 2)) / 2;
    }

    /**
     * The solve stage of round 1 on M episodes (tiny random TF policy, default sampling) vs
     * {@link PlainStageLoops#solve}: the same planned episodes, partition slices and Arrow files.
     */
    static double[] solve(SparkSession spark, int m, int cores, int passes, boolean timeline) throws Exception {
        java.nio.file.Path root = Files.createTempDirectory("bench-solve-");
        try {
            return solve(spark, root, m, cores, passes, timeline);
        } finally {
            deleteTree(root);
        }
    }

    private static double[] solve(SparkSession spark, java.nio.file.Path root, int m, int cores, int passes,
                                  boolean timeline) throws Exception {
        int samples = 4;
        PipelineConfig cfg = config(root, Math.max(4, m / samples * 2), List.of("calculation"), samples);
        Pipeline p = new Pipeline(spark, cfg, new PrintStream(OutputStream.nullOutputStream()));
        for (Stage st : List.of(new ChallengeStage(), new VerifyStage(), new InitPolicyStage())) {
            p.runStage(st, 0);
        }
        p.runStage(new ChallengeStage(), 1);
        p.runStage(new VerifyStage(), 1);
        RunLayout layout = p.layout();
        Path verified = new Path(layout.stage(1, VerifyStage.NAME), VerifyStage.OUTPUT);
        // Keep exactly m / samples tasks kept, so the stage runs m episodes.
        Dataset<Row> all = spark.read().parquet(verified.toString());
        Dataset<Row> kept = all.filter("kept").orderBy("task_id").limit(m / samples).localCheckpoint();
        java.nio.file.Path sub = Files.createTempDirectory(root, "tasks-");
        kept.write().mode("overwrite").parquet(sub.toUri().toString());
        FileSystem fs = layout.fs(spark.sparkContext().hadoopConfiguration());
        fs.delete(verified, true);
        fs.rename(new Path(sub.toUri().toString()), verified);
        PipelineConfig r1 = cfg.forRound(1);
        StageContext ctx = new StageContext(spark, r1, layout, 1,
                new Progress(spark.sparkContext(), false, System.out));
        String policy = ctx.policyIn().toString();
        Dataset<Row> tasks = spark.read().parquet(verified.toString()).filter("kept");
        PlainStageLoops.solve(r1, tasks.limit(2), 1, policy, "bench", cores,
                Files.createTempDirectory(root, "warm").toUri().toString()); // TF graphs, sandbox, JIT
        List<Double> ratios = new ArrayList<>();
        List<Double> loops = new ArrayList<>();
        List<Double> sparks = new ArrayList<>();
        for (int rep = 1; rep <= passes; rep++) {
            long t0 = System.nanoTime();
            long n = PlainStageLoops.solve(r1, tasks, 1, policy, "bench", cores,
                    Files.createTempDirectory(root, "plain").toUri().toString());
            double loop = (System.nanoTime() - t0) / 1e9;
            StagePass pass = StagePass.run(spark, new SolveStage(), ctx, new Path(root.toUri().toString(), "spark-" + rep));
            double sp = pass.seconds();
            System.out.printf("solve stage, pass %d: %d episodes: plain Java loop + Arrow %.2fs, Spark stage (Arrow + "
                            + "Parquet summary) %.2fs (%s trajectories), overhead %+.1f%%%n", rep, n, loop, sp,
                    pass.metrics().get("trajectories"), 100 * (sp - loop) / loop);
            if (timeline) {
                System.out.println("  Spark stage: " + pass.jobs());
            }
            ratios.add(sp / loop);
            loops.add(loop);
            sparks.add(sp);
        }
        System.out.printf("solve stage, %d episodes: median overhead over passes 2..%d: %+.1f%% (%s)%n", m, passes,
                100 * (median(ratios) - 1), range(ratios));
        return new double[]{median(loops), median(sparks)};
    }
}
