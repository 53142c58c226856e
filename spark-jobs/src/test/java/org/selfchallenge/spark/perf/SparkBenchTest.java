package org.selfchallenge.spark.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench's bookkeeping: which passes count, in which order sizes run, how the spread reads. */
class SparkBenchTest {
    @Test
    void sizesRunLargestFirst() {
        assertEquals(List.of(100_000, 60_000, 20_000), SparkBench.sizes("20000, 100000,60000"));
    }

    @Test
    void theWarmUpPassIsLeftOutOfMedianAndRange() {
        List<Double> ratios = List.of(9.0, 1.1, 1.3, 1.2); // pass 1 (JIT warm-up) is an outlier
        assertEquals(1.2, SparkBench.median(ratios), 1e-12);
        assertEquals((1.1 + 1.3) / 2, SparkBench.median(List.of(9.0, 1.1, 1.3)), 1e-12);
        assertEquals("from +10.0% to +30.0%", SparkBench.range(ratios));
        assertEquals(2.0, SparkBench.median(List.of(2.0)), 0.0, "a single pass is all there is");
    }
}
