package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The verify and solve stages' work without Spark, on a plain thread pool: what {@code run.sh bench
 * spark} times the real stages against. Same verifier, same near-duplicate rule, same episodes and Arrow
 * files, the same verdict table as one Parquet file (written by parquet-hadoop directly).
 */
public final class PlainStageLoops {
    /** The columns of {@code tasks_verified} the verify stage computes (not the raw-task passthrough ones). */
    private static final MessageType VERIFIED = MessageTypeParser.parseMessageType("""
            message tasks_verified {
              required binary task_id (STRING); required binary env (STRING);
              required boolean valid; required binary reason (STRING); optional binary detail (STRING);
              optional binary instruction (STRING); optional binary evaluation (STRING);
              optional binary solution (STRING);
              optional group failure_cases (LIST) { repeated group list { required binary element (STRING); } }
              required int32 runs; required double duration_ms; optional binary dup_of (STRING);
              required boolean heldout_overlap; required binary filter_reason (STRING); required boolean kept;
            }""");

    /** Tasks a verify worker takes from the queue at a time. */
    static final int VERIFY_CHUNK = 1000;

    private PlainStageLoops() {
    }

    /** The columns of {@code tasks_raw} verification reads. */
    private static final String RAW_COLUMNS = "message tasks_raw { optional binary taskId (STRING); "
            + "optional binary env (STRING); optional binary text (STRING); }";

    /** {@code tasks_raw} (a directory of Parquet files) read with parquet-hadoop, files in name order. */
    public static List<RawTaskRow> readRaw(String dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, RAW_COLUMNS);
        Path d = new Path(dir);
        FileSystem fs = d.getFileSystem(conf);
        FileStatus[] files = fs.listStatus(d, p -> p.getName().endsWith(".parquet"));
        Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
        List<RawTaskRow> out = new ArrayList<>();
        for (FileStatus f : files) {
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f.getPath()).withConf(conf)
                    .build()) {
                for (Group g = r.read(); g != null; g = r.read()) {
                    RawTaskRow row = new RawTaskRow();
                    row.setTaskId(string(g, "taskId"));
                    row.setEnv(string(g, "env"));
                    row.setText(string(g, "text"));
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String string(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? null : g.getString(field, 0);
    }

    /**
     * Verify {@code raw} and filter near-duplicates (also against {@code heldout}, the kept held-out
     * tasks); writes the verdicts as one Snappy Parquet file, in task id order, to {@code out}.
     *
     * @return task count per filter reason
     */
    public static Map<String, Long> verify(PipelineConfig cfg, List<RawTaskRow> raw,
                                           List<PlainNearDuplicates.Task> heldout, int threads,
                                           java.nio.file.Path out) throws Exception {
        CatVerification.Settings s = new CatVerification.Settings(cfg.minFailureCases, cfg.verifyTimeoutMs,
                cfg.sandboxWorkers);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CatVerification.Result[] results = new CatVerification.Result[raw.size()];
        try {
            // Chunks from a shared queue: cores stay busy to the end whatever each task costs, and a
            // chunk is long enough that handing it out costs nothing (a future per task was 15-20% slower).
            List<Future<?>> fs = new ArrayList<>();
            for (int from = 0; from < raw.size(); from += VERIFY_CHUNK) {
                int lo = from;
                int hi = Math.min(raw.size(), from + VERIFY_CHUNK);
                fs.add(pool.submit(() -> {
                    for (int i = lo; i < hi; i++) {
                        results[i] = CatVerification.verify(s, raw.get(i).getEnv(), raw.get(i).getText());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            Map<String, CatVerification.Result> verdicts = new TreeMap<>();
            Map<String, RawTaskRow> byId = new TreeMap<>();
            for (int i = 0; i < raw.size(); i++) {
                verdicts.put(raw.get(i).getTaskId(), results[i]);
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
            SimpleGroupFactory rows = new SimpleGroupFactory(VERIFIED);
            ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
                    new Path(out.toUri()), new Configuration())).withType(VERIFIED)
                    .withCompressionCodec(CompressionCodecName.SNAPPY);
            VerifyStage.UNIQUE_COLUMNS.forEach(c -> builder.withDictionaryEncoding(c, false)); // as the stage writes
            try (ParquetWriter<Group> w = builder.build()) {
                for (var e : verdicts.entrySet()) {
                    CatVerification.Result v = e.getValue();
                    Bands.Flag f = flags.get(e.getKey());
                    String reason = !v.valid() ? v.reason() : f != null && f.heldoutOverlap() ? VerifyStage.HELDOUT_OVERLAP
                            : f != null && f.dupOf() != null ? VerifyStage.NEAR_DUPLICATE : VerifyStage.KEPT;
                    reasons.merge(reason, 1L, Long::sum);
                    Group g = rows.newGroup().append("task_id", e.getKey()).append("env", byId.get(e.getKey()).getEnv())
                            .append("valid", v.valid()).append("reason", v.reason());
                    appendIfSet(g, "detail", v.detail());
                    appendIfSet(g, "instruction", v.instruction());
                    appendIfSet(g, "evaluation", v.evaluation());
                    appendIfSet(g, "solution", v.solution());
                    if (v.failureCases() != null) {
                        Group list = g.addGroup("failure_cases");
                        v.failureCases().forEach(c -> list.addGroup("list").append("element", c));
                    }
                    g.append("runs", v.runs()).append("duration_ms", v.durationMs());
                    appendIfSet(g, "dup_of", f == null ? null : f.dupOf());
                    g.append("heldout_overlap", f != null && f.heldoutOverlap()).append("filter_reason", reason)
                            .append("kept", reason.equals(VerifyStage.KEPT));
                    w.write(g);
                }
            }
            return reasons;
        } finally {
            pool.shutdown();
        }
    }

    private static void appendIfSet(Group g, String field, String value) {
        if (value != null) {
            g.append(field, value);
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
