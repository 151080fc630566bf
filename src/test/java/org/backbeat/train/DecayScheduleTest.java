package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Magenta's learning-rate decay. */
class DecayScheduleTest {

    @Test
    void startsAtTheInitialRateAndDecaysTowardsTheFloor() {
        Trainer.DecaySchedule s = new Trainer.DecaySchedule(1e-3, 1e-5, 0.9999);
        assertEquals(1e-3, s.valueAt(0, 0), 1e-15);
        // (1e-3 - 1e-5) * 0.9999^10000 + 1e-5 = 0.000374...
        assertEquals((1e-3 - 1e-5) * Math.exp(10_000 * Math.log(0.9999)) + 1e-5, s.valueAt(10_000, 0), 1e-12);
        double previous = Double.MAX_VALUE;
        for (int step = 0; step <= 200_000; step += 5_000) {
            double lr = s.valueAt(step, 0);
            assertTrue(lr < previous && lr >= 1e-5, "decreasing, never under the floor, at step " + step);
            previous = lr;
        }
        assertEquals(1e-5, s.valueAt(200_000, 0), 1e-7);
    }
}
