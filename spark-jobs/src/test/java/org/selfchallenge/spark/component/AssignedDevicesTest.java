package org.selfchallenge.spark.component;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task's device from the configured value and the GPUs Spark assigned (StandaloneClusterIT runs it for real). */
class AssignedDevicesTest {
    @Test
    void assignedTakesTheFirstAssignedIndexAndAnExplicitDeviceWins() {
        assertEquals("/GPU:1", AssignedDevices.resolve("assigned", new String[]{"1"}));
        assertEquals("/GPU:2", AssignedDevices.resolve("assigned", new String[]{"2", "3"}));
        assertEquals("/GPU:0", AssignedDevices.resolve("assigned", new String[0]), "a local master assigns none");
        assertEquals("/GPU:5", AssignedDevices.resolve("/GPU:5", new String[]{"1"}));
    }

    @Test
    void anAddressThatIsNoIndexFailsWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AssignedDevices.resolve("assigned", new String[]{"GPU-43498adf"}));
        assertTrue(e.getMessage().contains("'GPU-43498adf'") && e.getMessage().contains("conf/gpu-discovery.sh"), e.getMessage());
    }

    @Test
    void noTaskContextMeansNoGpus() {
        assertArrayEquals(new String[0], AssignedDevices.gpus(null));
    }
}
