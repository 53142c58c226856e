package org.selfchallenge.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PassAtKTest {
    private static final double EPS = 1e-12;

    @Test
    void singleTaskByHand() {
        // 1 - C(3,1)/C(4,1) = 1 - 3/4
        assertEquals(1.0 - 3.0 / 4.0, PassAtK.passAtK(4, 1, 1), EPS);
        // n - c = 3 < k = 4: every draw of 4 contains the correct one
        assertEquals(1.0, PassAtK.passAtK(4, 1, 4), EPS);
        // 1 - C(2,2)/C(4,2) = 1 - 1/6
        assertEquals(1.0 - 1.0 / 6.0, PassAtK.passAtK(4, 2, 2), EPS);
        // 1 - C(3,3)/C(5,3) = 1 - 1/10
        assertEquals(1.0 - 1.0 / 10.0, PassAtK.passAtK(5, 2, 3), EPS);
        // 1 - C(7,2)/C(10,2) = 1 - 21/45
        assertEquals(1.0 - 21.0 / 45.0, PassAtK.passAtK(10, 3, 2), EPS);
        assertEquals(0.0, PassAtK.passAtK(4, 0, 4), EPS);
    }

    @Test
    void meansOverTasksByHand() {
        List<PassAtK.Counts> t = List.of(new PassAtK.Counts(4, 0), new PassAtK.Counts(4, 1),
                new PassAtK.Counts(4, 2), new PassAtK.Counts(4, 4));
        // Pass@1 = (0/4 + 1/4 + 2/4 + 4/4) / 4
        assertEquals((0.0 + 0.25 + 0.5 + 1.0) / 4, PassAtK.meanPassAt1(t), EPS);
        assertEquals(PassAtK.meanPassAt1(t), PassAtK.meanPassAtK(t, 1), EPS);
        // Pass@4: a task passes iff c >= 1 -> (0 + 1 + 1 + 1) / 4
        assertEquals(3.0 / 4.0, PassAtK.meanPassAtK(t, 4), EPS);
        // Pass@2: (1 - C(4,2)/C(4,2)) + (1 - C(3,2)/C(4,2)) + (1 - C(2,2)/C(4,2)) + 1 = 0 + 1/2 + 5/6 + 1
        assertEquals((0.0 + (1 - 3.0 / 6) + (1 - 1.0 / 6) + 1.0) / 4, PassAtK.meanPassAtK(t, 2), EPS);
        // pass^2: C(c,2)/C(4,2) = 0, 0, 1/6, 1
        assertEquals((0.0 + 0.0 + 1.0 / 6 + 1.0) / 4, PassAtK.meanPassHatK(t, 2), EPS);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.passAtK(4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.passAtK(4, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new PassAtK.Counts(0, 0));
        assertEquals(0.0, PassAtK.meanPassAtK(List.of(), 1));
    }
}
