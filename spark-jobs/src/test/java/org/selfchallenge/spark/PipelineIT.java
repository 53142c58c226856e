package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.io.TrajectoryArrowReader;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on local[2] with scripted models (expected values from the script in
 * {@link org.selfchallenge.spark.component.ScriptedComponents}): 8 episodes per round in 4 patterns
 * (valid, unparseable, lenient failure case, duplicate) → 2 kept per round, except round 1 where
 * episode 4 repeats a held-out task (and episode 7 repeats episode 4): 1 kept.
 */
class PipelineIT extends SharedSparkSession {

    @Test
    @SuppressWarnings("unchecked")
    void countsRewardsAndPassRatesAreExactlyTheScriptedOnes() throws Exception {
        Path out = ScriptedRun.completed(spark());
        Map<String, Object> m = new ObjectMapper().readValue(Files.readString(out.resolve("metrics.json")), Map.class);
        assertEquals(3, ((List<?>) m.get("rounds")).size());

        Map<String, Object> r0 = ScriptedRun.round(m, 0);
        assertEquals(8, r0.get("tasks_generated"));
        assertEquals(2, r0.get("tasks_verified"));
        assertEquals(Map.of("KEPT", 2, "NEAR_DUPLICATE", 2, "PARSE_ERROR", 2, "FAILURE_CASE_ACCEPTED", 2), r0.get("reasons"));
        assertEquals(2, r0.get("heldout_tasks"));
        assertEquals(0.0, r0.get("heldout_pass_at_1"));   // skill 0 fails sample 0

        Map<String, Object> r1 = ScriptedRun.round(m, 1);
        assertEquals(8, r1.get("tasks_generated"));
        assertEquals(1, r1.get("tasks_verified"));
        assertEquals(Map.of("KEPT", 1, "NEAR_DUPLICATE", 1, "HELDOUT_OVERLAP", 2, "PARSE_ERROR", 2,
                "FAILURE_CASE_ACCEPTED", 2), r1.get("reasons"));
        assertEquals(2, r1.get("trajectories"));           // 1 task x 2 samples
        assertEquals(0.5, r1.get("mean_reward"));          // skill 0: only the odd sample solves
        assertEquals(1, r1.get("train_sequences"));        // RFT keeps reward >= 1
        assertEquals(List.of("cpu", "/CPU:0", List.of()), List.of(r1.get("device"), r1.get("tf_device"), r1.get("gpu_addresses")));
        assertEquals(1.0, r1.get("heldout_pass_at_1"));    // skill 1 solves everything

        Map<String, Object> r2 = ScriptedRun.round(m, 2);
        assertEquals(2, r2.get("tasks_verified"));
        assertEquals(4, r2.get("trajectories"));
        assertEquals(1.0, r2.get("mean_reward"));
        assertEquals(4, r2.get("train_sequences"));
        assertEquals(1.0, r2.get("heldout_pass_at_1"));
        assertTrue(Files.exists(out.resolve("resolved.conf")));

        // Real M3ToolEval calculation tasks 0..2 (benchmark-max-tasks = 3), 1 sample each: at skill 0 only
        // the odd-position task gets its gold replay (the others the no-op policy, which never answers).
        assertEquals(Map.of("calculation", Map.of("pass_at_1", 1.0 / 3, "pass_at_k", 1.0 / 3, "tasks", 3, "samples", 1)),
                r0.get("benchmarks"));
        assertEquals(Map.of("calculation", Map.of("pass_at_1", 1.0, "pass_at_k", 1.0, "tasks", 3, "samples", 1)),
                r1.get("benchmarks"));
        assertEquals(Map.of("calculation", Map.of("pass_at_1", 1.0, "pass_at_k", 1.0, "tasks", 3, "samples", 1)),
                r2.get("benchmarks"));
        List<org.apache.spark.sql.Row> rows = spark().read().parquet(out.resolve("round-0/evaluate/benchmark_results").toString())
                .selectExpr("count(*)", "sum(correct)", "count(DISTINCT task_id)", "min(round)").collectAsList();
        assertEquals(List.of(3L, 1L, 3L, 0), List.of(rows.get(0).getLong(0), rows.get(0).getLong(1),
                rows.get(0).getLong(2), rows.get(0).getInt(3)));
    }

    @Test
    void arrowFilesHoldEveryTrajectoryOnceWithItsReward() throws Exception {
        Path out = ScriptedRun.completed(spark());
        FileSystem fs = FileSystem.getLocal(new Configuration());
        List<TrajectoryRecord> recs = TrajectoryArrowReader.readAll(fs,
                new org.apache.hadoop.fs.Path(out.resolve("round-2/solve/trajectories").toUri()));
        Map<String, Float> rewards = new TreeMap<>();
        for (TrajectoryRecord r : recs) {
            assertEquals(null, rewards.put(r.getTrajectoryId(), r.getReward()), "duplicate " + r.getTrajectoryId());
            assertEquals(r.getTokens().length, r.getLossMask().length);
            assertTrue(r.policyTokenCount() > 0);
        }
        assertEquals(Map.of("calculation-r2-00000#0@r2", 1f, "calculation-r2-00000#1@r2", 1f,
                "calculation-r2-00004#0@r2", 1f, "calculation-r2-00004#1@r2", 1f), rewards);
        assertEquals(2, TrajectoryArrowReader.files(fs,
                new org.apache.hadoop.fs.Path(out.resolve("round-2/solve/trajectories").toUri())).size());
    }

    @Test
    void parquetTablesAndTheUdfAreUsableFromSql() throws Exception {
        Path out = ScriptedRun.completed(spark());
        spark().read().parquet(out + "/round-*/verify/tasks_verified").createOrReplaceTempView("tv");
        List<Row> rows = spark().sql("SELECT filter_reason, count(*) FROM tv WHERE round = 1 GROUP BY filter_reason ORDER BY 1")
                .collectAsList();
        assertEquals("[[FAILURE_CASE_ACCEPTED,2], [HELDOUT_OVERLAP,2], [KEPT,1], [NEAR_DUPLICATE,1], [PARSE_ERROR,2]]",
                rows.toString());
        Row dup = spark().sql("SELECT dup_of FROM tv WHERE task_id = 'calculation-r2-00003'").first();
        assertEquals("calculation-r2-00000", dup.getString(0));
        spark().read().parquet(out + "/round-1/challenge/tasks_raw").createOrReplaceTempView("raw1");
        List<Row> v = spark().sql("SELECT taskId, verify_cat(env, text).reason FROM raw1 ORDER BY taskId LIMIT 3").collectAsList();
        assertEquals("[[calculation-r1-00000,VALID], [calculation-r1-00001,PARSE_ERROR], [calculation-r1-00002,FAILURE_CASE_ACCEPTED]]",
                v.toString());
    }

    @Test
    void reRunSkipsEveryCommittedStage() throws Exception {
        Path out = ScriptedRun.completed(spark());
        Pipeline again = new Pipeline(spark(), ScriptedRun.config(out.getParent(), out.toString()), System.out);
        again.run();
        assertEquals(List.of(), again.ranStages());
        assertEquals(4 + 5 * 2, again.skippedStages().size());
    }
}
