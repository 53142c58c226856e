package org.selfchallenge.policy.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.TinyCheckpoints;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad training input fails with a specific message and changes nothing. */
class TrainerInputTest {
    @TempDir
    Path dir;

    @Test
    void badBatchesAreRejectedClearly() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 16, 1, 2, 1, true), 1, 0.02);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainSequence(new int[]{1, 2},
                new boolean[]{true}, null, 0, Double.NaN, 0)).getMessage().contains("mask.length"));
        try (PolicyTrainer t = PolicyTrainer.open(dir, TrainConfig.builder().algorithm(Algorithm.PPO).build())) {
            TrainSequence outOfVocab = TrainSequence.rollout(new int[]{1, 300}, new boolean[]{false, true},
                    new float[]{0f, -1f}, 1.0, 0);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> t.step(List.of(outOfVocab))).getMessage()
                    .contains("token id 300 outside [0, 300)"));
            TrainSequence noLogprobs = TrainSequence.supervised(new int[]{1, 2}, new boolean[]{false, true});
            assertTrue(assertThrows(IllegalArgumentException.class, () -> t.step(List.of(noLogprobs))).getMessage()
                    .contains("behaviour log-probs"));
            assertThrows(IllegalArgumentException.class, () -> t.step(List.of()));
            TrainSequence nothingToTrain = TrainSequence.rollout(new int[]{1, 2}, new boolean[]{true, false},
                    new float[]{0f, 0f}, 1.0, 0);
            TrainMetrics m = t.step(List.of(nothingToTrain));
            assertEquals(0, m.tokens());
            assertEquals(0, t.stepCount());
        }
    }
}
