package org.selfchallenge.spark.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.selfchallenge.policy.model.Lora;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.cli.PipelineCli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineConfigTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProps() {
        System.clearProperty("selfchallenge.solve.samples-per-task");
        System.clearProperty("selfchallenge.train.algorithm");
    }

    private File file(String hocon) throws Exception {
        Path p = dir.resolve("over.conf");
        Files.writeString(p, hocon);
        return p.toFile();
    }

    @Test
    void defaultsMatchApplicationConf() {
        PipelineConfig c = ConfigLoader.load(null, Map.of());
        assertEquals("out/demo", c.out);
        assertEquals(4, c.rounds);
        assertEquals(List.of("calculation"), c.envs);
        assertEquals(List.of("distill", "rft", "grpo", "rft"), c.schedule);
        assertEquals("distill", c.algorithmFor(1));
        assertEquals("grpo", c.algorithmFor(3));
        assertEquals("rft", c.algorithmFor(9));         // later rounds repeat the last entry
        assertEquals("distill", c.forRound(1).algorithm);
        assertEquals(150, c.forRound(1).epochs);        // train.distill-epochs
        assertEquals(3e-3, c.forRound(1).learningRate);  // train.distill-learning-rate
        assertEquals(2e-4, c.forRound(2).learningRate);
        assertEquals("executor_compact.v1", c.solvePrompt);
        assertEquals("rft", c.algorithm);
        assertEquals(4, c.samplesPerTask);
        assertEquals(1_000_000_000L, c.heldoutSeedOffset);
        assertTrue(c.resolvedHocon.contains("samples-per-task"));
    }

    @Test
    void layersFileThenFlagsThenSystemProperties() throws Exception {
        File f = file("selfchallenge { run.rounds = 5, solve.samples-per-task = 8, train.algorithm = grpo }");
        System.setProperty("selfchallenge.solve.samples-per-task", "16");
        PipelineConfig c = ConfigLoader.load(f, Map.of("selfchallenge.run.rounds", 7, "selfchallenge.run.out", "x"));
        assertEquals(7, c.rounds);          // flag beats file
        assertEquals(16, c.samplesPerTask); // -D beats file
        assertEquals("grpo", c.algorithm);  // file beats defaults
        assertEquals("x", c.out);
    }

    private static String badKey(String hocon, PipelineConfigTest t) throws Exception {
        File f = t.file(hocon);
        return assertThrows(ConfigError.class, () -> ConfigLoader.load(f, Map.of())).key();
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        assertEquals("selfchallenge.solve.samples-per-task", badKey("selfchallenge.solve.samples-per-task = 0", this));
        assertEquals("selfchallenge.solve.samples-per-task", badKey("selfchallenge.solve.samples-per-task = many", this));
        assertEquals("selfchallenge.train.algorithm", badKey("selfchallenge.train.algorithm = sgd", this));
        assertEquals("selfchallenge.envs", badKey("selfchallenge.envs = [retail, mars]", this));
        assertEquals("selfchallenge.envs", badKey("selfchallenge.envs = []", this));
        assertEquals("selfchallenge.solve.sampling.top-p", badKey("selfchallenge.solve.sampling.top-p = 1.5", this));
        assertEquals("selfchallenge.policy.tiny.heads", badKey("selfchallenge.policy.tiny.heads = 5", this));
        assertEquals("selfchallenge.verify.dedup.jaccard-threshold",
                badKey("selfchallenge.verify.dedup.jaccard-threshold = -0.1", this));
        assertEquals("selfchallenge.evaluate.heldout-seed-offset",
                badKey("selfchallenge.evaluate.heldout-seed-offset = 10", this));
    }

    @Test
    void microBatchesDefaultToTheBatchAndNeverExceedIt() throws Exception {
        assertEquals(8, ConfigLoader.load(null, Map.of()).microBatchSize);
        assertEquals(2, ConfigLoader.load(file("selfchallenge.train.micro-batch-size = 2"), Map.of()).microBatchSize);
        assertEquals(8, ConfigLoader.load(file("selfchallenge.train.micro-batch-size = 64"), Map.of()).microBatchSize);
        assertEquals("selfchallenge.train.micro-batch-size", badKey("selfchallenge.train.micro-batch-size = -1", this));
        assertFalse(ConfigLoader.load(null, Map.of()).recomputeLayers);
        assertTrue(ConfigLoader.load(file("selfchallenge.train.recompute-layers = true"), Map.of()).recomputeLayers);
        assertEquals("selfchallenge.train.recompute-layers", badKey("selfchallenge.train.recompute-layers = often", this));
    }

    @Test
    void loraIsOffByDefaultAndBadValuesNameTheKey() throws Exception {
        assertEquals(Lora.NONE, ConfigLoader.load(null, Map.of()).lora);
        PipelineConfig c = ConfigLoader.load(file("selfchallenge.train.lora { rank = 8, alpha = 16, "
                + "targets = [q_proj, v_proj] }"), Map.of());
        assertEquals(new Lora(8, 16, List.of("q_proj", "v_proj")), c.lora);
        assertEquals(2.0, c.lora.scale());
        assertEquals(Lora.allProjections(16), ConfigLoader.load(file("selfchallenge.train.lora.rank = 16"),
                Map.of()).lora);
        assertEquals("selfchallenge.train.lora.rank", badKey("selfchallenge.train.lora.rank = -1", this));
        assertEquals("selfchallenge.train.lora.alpha", badKey("selfchallenge.train.lora.alpha = 0", this));
        assertEquals("selfchallenge.train.lora.targets", badKey("selfchallenge.train.lora.targets = [qkv]", this));
        assertEquals("selfchallenge.train.lora.targets",
                badKey("selfchallenge.train.lora { rank = 4, targets = [] }", this));
        assertEquals("selfchallenge.train.lora.targets",
                badKey("selfchallenge.train.lora.targets = [q_proj, q_proj]", this));
    }

    @Test
    void devicesDefaultToCpuAndTheTrainerTakesItsGpuOnlyWhenEnabled() throws Exception {
        PipelineConfig c = ConfigLoader.load(null, Map.of());
        assertEquals("/CPU:0", c.policyDevice);
        assertEquals("assigned", c.gpuDevice);
        assertEquals("/CPU:0", c.trainDevice());
        PipelineConfig a = ConfigLoader.load(file("selfchallenge.train.gpu.enabled = true"), Map.of());
        assertThrows(IllegalStateException.class, a::trainDevice, "assigned is resolved by the training task");
        assertEquals("/GPU:3", a.withTrainDevice("/GPU:3").trainDevice());
        assertEquals("selfchallenge.train.gpu.device", assertThrows(ConfigError.class, () -> a.withTrainDevice("GPU3")).key());
        PipelineConfig g = ConfigLoader.load(file("selfchallenge { policy.device = \"/GPU:1\", train.gpu { enabled = true, device = \"/GPU:2\" } }"), Map.of());
        assertEquals("/GPU:1", g.policyDevice);
        assertEquals("/GPU:2", g.trainDevice());
        assertEquals("assigned", ConfigLoader.load(file("selfchallenge.policy.device = assigned"), Map.of()).policyDevice);
        assertEquals("selfchallenge.policy.device", badKey("selfchallenge.policy.device = GPU0", this));
        assertEquals("selfchallenge.policy.device", badKey("selfchallenge.policy.device = \"/TPU:0\"", this));
        assertEquals("selfchallenge.train.gpu.device", badKey("selfchallenge.train.gpu.device = \"/GPU:x\"", this));
        assertEquals("selfchallenge.train.gpu.amount", badKey("selfchallenge.train.gpu.amount = 2", this));
        assertEquals("selfchallenge.train.gpu.amount", badKey("selfchallenge.train.gpu.amount = 0", this));
        assertEquals(0.5, ConfigLoader.load(file("selfchallenge.train.gpu.amount = 0.5"), Map.of()).gpuAmount);
    }

    @Test
    void benchmarksAreAcceptedAndASplitTheBenchmarkLacksNamesTheKey() throws Exception {
        PipelineConfig c = ConfigLoader.load(file("selfchallenge.evaluate { benchmarks = [retail, calculation], benchmark-max-tasks = 5 }"), Map.of());
        assertEquals(List.of("retail", "calculation"), c.benchmarks);
        assertEquals("test", c.benchmarkSplit);
        assertEquals(5, c.benchmarkMaxTasks);
        // M3ToolEval has only a test split.
        assertEquals("selfchallenge.evaluate.benchmark-split",
                badKey("selfchallenge.evaluate { benchmarks = [web], benchmark-split = train }", this));
        assertEquals("selfchallenge.evaluate.benchmarks", badKey("selfchallenge.evaluate.benchmarks = [mars]", this));
    }

    @Test
    void solveUserModelDefaultsToThePolicyWithFixedSamplingAndBadValuesNameTheKey() throws Exception {
        PipelineConfig c = ConfigLoader.load(null, Map.of());
        assertEquals("policy", c.solveUserModel);
        assertEquals(new PipelineConfig.UserSampling(0.0, 256, 0L), c.solveUserSampling);
        PipelineConfig o = ConfigLoader.load(file("selfchallenge.solve { user-model = \"openai:http://h:8000/v1#gpt-4o\","
                + " user-sampling { temperature = 0.7, max-new-tokens = 64, seed = 11 } }"), Map.of());
        assertEquals("openai:http://h:8000/v1#gpt-4o", o.solveUserModel);
        assertEquals(new PipelineConfig.UserSampling(0.7, 64, 11L), o.solveUserSampling);
        assertEquals("selfchallenge.solve.user-model", badKey("selfchallenge.solve.user-model = \"\"", this));
        assertEquals("selfchallenge.solve.user-model",
                badKey("selfchallenge.solve.user-model = \"openai:http://h:8000/v1\"", this));
        assertEquals("selfchallenge.solve.user-sampling.temperature",
                badKey("selfchallenge.solve.user-sampling.temperature = -1", this));
        assertEquals("selfchallenge.solve.user-sampling.max-new-tokens",
                badKey("selfchallenge.solve.user-sampling.max-new-tokens = 0", this));
        assertEquals("selfchallenge.solve.user-sampling.seed", badKey("selfchallenge.solve.user-sampling.seed = x", this));
    }

    @Test
    void unknownKeysAreRejectedNotIgnored() throws Exception {
        assertEquals("selfchallenge.solve.samples-per-tsk", badKey("selfchallenge.solve.samples-per-tsk = 3", this));
        assertEquals("other.key", badKey("other.key = 3", this));
    }

    @Test
    void systemPropertyTypoFailsWithKey() {
        System.setProperty("selfchallenge.train.algorithm", "adam");
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.load(null, Map.of()));
        assertEquals("selfchallenge.train.algorithm", e.key());
    }

    @Test
    void cliExitsWith2AndNamesTheKeyBeforeStartingSpark() throws Exception {
        File f = file("selfchallenge.verify.timeout-ms = 0");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = PipelineCli.run(new String[]{"--conf", f.getPath()});
        } finally {
            System.setErr(old);
        }
        assertEquals(2, rc);
        assertTrue(err.toString().contains("selfchallenge.verify.timeout-ms"), err.toString());
    }
}
