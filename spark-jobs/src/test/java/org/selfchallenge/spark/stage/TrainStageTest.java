package org.selfchallenge.spark.stage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer's device from the configured value and the GPUs Spark assigned (StandaloneClusterIT runs it for real). */
class TrainStageTest {
    @Test
    void assignedTakesTheFirstAssignedIndexAndAnExplicitDeviceWins() {
        assertEquals("/GPU:1", TrainStage.trainerDevice("assigned", new String[]{"1"}));
        assertEquals("/GPU:2", TrainStage.trainerDevice("assigned", new String[]{"2", "3"}));
        assertEquals("/GPU:0", TrainStage.trainerDevice("assigned", new String[0]), "a local master assigns none");
        assertEquals("/GPU:5", TrainStage.trainerDevice("/GPU:5", new String[]{"1"}));
    }

    @Test
    void anAddressThatIsNoIndexFailsWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainStage.trainerDevice("assigned", new String[]{"GPU-43498adf"}));
        assertTrue(e.getMessage().contains("'GPU-43498adf'") && e.getMessage().contains("conf/gpu-discovery.sh"), e.getMessage());
    }

    @Test
    void noTaskContextMeansNoGpus() {
        assertArrayEquals(new String[0], TrainStage.assignedGpus(null));
    }
}
