package org.selfchallenge.spark.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.Bands;
import org.selfchallenge.spark.dedup.NearDuplicateFilter;
import org.selfchallenge.spark.dedup.PlainNearDuplicates;
import org.selfchallenge.spark.io.RawTaskRow;
import org.selfchallenge.spark.io.TrajectoryArrow;
import org.selfchallenge.spark.io.TrajectoryArrowWriter;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.udf.CatVerification;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The verify and solve stages' work without Spark, on a plain thread pool: what {@code run.sh bench
 * spark} times the real stages against. Same verifier, same near-duplicate rule, same episodes and Arrow
 * files; the outputs Spark writes as Parquet are written here as JSON lines.
 */
public final class PlainStageLoops {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainStageLoops() {
    }

    /**
     * Verify {@code raw} and filter near-duplicates (also against {@code heldout}, the kept held-out
     * tasks); writes one JSON line per task, in task id order, to {@code out}.
     *
     * @return task count per filter reason
     */
    public static Map<String, Long> verify(PipelineConfig cfg, List<RawTaskRow> raw,
                                           List<PlainNearDuplicates.Task> heldout, int threads,
                                           java.nio.file.Path out) throws Exception {
        CatVerification.Settings s = new CatVerification.Settings(cfg.minFailureCases, cfg.verifyTimeoutMs,
                cfg.sandboxWorkers);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<CatVerification.Result>> fs = new ArrayList<>(raw.size());
        try {
            for (RawTaskRow r : raw) {
                fs.add(pool.submit(() -> CatVerification.verify(s, r.getEnv(), r.getText())));
            }
            Map<String, CatVerification.Result> verdicts = new TreeMap<>();
            Map<String, RawTaskRow> byId = new TreeMap<>();
            for (int i = 0; i < raw.size(); i++) {
                verdicts.put(raw.get(i).getTaskId(), fs.get(i).get());
                byId.put(raw.get(i).getTaskId(), raw.get(i));
            }
            List<PlainNearDuplicates.Task> cand = new ArrayList<>(heldout);
            verdicts.forEach((id, v) -> {
                if (v.valid() && v.instruction() != null) {
                    cand.add(new PlainNearDuplicates.Task(id, byId.get(id).getEnv(), false, v.instruction()));
                }
            });
            Map<String, Bands.Flag> flags = new TreeMap<>();
            if (cfg.dedupEnabled) {
                new PlainNearDuplicates(cfg.dedupShingleWords, NearDuplicateFilter.NUM_FEATURES, cfg.dedupBands,
                        cfg.dedupRowsPerBand, cfg.dedupJaccard, cfg.seed).flags(cand).forEach(f -> flags.put(f.id(), f));
            }
            Map<String, Long> reasons = new TreeMap<>();
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (var e : verdicts.entrySet()) {
                    CatVerification.Result v = e.getValue();
                    Bands.Flag f = flags.get(e.getKey());
                    String reason = !v.valid() ? v.reason() : f != null && f.heldoutOverlap() ? VerifyStage.HELDOUT_OVERLAP
                            : f != null && f.dupOf() != null ? VerifyStage.NEAR_DUPLICATE : VerifyStage.KEPT;
                    reasons.merge(reason, 1L, Long::sum);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("task_id", e.getKey());
                    row.put("env", byId.get(e.getKey()).getEnv());
                    row.put("verdict", v);
                    row.put("dup_of", f == null ? null : f.dupOf());
                    row.put("filter_reason", reason);
                    w.write(JSON.writeValueAsString(row));
                    w.newLine();
                }
            }
            return reasons;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The solve stage's episodes of {@code tasks} (its kept verified tasks: task_id, env, instruction,
     * evaluation, solution), planned as it plans them, in the same contiguous partition slices on
     * {@code threads} threads, each slice to one Arrow file under {@code dir}.
     *
     * @return trajectories written
     */
    public static long solve(PipelineConfig cfg, Dataset<Row> tasks, int round, String policyUri, String version,
                             int threads, String dir) throws Exception {
        List<Episodes.Item> items = Episodes.plan(tasks, cfg.samplesPerTask, round, cfg.seed, SolveStage.NAME);
        int partitions = Math.max(1, Math.min(cfg.solvePartitions, items.size()));
        Configuration hadoop = new Configuration();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                // Spark's parallelize slices a list the same way: [p·n/P, (p+1)·n/P).
                List<Episodes.Item> slice = items.subList((int) ((long) p * items.size() / partitions),
                        (int) ((long) (p + 1) * items.size() / partitions));
                int part = p;
                fs.add(pool.submit(() -> {
                    List<TrajectoryRecord> recs = Episodes.run(cfg, cfg.solveSampling, policyUri, version, slice,
                            hadoop, null);
                    Path file = new Path(dir, TrajectoryArrow.fileName(part));
                    FileSystem lfs = file.getFileSystem(hadoop);
                    try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(lfs, file)) {
                        for (TrajectoryRecord r : recs) {
                            w.write(r);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                    return recs.size();
                }));
            }
            long n = 0;
            for (Future<Integer> f : fs) {
                n += f.get();
            }
            return n;
        } finally {
            pool.shutdown();
        }
    }
}
