package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.component.TaskSolver;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;
import org.selfchallenge.spark.io.SampleLineage;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shared by solve and evaluate: the (task, sample) work list, planned on the driver in a fixed order
 * so that partition contents (and hence output file names and rows) are the same on every attempt, and
 * the executor-side batch runner.
 */
final class Episodes {
    /** Episodes per solver call: lets batched backends (the TF policy, 16 sequences a decode) batch. */
    static final int BATCH = 16;

    private Episodes() {
    }

    /** One planned episode (crosses Spark's Kryo through KryoRecords). */
    record Item(String taskId, String env, String instruction, String evaluation, String solution, int sampleIndex,
                long seed, int round) implements Serializable {
        TaskSolver.SolveInput input() {
            return new TaskSolver.SolveInput(taskId, env, instruction, evaluation, solution, sampleIndex, seed);
        }
    }

    /** Tasks sorted by id, K samples each, seeds derived from the run seed and the trajectory id. */
    static List<Item> plan(Dataset<Row> tasks, int samples, int round, long rootSeed, String purpose) {
        // Sorted here, not by Spark: the rows come to the driver anyway, and a global orderBy cost a
        // sampling job and a shuffle on top of the collect.
        List<Row> rows = new ArrayList<>(tasks.select("task_id", "env", "instruction", "evaluation", "solution")
                .collectAsList());
        rows.sort(Comparator.comparing(r -> r.getString(0)));
        List<Item> items = new ArrayList<>();
        for (Row r : rows) {
            for (int k = 0; k < samples; k++) {
                String id = TrajectoryRecord.idFor(r.getString(0), round, k);
                long seed = Seeds.named(rootSeed, purpose + "/" + id);
                items.add(new Item(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), k,
                        seed, round));
            }
        }
        return items;
    }

    /** Runs a partition's episodes with the policy at {@code policyUri}; never throws for one bad episode. */
    static List<TrajectoryRecord> run(PipelineConfig cfg, PipelineConfig.Sampling sampling, String policyUri,
                                      String policyVersion, List<Item> items, Configuration hadoop,
                                      LongAccumulator done) {
        return run(cfg, sampling, policyUri, policyVersion, items, hadoop, done, false);
    }

    /** As above; {@code teacher}: the distillation teacher acts instead of the policy (solve only). */
    static List<TrajectoryRecord> run(PipelineConfig cfg, PipelineConfig.Sampling sampling, String policyUri,
                                      String policyVersion, List<Item> items, Configuration hadoop,
                                      LongAccumulator done, boolean teacher) {
        java.nio.file.Path local = LocalCopies.of(policyUri, hadoop);
        Components components = Components.load(cfg.components);
        TaskSolver solver = teacher ? components.teacher(cfg, local, policyVersion)
                : components.solver(cfg, local, policyVersion);
        List<TrajectoryRecord> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i += BATCH) {
            List<Item> batch = items.subList(i, Math.min(items.size(), i + BATCH));
            List<TaskSolver.SolveInput> inputs = new ArrayList<>();
            batch.forEach(b -> inputs.add(b.input()));
            List<TaskSolver.SolveOutput> outs = solver.solve(inputs);
            for (int j = 0; j < batch.size(); j++) {
                out.add(record(batch.get(j), outs.get(j), sampling, policyVersion));
                if (done != null) {
                    done.add(1);
                }
            }
        }
        return out;
    }

    static TrajectoryRecord record(Item item, TaskSolver.SolveOutput o, PipelineConfig.Sampling s, String policyVersion) {
        TaskSolver.SolveInput in = item.input();
        TrajectoryRecord r = new TrajectoryRecord();
        r.setTrajectoryId(TrajectoryRecord.idFor(in.taskId(), item.round(), in.sampleIndex()));
        r.setTaskId(in.taskId());
        r.setEnv(in.env());
        r.setRound(item.round());
        r.setSampleIndex(in.sampleIndex());
        r.setPolicyVersion(policyVersion);
        r.setSeed(in.seed());
        r.setTemperature(s.temperature());
        r.setTopP(s.topP());
        r.setTopK(s.topK());
        r.setMaxNewTokens(s.maxNewTokens());
        r.setTokens(o.tokens());
        r.setLossMask(o.lossMask());
        r.setBehaviourLogprobs(o.behaviourLogprobs());
        r.setReward(o.reward());
        r.setTurns(o.turnsJson());
        TaskContext tc = TaskContext.get();
        r.setLineage(new SampleLineage(o.outcome(), policyVersion, in.taskId(), in.sampleIndex(), in.seed(),
                tc == null ? null : tc.partitionId()).toJson());
        return r;
    }
}
