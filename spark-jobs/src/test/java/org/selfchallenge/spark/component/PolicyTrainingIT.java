package org.selfchallenge.spark.component;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.policy.io.BaseReference;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.spark.train.EventFileWriter;
import org.selfchallenge.udf.CatVerification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real TF Java trainer behind the train stage, on the classpath this module ships (protobuf 3.21
 * pinned against Spark's 4.x): the tiny random policy distilled on two verified example solutions for
 * three epochs; the masked NLL goes down, the HF export and training state are written, and TensorBoard
 * itself (Python) reads the loss curve from the event file.
 */
@Tag("slow")
class PolicyTrainingIT {
    @TempDir
    Path dir;

    @Test
    void distillationStepsLowerTheLossAndLogToTensorBoard() throws Exception {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of("selfchallenge.train.algorithm", "distill",
                "selfchallenge.train.epochs", 3, "selfchallenge.train.batch-size", 2,
                "selfchallenge.train.learning-rate", 3e-3, "selfchallenge.policy.tiny.hidden-size", 32,
                "selfchallenge.policy.tiny.intermediate-size", 64));
        CoreComponents c = new CoreComponents();
        Path init = Files.createDirectories(dir.resolve("init"));
        c.initPolicy(cfg, init);
        List<TaskSolver.SolveInput> tasks = verifiedTasks(2);
        List<TrajectoryRecord> demos = c.demonstrations(cfg, init, tasks);
        assertEquals(2, demos.size());
        assertTrue(demos.get(0).policyTokenCount() > 10);
        Path hf = Files.createDirectories(dir.resolve("hf"));
        Path state = Files.createDirectories(dir.resolve("state"));
        List<double[]> losses = new ArrayList<>();
        TrainReport rep;
        try (EventFileWriter ev = new EventFileWriter(dir.resolve("events"), "test")) {
            rep = PolicyTraining.train(cfg, init, demos, hf, state, (tag, step, v) -> {
                ev.scalar(tag, step, v);
                if (tag.equals("train/loss")) {
                    losses.add(new double[]{step, v});
                }
            }, 2);
        }
        assertEquals(3, rep.steps());
        assertEquals(2, rep.sequences());
        assertTrue(losses.get(2)[1] < losses.get(0)[1], "loss did not go down: " + losses.get(0)[1] + " -> " + losses.get(2)[1]);
        assertTrue(Files.exists(hf.resolve("model.safetensors")));
        assertTrue(Files.exists(hf.resolve("tokenizer.json")));
        assertTrue(Files.list(state).findAny().isPresent());

        String py = "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator\n"
                + "import sys\nea = EventAccumulator(sys.argv[1]); ea.Reload()\n"
                + "print(' '.join('%d:%.6f' % (e.step, e.value) for e in ea.Scalars('train/loss')))";
        Assumptions.assumeTrue(tensorboard(), "TensorBoard (Python) not installable here");
        Process p = new ProcessBuilder("python3", "-c", py, dir.resolve("events").toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        StringBuilder expected = new StringBuilder();
        for (double[] l : losses) {
            expected.append(expected.length() == 0 ? "" : " ").append(String.format("%d:%.6f", (long) l[0], (float) l[1]));
        }
        assertEquals(expected.toString(), out);
    }

    @Test
    void theSameRunTrainsTheSameWeightsWhereverItsFilesLive() throws Exception {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of("selfchallenge.train.algorithm", "distill",
                "selfchallenge.train.epochs", 2, "selfchallenge.train.batch-size", 1,
                "selfchallenge.policy.tiny.hidden-size", 32, "selfchallenge.policy.tiny.intermediate-size", 64));
        CoreComponents c = new CoreComponents();
        Path a = Files.createDirectories(dir.resolve("run-a/round-0/init"));
        c.initPolicy(cfg, a);
        Path b = Files.createDirectories(dir.resolve("elsewhere/run-b/init"));
        try (var files = Files.list(a)) {
            for (Path f : files.toList()) {
                Files.copy(f, b.resolve(f.getFileName()));
            }
        }
        List<TaskSolver.SolveInput> tasks = verifiedTasks(3);
        List<TrajectoryRecord> demos = c.demonstrations(cfg, a, tasks);
        byte[][] weights = new byte[2][];
        int k = 0;
        for (Path init : List.of(a, b)) {
            Path hf = Files.createDirectories(dir.resolve("hf-" + k));
            PolicyTraining.train(cfg, init, demos, hf, Files.createDirectories(dir.resolve("state-" + k)),
                    (tag, step, v) -> { }, 2);
            weights[k++] = Files.readAllBytes(hf.resolve("model.safetensors"));
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    @Test
    void loraTrainsAdaptersAndExportsAPlainPolicy() throws Exception {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of("selfchallenge.train.algorithm", "distill",
                "selfchallenge.train.epochs", 3, "selfchallenge.train.batch-size", 2,
                "selfchallenge.train.learning-rate", 3e-3, "selfchallenge.policy.tiny.hidden-size", 32,
                "selfchallenge.policy.tiny.intermediate-size", 64, "selfchallenge.train.lora.rank", 4,
                "selfchallenge.train.lora.targets", List.of("q_proj", "v_proj"),
                "selfchallenge.train.recompute-layers", true)); // the layer-by-layer backward, end to end
        CoreComponents c = new CoreComponents();
        Path init = Files.createDirectories(dir.resolve("init"));
        c.initPolicy(cfg, init);
        List<TaskSolver.SolveInput> tasks = verifiedTasks(2);
        List<TrajectoryRecord> demos = c.demonstrations(cfg, init, tasks);
        Path hf = Files.createDirectories(dir.resolve("hf"));
        Path state = Files.createDirectories(dir.resolve("state"));
        List<Double> losses = new ArrayList<>();
        PolicyTraining.train(cfg, init, demos, hf, state, (tag, step, v) -> {
            if (tag.equals("train/loss")) {
                losses.add(v);
            }
        }, 2);
        assertEquals(3, losses.size());
        assertTrue(losses.get(2) < losses.get(0), "loss did not go down: " + losses);
        // the export is a plain checkpoint: only the adapted projections moved, folded into their weights
        Map<String, TensorData> before = HfCheckpoint.readWeights(init);
        Map<String, TensorData> after = HfCheckpoint.readWeights(hf);
        assertEquals(before.keySet(), after.keySet());
        int moved = 0;
        for (String n : before.keySet()) {
            boolean adapted = n.endsWith("q_proj.weight") || n.endsWith("v_proj.weight");
            boolean same = java.util.Arrays.equals(before.get(n).data(), after.get(n).data());
            assertEquals(!adapted, same, n);
            moved += same ? 0 : 1;
        }
        assertEquals(2 * cfg.tinyLayers, moved);
        assertFalse(Files.exists(hf.resolve(PeftAdapter.WEIGHTS)));
        assertTrue(Files.exists(state.resolve(PeftAdapter.WEIGHTS)));
        assertTrue(Files.readString(state.resolve(PeftAdapter.CONFIG)).contains("\"r\" : 4"));
        // the state references the frozen base (the round's input policy) instead of copying it
        assertFalse(Files.exists(state.resolve(HfCheckpoint.SINGLE)));
        BaseReference base = BaseReference.read(state);
        assertEquals(init.toAbsolutePath().normalize().toString(), base.location());
        assertEquals(Files.size(init.resolve(HfCheckpoint.SINGLE)), base.files().get(HfCheckpoint.SINGLE).bytes());
        try (PolicyTrainer resumed = PolicyTrainer.resume(state)) {
            assertEquals(3, resumed.stepCount());
        }
    }

    /** The procedural challenger's first n calculation tasks, each verified (so each has a valid solution). */
    private static List<TaskSolver.SolveInput> verifiedTasks(int n) {
        ProceduralChallenger pc = new ProceduralChallenger();
        List<TaskSolver.SolveInput> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CatVerification.Result v = CatVerification.verify(new CatVerification.Settings(1, 5000, 0), "calculation",
                    pc.challenge("calculation", i).text());
            assertTrue(v.valid(), v.reason());
            tasks.add(new TaskSolver.SolveInput("t" + i, "calculation", v.instruction(), v.evaluation(), v.solution(), 0, i));
        }
        return tasks;
    }

    private static boolean tensorboard() throws Exception {
        for (String[] cmd : new String[][]{{"python3", "-c", "import tensorboard"},
                {"python3", "-m", "pip", "install", "-q", "tensorboard"}, {"python3", "-c", "import tensorboard"}}) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 && cmd[1].equals("-c")) {
                return true;
            }
        }
        return false;
    }
}
