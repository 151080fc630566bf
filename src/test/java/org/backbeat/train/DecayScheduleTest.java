package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backbeat.model.DecoderType;
import org.junit.jupiter.api.Test;

/** Magenta's learning-rate decay, as the optimizer uses it and as progress reports it. */
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

    @Test
    void progressReportsTheRateTheOptimizerUses() {
        TrainingOptions o = TrainingOptions.preset("standard", DecoderType.FLAT);
        Trainer.DecaySchedule s = new Trainer.DecaySchedule(o.learningRate(), o.minLearningRate(), o.decayRate());
        for (int step : new int[] {0, 1, 999, 12_345, 50_000}) {
            assertEquals(s.valueAt(step, 0), o.learningRateAt(step), 0.0, "step " + step);
        }
    }
}
