package org.selfchallenge.spark.stage;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.spark.SharedSparkSession;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.PlainNearDuplicates;
import org.selfchallenge.spark.io.RawTaskRow;
import org.selfchallenge.udf.CatVerification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmark's plain verify loop reads tasks_raw as Spark wrote it and writes the verdict table the
 * stage writes, readable by Spark SQL.
 */
class PlainStageLoopsTest extends SharedSparkSession {
    @TempDir
    Path dir;

    private static RawTaskRow raw(String id, String env, String text) {
        RawTaskRow r = new RawTaskRow();
        r.setTaskId(id);
        r.setEnv(env);
        r.setText(text);
        return r;
    }

    @Test
    void verifiesFiltersAndWritesParquet() throws Exception {
        ProceduralChallenger pc = new ProceduralChallenger(List.of("calculation.reverse_word"));
        String a = pc.challenge("calculation", 1).text();
        String b = pc.challenge("calculation", 2).text();
        List<RawTaskRow> rows = new ArrayList<>(List.of(raw("t1", "calculation", a), raw("t2", "calculation", b),
                raw("t3", "calculation", a), raw("t4", "calculation", "no sections at all"), raw("t5", "mars", a)));
        PipelineConfig cfg = ConfigLoader.load(null, Map.of());
        Path out = dir.resolve("verified.parquet");
        // t3 repeats t1 (NEAR_DUPLICATE); t2's instruction is also a held-out task's (HELDOUT_OVERLAP).
        String instruction = CatVerification.verify(new CatVerification.Settings(1, 5000, 0), "calculation", b)
                .instruction();
        // Through a Spark-written tasks_raw table and back with parquet-hadoop, as the benchmark reads it.
        String rawDir = dir.resolve("tasks_raw").toString();
        spark().createDataFrame(rows, RawTaskRow.class).write().parquet(rawDir);
        List<RawTaskRow> read = PlainStageLoops.readRaw(rawDir);
        assertEquals(List.of("t1", "t2", "t3", "t4", "t5"), read.stream().map(RawTaskRow::getTaskId).sorted().toList());
        Map<String, Long> reasons = PlainStageLoops.verify(cfg, read,
                List.of(new PlainNearDuplicates.Task("h1", "calculation", true, instruction)), 2, out);
        assertEquals(Map.of("KEPT", 1L, "NEAR_DUPLICATE", 1L, "HELDOUT_OVERLAP", 1L, "PARSE_ERROR", 1L,
                "UNKNOWN_ENV", 1L), reasons);
        List<Row> back = spark().read().parquet(out.toString()).select("task_id", "filter_reason", "kept", "dup_of")
                .orderBy("task_id").collectAsList();
        assertEquals("[[t1,KEPT,true,null], [t2,HELDOUT_OVERLAP,false,null], [t3,NEAR_DUPLICATE,false,t1], "
                + "[t4,PARSE_ERROR,false,null], [t5,UNKNOWN_ENV,false,null]]", back.toString());
    }
}
