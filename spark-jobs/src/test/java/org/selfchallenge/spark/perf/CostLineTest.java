package org.selfchallenge.spark.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CostLineTest {
    private static final double EPS = 1e-12;

    @Test
    void exactLineIsRecovered() {
        // t = 0.5 + 1e-4 n at n = 10k, 20k, 40k
        CostLine l = CostLine.fit(List.of(10_000, 20_000, 40_000), List.of(0.5 + 1.0, 0.5 + 2.0, 0.5 + 4.0));
        assertEquals(1e-4, l.perItem(), EPS);
        assertEquals(0.5, l.fixed(), 1e-9);
    }

    @Test
    void leastSquaresThroughNoisyPoints() {
        // n = 0, 1, 2; t = 1, 2, 4: n̄ = 1, t̄ = 7/3; Σdx·dt = (-1)(1 - 7/3) + 0 + (1)(4 - 7/3) = 3; Σdx² = 2
        CostLine l = CostLine.fit(List.of(0, 1, 2), List.of(1.0, 2.0, 4.0));
        assertEquals(3.0 / 2, l.perItem(), EPS);
        assertEquals(7.0 / 3 - 3.0 / 2, l.fixed(), EPS);
    }

    @Test
    void overheadSplitsIntoFixedAndPerItem() {
        CostLine plain = new CostLine(0.1, 90e-6);
        CostLine spark = new CostLine(1.0, 93e-6);
        assertEquals(0.9, spark.fixedOver(plain), EPS);
        assertEquals(93.0 / 90 - 1, spark.marginalOver(plain), EPS);
        // 1.0 + 93e-6 n <= 1.05 (0.1 + 90e-6 n)  <=>  n >= (1.0 - 0.105) / (94.5e-6 - 93e-6)
        assertEquals((1.0 - 0.105) / (94.5e-6 - 93e-6), spark.sizeForOverhead(plain, 0.05), 1e-6);
    }

    @Test
    void perItemOverheadAboveTheGoalNeverMeetsIt() {
        CostLine plain = new CostLine(0.0, 1.0);
        assertEquals(Double.POSITIVE_INFINITY, new CostLine(0.0, 1.1).sizeForOverhead(plain, 0.05));
        assertEquals(0.0, new CostLine(0.0, 1.0).sizeForOverhead(plain, 0.05));
    }

    @Test
    void oneSizeIsNotALine() {
        assertThrows(IllegalArgumentException.class, () -> CostLine.fit(List.of(5, 5), List.of(1.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> CostLine.fit(List.of(5, 6), List.of(1.0)));
    }
}
