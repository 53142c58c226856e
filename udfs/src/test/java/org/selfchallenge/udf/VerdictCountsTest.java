package org.selfchallenge.udf;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictCountsTest {
    private static final VerdictCounts.Key CALC_VALID = new VerdictCounts.Key("calculation", "VALID");
    private static final VerdictCounts.Key CALC_PARSE = new VerdictCounts.Key("calculation", "PARSE_ERROR");
    private static final VerdictCounts.Key RETAIL_VALID = new VerdictCounts.Key("retail", "VALID");

    @Test
    void countsPerEnvironmentAndReasonAndMergesTaskCopies() {
        VerdictCounts driver = new VerdictCounts();
        assertTrue(driver.isZero());
        // What Spark does: each task works on a copy, whose value is merged into the driver's.
        VerdictCounts task1 = driver.copy();
        task1.add(CALC_VALID);
        task1.add(CALC_VALID);
        task1.add(CALC_PARSE);
        VerdictCounts task2 = driver.copy();
        task2.add(CALC_VALID);
        task2.add(RETAIL_VALID);
        driver.merge(task1);
        driver.merge(task2);
        assertEquals(Map.of(CALC_VALID, 2L + 1L, CALC_PARSE, 1L, RETAIL_VALID, 1L), driver.value());
        assertEquals(Map.of(CALC_VALID, 2L, CALC_PARSE, 1L), task1.value());

        VerdictCounts copy = driver.copy();
        driver.reset();
        assertTrue(driver.isZero());
        assertFalse(copy.isZero());
        assertEquals(5L, copy.value().values().stream().mapToLong(Long::longValue).sum());
    }
}
