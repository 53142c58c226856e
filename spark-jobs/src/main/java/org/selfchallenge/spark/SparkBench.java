package org.selfchallenge.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.component.CoreComponents;
import org.selfchallenge.spark.component.TaskSolver;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.TrajectoryArrowReader;
import org.selfchallenge.spark.io.TrajectoryArrowWriter;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.udf.CatVerification;
import org.selfchallenge.udf.VerifyCat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code run.sh bench spark [--tasks N] [--episodes M] [--arrow-rows R]}: what Spark costs on top of the
 * work itself, and the Arrow file rate.
 * <ul>
 *   <li>verify: N procedural CaT texts through {@code verify_cat} in Spark SQL vs the same verifier in a
 *       plain Java thread pool of the same width (both warm: the sandbox pool is started first);</li>
 *   <li>solve: M executor episodes of the tiny random TF policy through Spark (with Arrow output) vs a
 *       plain loop on the same threads;</li>
 *   <li>Arrow: write and read R trajectories of 1,024 tokens through the Hadoop FileSystem API, GB/s
 *       of file bytes per core (one writer thread).</li>
 * </ul>
 * Overhead = (Spark time − loop time) / loop time, JVM and session start excluded.
 */
public final class SparkBench {
    private static final int ARROW_REPS = 3;

    private SparkBench() {
    }

    public static int run(String[] args) throws Exception {
        int tasks = 400;
        int episodes = 16;
        int arrowRows = 50_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
                case "--episodes" -> episodes = Integer.parseInt(args[i + 1]);
                case "--arrow-rows" -> arrowRows = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: run.sh bench spark [--tasks N] [--episodes M] [--arrow-rows R]");
                    return 2;
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores: %d%n", cores);
        arrow(arrowRows);
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("bench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            verify(spark, tasks, cores);
            solve(spark, episodes, cores);
        } finally {
            spark.stop();
        }
        return 0;
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
        fs.delete(new Path(dir.toUri().toString()), true);
    }

    static void verify(SparkSession spark, int n, int cores) throws Exception {
        ProceduralChallenger pc = new ProceduralChallenger();
        List<Row> rows = new ArrayList<>();
        List<String[]> plain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String env = i % 2 == 0 ? "calculation" : "retail";
            String text = pc.challenge(env, i).text();
            rows.add(RowFactory.create(env, text));
            plain.add(new String[]{env, text});
        }
        CatVerification.Settings s = new CatVerification.Settings(1, 5000, 0);
        // Warm both paths (sandbox workers, JIT).
        for (int i = 0; i < Math.min(50, n); i++) {
            CatVerification.verify(s, plain.get(i)[0], plain.get(i)[1]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (String[] p : plain) {
            fs.add(pool.submit(() -> CatVerification.verify(s, p[0], p[1])));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double loop = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        VerifyCat.register(spark, s);
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("env", DataTypes.StringType)
                .add("text", DataTypes.StringType)).repartition(cores * 2).cache();
        df.count();
        df.selectExpr("verify_cat(env, text).valid AS v").filter("v").count(); // warm-up
        t0 = System.nanoTime();
        long valid = df.selectExpr("verify_cat(env, text).valid AS v").filter("v").count();
        double sp = (System.nanoTime() - t0) / 1e9;
        System.out.printf("verify: %d tasks (%d valid): plain Java pool %.3fs (%.0f/s), Spark SQL UDF %.3fs (%.0f/s), overhead %+.1f%%%n",
                n, valid, loop, n / loop, sp, n / sp, 100 * (sp - loop) / loop);
    }

    static void solve(SparkSession spark, int m, int cores) throws Exception {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of());
        java.nio.file.Path policy = Files.createTempDirectory("bench-policy-");
        Components comps = new CoreComponents();
        comps.initPolicy(cfg, policy);
        ProceduralChallenger pc = new ProceduralChallenger();
        List<TaskSolver.SolveInput> inputs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            String text = pc.challenge("calculation", 1000 + i).text();
            CatVerification.Result v = CatVerification.verify(new CatVerification.Settings(1, 5000, 0), "calculation", text);
            inputs.add(new TaskSolver.SolveInput("bench-" + i, "calculation", v.instruction(), v.evaluation(),
                    v.solution(), 0, i));
        }
        TaskSolver solver = comps.solver(cfg, policy, "bench");
        solver.solve(inputs.subList(0, 1)); // warm-up: TF graph, sandbox
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (TaskSolver.SolveInput in : inputs) {
            fs.add(pool.submit(() -> solver.solve(List.of(in))));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double loop = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        String policyUri = policy.toUri().toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        java.nio.file.Path outDir = Files.createTempDirectory("bench-solve-");
        String out = outDir.toUri().toString();
        List<TaskSolver.SolveInput> copy = new ArrayList<>(inputs);
        t0 = System.nanoTime();
        long written = jsc.parallelize(java.util.stream.IntStream.range(0, copy.size()).boxed().toList(), cores)
                .mapPartitionsWithIndex((p, it) -> {
                    TaskSolver sv = new CoreComponents().solver(cfg, java.nio.file.Path.of(java.net.URI.create(policyUri)), "bench");
                    FileSystem lfs = FileSystem.getLocal(new Configuration());
                    long k = 0;
                    try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(lfs, new Path(out, "part-" + p + ".arrow"))) {
                        while (it.hasNext()) {
                            TaskSolver.SolveInput in = copy.get(it.next());
                            TaskSolver.SolveOutput o = sv.solve(List.of(in)).get(0);
                            TrajectoryRecord r = new TrajectoryRecord();
                            r.setTrajectoryId(in.taskId());
                            r.setTokens(o.tokens());
                            r.setLossMask(o.lossMask());
                            r.setBehaviourLogprobs(o.behaviourLogprobs());
                            w.write(r);
                            k++;
                        }
                    }
                    return List.of(k).iterator();
                }, false).collect().stream().mapToLong(Long::longValue).sum();
        double sp = (System.nanoTime() - t0) / 1e9;
        System.out.printf("solve: %d episodes (tiny random policy): plain Java pool %.3fs, Spark + Arrow %.3fs, overhead %+.1f%% (%d written)%n",
                m, loop, sp, 100 * (sp - loop) / loop, written);
    }
}
