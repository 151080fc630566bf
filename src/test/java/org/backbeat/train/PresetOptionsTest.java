package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The presets and sizes, now declared by name, are number for number what they were by position. */
class PresetOptionsTest {

    @Test
    void thePresetsAreTheirRecipes() {
        for (DecoderType d : DecoderType.values()) {
            ModelConfig m = TrainingOptions.defaultModel(d);
            assertEquals(new TrainingOptions(m, 32, 300, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 100, 0, 25, 2,
                Augmentation.NONE, 0.995), Preset.QUICK.options(d));
            assertEquals(new TrainingOptions(m, 64, 3000, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 1000, 0, 200, 5,
                Augmentation.NONE, 0.995), Preset.STANDARD.options(d));
            assertEquals(new TrainingOptions(m, 64, 50_000, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 5000, 0, 500, 10,
                Augmentation.NONE, 0.995), Preset.FULL.options(d));
            assertEquals(new TrainingOptions(ModelSize.PAPER.config(d), 512, 200_000, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2,
                0, 0, 100, 5, Augmentation.NONE, 0), Preset.GROOVAE_4BAR.options(d));
        }
        assertEquals(List.of("quick", "standard", "full", "groovae_4bar"), TrainingOptions.PRESETS);
    }

    @Test
    void theSizesAreTheirShapes() {
        assertEquals(new ModelConfig(64, 32, DecoderType.FLAT, List.of(64, 64), 0, DrumMapping.ROLAND),
            ModelSize.SMALL.config(DecoderType.FLAT));
        assertEquals(new ModelConfig(64, 32, DecoderType.HIERARCHICAL, List.of(64), 64, DrumMapping.ROLAND),
            ModelSize.SMALL.config(DecoderType.HIERARCHICAL));
        assertEquals(new ModelConfig(16, 8, DecoderType.HIERARCHICAL, List.of(16), 16, DrumMapping.ROLAND),
            ModelSize.TINY.config(DecoderType.HIERARCHICAL));
        assertEquals(new ModelConfig(256, 256, DecoderType.FLAT, List.of(256, 256), 0, DrumMapping.ROLAND),
            ModelSize.DEFAULT.config(DecoderType.FLAT));
        assertEquals(ModelConfig.hierarchical4Bar(), ModelSize.PAPER.config(DecoderType.HIERARCHICAL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TrainingJob.Plan.of(java.nio.file.Path.of("d"), java.nio.file.Path.of("m.bbm")).withSize(ModelSize.TINY));
        assertEquals("unknown size 'tiny' (small, default, paper)", e.getMessage());
    }

    @Test
    void everyWitherChecksInTheOnePlace() {
        TrainingOptions o = Preset.QUICK.options(DecoderType.FLAT);
        assertEquals("the learning rate must be in (0, 1], not NaN",
            assertThrows(IllegalArgumentException.class, () -> o.withLearningRate(Double.NaN)).getMessage());
        assertEquals(1e-6, o.withLearningRate(1e-6).minLearningRate(), "the floor stays below the rate");
        assertThrows(IllegalArgumentException.class, () -> o.withDropoutKeep(0));
        assertThrows(IllegalArgumentException.class, () -> o.withBudget(0, 0));
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void decoderNamesAreReadInOnePlace() {
        assertEquals(DecoderType.HIERARCHICAL, DecoderType.parse("HIERARCHICAL"), "as model files were read");
        assertEquals("flat", DecoderType.FLAT.label());
        assertEquals("unknown decoder 'lstm' (flat, hierarchical)",
            assertThrows(IllegalArgumentException.class, () -> DecoderType.parse("lstm")).getMessage());
    }
}
