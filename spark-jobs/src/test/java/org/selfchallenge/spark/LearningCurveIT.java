package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.component.CoreComponents;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shortened demo with the real components (procedural challenger, CaT verifier, TF Java policy and
 * trainer) and a fixed seed: a from-scratch tiny policy is distilled from the teacher's verified solutions
 * (round 1), then trained by RFT on its own rollouts (round 2). The untrained policy solves nothing
 * (a random byte-level model does not write a closed code block calling the right tool with the
 * instruction's argument), and the trained one must solve held-out tasks it never trained on, and earn
 * reward on its own rollouts. Slow (a few minutes on 2 cores): tagged {@code slow}.
 */
@Tag("slow")
class LearningCurveIT extends SharedSparkSession {

    static String hocon(String out) {
        return String.join("\n",
                "selfchallenge {",
                "  run { out = \"" + out + "\", rounds = 2, seed = 11, progress = false }",
                "  envs = [calculation]",
                "  challenge { episodes-per-env = 160, partitions = 2,"
                        + " families = [calculation.reverse_word, calculation.word_length] }",
                "  verify { partitions = 2 }",
                "  solve { samples-per-task = 4, partitions = 2, max-turns = 1, system-prompt = compact,"
                        + " sampling { temperature = 0.7, max-new-tokens = 64 } }",
                "  policy.tiny { hidden-size = 128, layers = 2, heads = 4, kv-heads = 2, intermediate-size = 256,"
                        + " max-position = 512 }",
                "  train { schedule = [distill, rft], distill-epochs = 80, distill-learning-rate = 3e-3, batch-size = 8,"
                        + " learning-rate = 1e-3 }",
                "  evaluate { heldout-tasks-per-env = 16, samples = 1, temperature = 0.0 }",
                "}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void distillationThenRftImprovesHeldOutPassAndRolloutReward(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("learn.conf");
        Files.writeString(conf, hocon(dir.resolve("run").toString()));
        PipelineConfig cfg = ConfigLoader.load(conf.toFile(), Map.of());
        new Pipeline(spark(), cfg, System.out).run();
        Map<String, Object> m = new ObjectMapper().readValue(Files.readString(dir.resolve("run/metrics.json")), Map.class);
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) m.get("rounds");
        assertEquals(3, rounds.size());
        double p0 = ((Number) rounds.get(0).get("heldout_pass_at_1")).doubleValue();
        double p2 = ((Number) rounds.get(2).get("heldout_pass_at_1")).doubleValue();
        System.out.println("held-out Pass@1: round 0 " + p0 + ", round 1 " + rounds.get(1).get("heldout_pass_at_1")
                + ", round 2 " + p2 + "; round-2 rollout reward " + rounds.get(2).get("mean_reward"));
        assertEquals("distill", rounds.get(1).get("algorithm"));
        assertEquals("rft", rounds.get(2).get("algorithm"));
        // The teacher's trajectories are verified solutions: every one is rewarded.
        assertEquals(1.0, ((Number) rounds.get(1).get("mean_reward")).doubleValue());
        assertEquals(0.0, p0);
        assertTrue(p2 > p0, "held-out Pass@1 must improve over the untrained policy: " + p0 + " -> " + p2);
        // Round 2's rollouts come from the distilled policy: it earns reward the untrained one never does.
        assertTrue(((Number) rounds.get(2).get("mean_reward")).doubleValue() > p0);
        // This JVM ran every task (local mode) with three policies; the oldest was closed, its copy deleted.
        List<String> open = CoreComponents.openPolicySources();
        assertTrue(open.stream().anyMatch(u -> u.endsWith("round-1/train/checkpoint")), open.toString());
        assertTrue(open.stream().anyMatch(u -> u.endsWith("round-2/train/checkpoint")), open.toString());
        assertFalse(open.stream().anyMatch(u -> u.endsWith("round-0/init/checkpoint")), open.toString());
    }
}
