package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.RunLayout;
import org.selfchallenge.spark.SharedSparkSession;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.Bands;
import org.selfchallenge.spark.dedup.HeldoutSignatures;
import org.selfchallenge.spark.dedup.NearDuplicateFilter;
import org.selfchallenge.spark.io.RawTaskRow;
import org.selfchallenge.udf.VerdictCounts;

import java.io.File;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verify stage on hand-made {@code tasks_raw} tables: every task's filter reason, the metrics and
 * the report, the flat table layout, and a round with no tasks.
 */
class VerifyStageTest extends SharedSparkSession {
    private static final ProceduralChallenger PC = new ProceduralChallenger(List.of("calculation.reverse_word"));

    @TempDir
    java.nio.file.Path dir;

    private static RawTaskRow raw(String id, String env, int round, String text) {
        RawTaskRow r = new RawTaskRow();
        r.setTaskId(id);
        r.setEnv(env);
        r.setRound(round);
        r.setSeed(1L);
        r.setChallengerId("hand-made");
        r.setText(text);
        return r;
    }

    private StageContext context(int round) {
        return context(round, 2_000_000);
    }

    /** {@code driverMaxTasks}: up to this many raw tasks, the valid ones are hashed in the verify pass. */
    private StageContext context(int round, int driverMaxTasks) {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of("selfchallenge.run.out", dir.resolve("run").toString(),
                "selfchallenge.verify.partitions", 2, "selfchallenge.verify.dedup.driver-max-tasks", driverMaxTasks));
        return new StageContext(spark(), cfg, new RunLayout(cfg.out), round,
                new Progress(spark().sparkContext(), false, new PrintStream(OutputStream.nullOutputStream())));
    }

    /** Writes {@code files} as tasks_raw of the context's round, one Parquet file per list. */
    private void writeRaw(StageContext ctx, List<List<RawTaskRow>> files) {
        String path = new Path(ctx.stageDir(ChallengeStage.NAME), ChallengeStage.OUTPUT).toString();
        for (List<RawTaskRow> f : files) {
            spark().createDataFrame(f, RawTaskRow.class).coalesce(1).write().mode("append").parquet(path);
        }
    }

    @Test
    void everyTaskGetsItsReasonAndOnlyKeptTasksAreKept() throws java.io.IOException {
        String a = PC.challenge("calculation", 1).text();
        String b = PC.challenge("calculation", 2).text();
        String c = PC.challenge("calculation", 3).text();
        StageContext r0 = context(0);
        writeRaw(r0, List.of(List.of(raw("h-1", "calculation", 0, b), raw("h-2", "calculation", 0, "garbage"))));
        new VerifyStage().run(r0, r0.stageDir(VerifyStage.NAME)); // round 1 reads it as the held-out set
        // Round 0 keeps its kept tasks' band keys for the training rounds: h-1 only (h-2 is no task).
        Path heldKeys = new Path(r0.stageDir(VerifyStage.NAME), HeldoutSignatures.FILE);
        List<Bands.Signed> held = HeldoutSignatures.read(r0.fs(), heldKeys, new HeldoutSignatures.Params(r0.cfg().dedupShingleWords,
                NearDuplicateFilter.NUM_FEATURES, Bands.DEFAULT_BANDS, Bands.DEFAULT_ROWS_PER_BAND, r0.cfg().seed));
        assertEquals(List.of("h-1"), held.stream().map(Bands.Signed::id).toList());

        StageContext r1 = context(1);
        // Three files of different sizes; a2 copies a (a near-duplicate), b is the held-out task's text.
        writeRaw(r1, List.of(
                List.of(raw("r1-a", "calculation", 1, a), raw("r1-x", "calculation", 1, "no sections at all")),
                List.of(raw("r1-a2", "calculation", 1, a), raw("r1-m", "mars", 1, a)),
                List.of(raw("r1-b", "calculation", 1, b), raw("r1-c", "calculation", 1, c))));
        Path tmp = new Path(dir.resolve("tmp1").toUri());
        Map<String, Object> m = new VerifyStage().run(r1, tmp);

        assertEquals(6L, m.get("tasks_generated"));
        assertEquals(4L, m.get("tasks_valid")); // a, a2, b, c
        assertEquals(2L, m.get("tasks_verified")); // a, c
        assertEquals(Map.of("HELDOUT_OVERLAP", 1L, "KEPT", 2L, "NEAR_DUPLICATE", 1L, "PARSE_ERROR", 1L,
                "UNKNOWN_ENV", 1L), m.get("reasons"));
        assertEquals(2.0 / 6, (double) m.get("verify_yield"), 1e-12);

        String rows = verdicts(tmp);
        assertEquals("[[r1-a,true,KEPT,true,null,false], [r1-a2,true,NEAR_DUPLICATE,false,r1-a,false], "
                + "[r1-b,true,HELDOUT_OVERLAP,false,null,true], [r1-c,true,KEPT,true,null,false], "
                + "[r1-m,false,UNKNOWN_ENV,false,null,false], [r1-x,false,PARSE_ERROR,false,null,false]]",
                rows);
        // One flat directory, files named by verdict: a glob over rounds reads it as one table.
        String[] files = new File(tmp.toUri().getPath(), VerifyStage.OUTPUT).list((d, n) -> n.endsWith(".parquet"));
        assertTrue(Arrays.stream(files).allMatch(n -> n.startsWith("valid-") || n.startsWith("rejected-"))
                && Arrays.stream(files).anyMatch(n -> n.startsWith("valid-"))
                && Arrays.stream(files).anyMatch(n -> n.startsWith("rejected-")), Arrays.toString(files));

        var reportTable = spark().read().parquet(new Path(tmp, VerifyStage.REPORT).toString());
        assertEquals(VerifyStage.REPORT_SCHEMA.asNullable(), reportTable.schema());
        List<Row> report = reportTable.orderBy("env", "filter_reason").collectAsList();
        assertEquals("[[calculation,HELDOUT_OVERLAP,1,5,0.2,1], [calculation,KEPT,2,5,0.4,1], "
                + "[calculation,NEAR_DUPLICATE,1,5,0.2,1], [calculation,PARSE_ERROR,1,5,0.2,1], "
                + "[mars,UNKNOWN_ENV,1,1,1.0,1]]", report.toString());

        // Without round 0's band keys (a run from before them, or other dedup settings), the round hashes
        // round 0's kept instructions itself: the same verdicts.
        r0.fs().delete(heldKeys, false);
        Path again = new Path(dir.resolve("tmp1-again").toUri());
        assertEquals(m, new VerifyStage().run(r1, again));
        assertEquals(rows, verdicts(again));
        // Above driver-max-tasks, the buckets are formed with a shuffle: the same verdicts again.
        Path shuffled = new Path(dir.resolve("tmp1-shuffled").toUri());
        assertEquals(m, new VerifyStage().run(context(1, 0), shuffled));
        assertEquals(rows, verdicts(shuffled));
    }

    /** The verify output under {@code tmp}: per task, its verdict and the filter's findings, by task id. */
    private static String verdicts(Path tmp) {
        return spark().read().parquet(new Path(tmp, VerifyStage.OUTPUT).toString()).orderBy("task_id")
                .select("task_id", "valid", "filter_reason", "kept", "dup_of", "heldout_overlap")
                .collectAsList().toString();
    }

    @Test
    void distinctValueColumnsAreWrittenWithoutDictionaries() {
        // 40 copies of one task: Parquet would dictionary-encode every column of it; 39 are near-duplicates,
        // so the valid part is also rewritten with the filter's flags.
        String a = PC.challenge("calculation", 1).text();
        List<RawTaskRow> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            copies.add(raw(String.format("c-%02d", i), "calculation", 0, a));
        }
        StageContext r0 = context(0);
        writeRaw(r0, List.of(copies));
        Path tmp = new Path(dir.resolve("dict").toUri());
        assertEquals(Map.of("KEPT", 1L, "NEAR_DUPLICATE", 39L), new VerifyStage().run(r0, tmp).get("reasons"));
        File table = new File(tmp.toUri().getPath(), VerifyStage.OUTPUT);
        String[] files = table.list((d, n) -> n.startsWith("valid-") && n.endsWith(".parquet"));
        assertTrue(files.length > 0);
        for (String f : files) {
            Map<String, Boolean> dict = dictionaryColumns(new File(table, f));
            for (String col : VerifyStage.UNIQUE_COLUMNS) {
                assertEquals(false, dict.get(col), f + " " + col);
            }
            assertEquals(true, dict.get("filter_reason"), f + ": short codes keep their dictionary");
        }
    }

    /** Column path → whether its first row group's chunk is dictionary-encoded, from the file's footer. */
    private static Map<String, Boolean> dictionaryColumns(File parquet) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(parquet.toURI()), new Configuration()))) {
            Map<String, Boolean> out = new java.util.TreeMap<>();
            for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) {
                out.put(c.getPath().toDotString(), c.hasDictionaryPage());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRoundWithoutTasksWritesAnEmptyReadableTable() {
        StageContext r0 = context(0);
        writeRaw(r0, List.of(List.of()));
        Path tmp = new Path(dir.resolve("tmp0").toUri());
        Map<String, Object> m = new VerifyStage().run(r0, tmp);
        assertEquals(0L, m.get("tasks_generated"));
        assertEquals(0L, m.get("tasks_verified"));
        assertEquals(0L, spark().read().parquet(new Path(tmp, VerifyStage.OUTPUT).toString())
                .filter("kept").count());
        assertTrue(Arrays.asList(spark().read().parquet(new Path(tmp, VerifyStage.OUTPUT).toString()).columns())
                .contains("filter_reason"));
    }

    @Test
    void filterCountsMoveFlaggedValidTasksOutOfKept() {
        Map<VerdictCounts.Key, Long> verdicts = Map.of(
                new VerdictCounts.Key("calculation", "VALID"), 10L,
                new VerdictCounts.Key("calculation", "PARSE_ERROR"), 3L,
                new VerdictCounts.Key("retail", "VALID"), 1L);
        List<Bands.Flag> flags = List.of(
                new Bands.Flag("c1", "calculation", "c0", false),
                new Bands.Flag("c2", "calculation", "c0", true), // held-out overlap wins over duplicate
                new Bands.Flag("c3", "calculation", null, true),
                new Bands.Flag("r1", "retail", null, true));
        // calculation: 10 valid - 1 duplicate - 2 held-out overlaps = 7 kept; retail's one valid task overlaps.
        assertEquals(Map.of(new VerdictCounts.Key("calculation", "HELDOUT_OVERLAP"), 2L,
                        new VerdictCounts.Key("calculation", "KEPT"), 10L - 1 - 2,
                        new VerdictCounts.Key("calculation", "NEAR_DUPLICATE"), 1L,
                        new VerdictCounts.Key("calculation", "PARSE_ERROR"), 3L,
                        new VerdictCounts.Key("retail", "HELDOUT_OVERLAP"), 1L),
                VerifyStage.filterCounts(verdicts, flags));
    }
}
