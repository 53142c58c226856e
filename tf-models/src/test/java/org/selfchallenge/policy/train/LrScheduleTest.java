package org.selfchallenge.policy.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LrScheduleTest {
    @Test
    void warmupThenCosine() {
        LrSchedule s = new LrSchedule(1.0, 4, 14, 0.1);
        assertEquals(0.25, s.at(0), 1e-12);   // (0+1)/4
        assertEquals(1.0, s.at(3), 1e-12);    // end of warmup
        assertEquals(1.0, s.at(4), 1e-12);    // p = 0: cos 0 = 1
        assertEquals(0.1 + 0.9 * 0.5, s.at(9), 1e-12); // p = 5/10: (1 + cos(pi/2))/2 = 0.5
        assertEquals(0.1, s.at(14), 1e-12);   // p = 1
        assertEquals(0.1, s.at(100), 1e-12);  // held at the floor
        assertEquals(2.0, new LrSchedule(2.0, 0, 0, 0.1).at(50), 1e-12); // constant
    }
}
