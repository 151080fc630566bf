package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The facade bench.TrainingBenchmark times the engines through steps a real engine. */
class EngineTimingTest {

    @Test
    void aTinyModelIsSteppedAndTimed() {
        EngineTiming.Timing t = EngineTiming.time(Engine.BACKPROP, TrainerTest.TINY, 2, 1, 1, 1);
        assertTrue(t.firstStepSeconds() > 0 && t.stepSeconds() > 0, t.toString());
    }
}
