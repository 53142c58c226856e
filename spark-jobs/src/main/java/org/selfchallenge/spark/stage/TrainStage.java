package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.util.SerializableConfiguration;
import org.selfchallenge.spark.component.AssignedDevices;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.component.TrainReport;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;
import org.selfchallenge.spark.io.TrajectoryArrowReader;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.spark.train.EventFileWriter;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train: reads the round's Arrow trajectories through the Hadoop FileSystem API (file:, hdfs:, s3a:),
 * selects the data the algorithm trains on (RFT: reward ≥ {@code train.rft-min-reward}; distill: the
 * same filter, teacher data; REINFORCE/PPO/GRPO: every trajectory), trains the policy, and writes the
 * Hugging Face export ({@code checkpoint/}), the training state ({@code train_state/}) and TensorBoard
 * event files ({@code events/}). The training runs as one Spark task; with {@code train.gpu.enabled}
 * that task requests {@code train.gpu.amount} GPUs through a stage-level resource profile (standalone,
 * YARN or Kubernetes with GPU discovery configured, e.g. conf/gpu-discovery.sh) and trains on the GPU
 * Spark assigned to it; a local master has no stage-level scheduling, so there it trains on
 * {@code train.gpu.device} directly. Without {@code train.gpu.enabled} it runs on CPU wherever Spark
 * places it.
 */
public final class TrainStage implements Stage {
    public static final String NAME = "train";
    public static final String CHECKPOINT = "checkpoint";
    public static final String STATE = "train_state";
    public static final String EVENTS = "events";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) {
        PipelineConfig cfg = ctx.cfg().forRound(ctx.round());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        SerializableConfiguration hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
        String trajectories = new Path(ctx.stageDir(SolveStage.NAME), SolveStage.TRAJECTORIES).toString();
        String policyIn = ctx.policyIn().toString();
        String out = tmp.toString();
        int round = ctx.round();
        JavaRDD<Integer> one = jsc.parallelize(List.of(round), 1);
        boolean scheduled = cfg.gpuEnabled && !jsc.isLocal();
        if (scheduled) {
            ResourceProfile rp = new ResourceProfileBuilder()
                    .require(new TaskResourceRequests().cpus(1).resource(AssignedDevices.GPU, cfg.gpuAmount)).build();
            one = one.withResources(rp);
        }
        System.out.printf("  [round %d train] %s on %s%n", round, cfg.algorithm, !cfg.gpuEnabled ? "CPU"
                : scheduled ? cfg.gpuAmount + " GPU (stage-level resource profile)" : "the GPU (local master, not scheduled)");
        Trained trained = one.map(r -> {
            String[] gpus = AssignedDevices.gpus(TaskContext.get());
            PipelineConfig taskCfg = cfg.gpuEnabled ? cfg.withTrainDevice(AssignedDevices.resolve(cfg.gpuDevice, gpus)) : cfg;
            TrainReport report = train(taskCfg, r, trajectories, policyIn, out, hadoop.value());
            return new Trained(report, taskCfg.trainDevice(), gpus);
        }).collect().get(0);
        TrainReport rep = trained.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", cfg.algorithm);
        m.put("lora_rank", cfg.lora.rank()); // 0: every weight trained
        m.put("recompute_layers", cfg.recomputeLayers);
        m.put("xla", cfg.xla);
        m.put("policy_version", ctx.layout().root().toUri().relativize(new Path(ctx.stageDir(NAME), CHECKPOINT).toUri()).toString());
        m.put("train_sequences", rep.sequences());
        m.put("train_steps", rep.steps());
        m.put("train_loss", Double.isFinite(rep.finalLoss()) ? rep.finalLoss() : null);
        m.put("train_mean_reward", rep.meanReward());
        m.put("train_tokens", rep.trainableTokens());
        m.put("train_seconds", rep.seconds());
        m.put("device", cfg.gpuEnabled ? "gpu" : "cpu");
        m.put("tf_device", trained.tfDevice());
        m.put("gpu_addresses", List.of(trained.gpus()));
        return m;
    }

    /** The train task's result: its report, the TensorFlow device it trained on, the GPUs Spark assigned. */
    private record Trained(TrainReport report, String tfDevice, String[] gpus) {
    }

    /**
     * Selects the trajectories the algorithm learns from. RFT: rewarded rollouts. Distill: the round's
     * trajectories are the teacher's (in a distillation round {@link SolveStage} runs the teacher — the
     * verified example solutions as code actions in real episodes), kept when rewarded like RFT's.
     */
    static List<TrajectoryRecord> select(PipelineConfig cfg, List<TrajectoryRecord> all) {
        return switch (cfg.algorithm) {
            case "rft", "distill" -> all.stream().filter(r -> r.getReward() >= cfg.rftMinReward).toList();
            default -> all;
        };
    }

    private static TrainReport train(PipelineConfig cfg, int round, String trajectories, String policyIn, String out,
                                     Configuration hadoop) throws Exception {
        Path dir = new Path(trajectories);
        FileSystem fs = dir.getFileSystem(hadoop);
        List<TrajectoryRecord> all = new ArrayList<>(TrajectoryArrowReader.readAll(fs, dir));
        List<TrajectoryRecord> data = new ArrayList<>(select(cfg, all));
        java.nio.file.Path localIn = LocalCopies.of(policyIn, hadoop);
        java.nio.file.Path work = Files.createTempDirectory("selfchallenge-train-");
        try {
            java.nio.file.Path hf = work.resolve(CHECKPOINT);
            java.nio.file.Path state = work.resolve(STATE);
            java.nio.file.Path events = work.resolve(EVENTS);
            Files.createDirectories(hf);
            Files.createDirectories(state);
            TrainReport rep;
            try (EventFileWriter ev = new EventFileWriter(events, "round-" + round)) {
                rep = Components.load(cfg.components).train(cfg, localIn, data, hf, state, ev::scalar);
            }
            LocalCopies.upload(hf, new Path(out, CHECKPOINT), hadoop);
            LocalCopies.upload(state, new Path(out, STATE), hadoop);
            LocalCopies.upload(events, new Path(out, EVENTS), hadoop);
            return rep;
        } finally {
            LocalCopies.deleteRecursively(work);
        }
    }
}
