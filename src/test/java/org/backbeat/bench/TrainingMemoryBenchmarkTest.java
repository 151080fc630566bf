package org.backbeat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.backbeat.data.WindowTensors;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.train.TrainingOptions;
import org.junit.jupiter.api.Test;

class TrainingMemoryBenchmarkTest {

    @Test
    void tinyModelsKeepTheDefaultStructureAtTheSmallestSize() {
        for (DecoderType d : DecoderType.values()) {
            ModelConfig tiny = TrainingMemoryBenchmark.tiny(d);
            ModelConfig full = TrainingOptions.defaultModel(d);
            assertEquals(full.decoder(), tiny.decoder());
            assertEquals(full.decoderSizes().size(), tiny.decoderSizes().size(), "as many decoder layers");
            assertEquals(full.conductorSize() > 0, tiny.conductorSize() > 0, "a conductor where the default has one");
            assertTrue(tiny.encoderSize() < full.encoderSize() / 8);
        }
    }

    @Test
    void syntheticWindowsAreGrooveShaped() {
        WindowTensors w = TrainingMemoryBenchmark.synthetic(4, 1);
        assertEquals(4, w.count());
        int hits = 0;
        for (int i = 0; i < w.data().length; i += 27) {
            for (int c = 0; c < 9; c++) {
                float hit = w.data()[i + c];
                assertTrue(hit == 0 || hit == 1);
                hits += (int) hit;
                if (hit == 0) {
                    assertEquals(0, w.data()[i + 9 + c]);
                }
            }
        }
        assertTrue(hits > 100 && hits < 300, hits + " hits");
    }

    @Test
    void linesComeEveryMultipleOfTenSteps() {
        assertThrows(IllegalArgumentException.class, () -> TrainingMemoryBenchmark.run(
            TrainingMemoryBenchmark.small(DecoderType.FLAT), 10, 15, 8, new PrintWriter(new StringWriter())));
    }

    @Test
    void driftIsTheLeastSquaresSlopePerThousandSteps() {
        List<Long> steps = List.of(1000L, 2000L, 3000L, 4000L, 5000L, 6000L);
        assertEquals(5.0, TrainingMemoryBenchmark.driftPer1000Steps(steps, List.of(205.0, 210.0, 215.0, 220.0, 225.0,
            230.0)), 1e-9);
        // +-5 MB of noise that alternates, no trend: well under 1 MB per 1,000 steps (-0.86)
        assertEquals(0.0, TrainingMemoryBenchmark.driftPer1000Steps(steps, List.of(210.0, 200.0, 210.0, 200.0, 210.0,
            200.0)), 1.0);
        assertTrue(Double.isNaN(TrainingMemoryBenchmark.driftPer1000Steps(List.of(1000L), List.of(200.0))));
    }
}
