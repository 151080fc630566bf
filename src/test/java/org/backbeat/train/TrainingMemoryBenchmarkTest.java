package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.backbeat.data.WindowTensors;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
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
}
