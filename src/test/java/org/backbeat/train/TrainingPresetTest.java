package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.backbeat.LongGrooves;
import org.backbeat.TestData;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPresetTest {

    @TempDir
    static Path cache;

    @BeforeAll
    static void privateCache() {
        System.setProperty("backbeat.cache", cache.toString());
    }

    @Test
    void groovae4BarIsMagentasRecipeNumberForNumber() {
        TrainingOptions o = TrainingOptions.preset("groovae_4bar", DecoderType.FLAT);
        // configs.py CONFIG_MAP['groovae_4bar']: enc_rnn_size [512], z_size 256, dec_rnn_size [256, 256]
        assertEquals(ModelConfig.groovae4Bar(), o.model());
        assertEquals(512, o.model().encoderSize());
        assertEquals(256, o.model().zSize());
        assertEquals(java.util.List.of(256, 256), o.model().decoderSizes());
        assertEquals(512, o.batchSize());
        assertEquals(0.3, o.dropoutKeep());
        assertEquals(0.2, o.maxBeta());
        // base_model.py: learning_rate 1e-3, decay_rate 0.9999, min_learning_rate 1e-5, beta_rate 0
        assertEquals(1e-3, o.learningRate());
        assertEquals(1e-5, o.minLearningRate());
        assertEquals(0.9999, o.decayRate());
        assertEquals(0, o.betaWarmupSteps());
        assertEquals(0.2, o.betaAt(1));
        assertEquals(0.2, o.betaAt(150_000));
        // Magenta: lr = (1e-3 - 1e-5) * 0.9999^step + 1e-5
        assertEquals((1e-3 - 1e-5) * Math.pow(0.9999, 10_000) + 1e-5, o.learningRateAt(10_000), 1e-15);
        assertEquals(1e-5, o.learningRateAt(200_000), 1e-9);
        assertEquals(200_000, o.maxSteps());
        assertEquals(0.0, o.weightAverageDecay(), "Magenta saves the raw weights");
        assertEquals(Augmentation.NONE, o.augmentation());
        assertEquals(48.0, GrooveGraph.FREE_BITS);

        TrainingOptions h = TrainingOptions.preset("groovae_4bar", DecoderType.HIERARCHICAL);
        assertEquals(ModelConfig.hierarchical4Bar(), h.model());
        assertEquals(o.recipe(), h.recipe());
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TrainingOptions.preset("groovae_2bar", DecoderType.FLAT));
        assertEquals("unknown preset 'groovae_2bar' (quick, standard, full, groovae_4bar)", e.getMessage());
    }

    @Test
    void thePresetsOwnSizeHoldsUnlessASizeIsGiven(@TempDir Path dir) throws Exception {
        TestData.folder(dir, 4);
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, dir.resolve("m.bbm")).withPreset(Preset.GROOVAE_4BAR)
            .withDecoder(DecoderType.HIERARCHICAL);
        TrainingJob job = TrainingJob.prepare(plan, ProgressListener.NONE);
        assertEquals(ModelConfig.hierarchical4Bar(), job.config());
        assertEquals(512, job.options().batchSize());
        assertEquals(200_000, job.options().maxSteps());
        assertEquals("groovae_4bar", job.dataDescription().get("preset"));

        TrainingJob small = TrainingJob.prepare(plan.withSize(ModelSize.SMALL), ProgressListener.NONE);
        assertEquals(64, small.config().encoderSize());
        assertEquals(512, small.options().batchSize(), "the size changes the model, not the recipe");
        // the other presets keep Backbeat's default size
        assertEquals(TrainingOptions.defaultModel(DecoderType.FLAT),
            TrainingJob.prepare(TrainingJob.Plan.of(dir, dir.resolve("s.bbm")), ProgressListener.NONE).config());
    }

    @Test
    void theHopSetsHowManyTrainingWindowsAFileGivesAndTheCardRecordsIt(@TempDir Path dir) throws Exception {
        // one 16-bar file (a plain folder of one file holds nothing out): 13 windows at hop 1, 4 at hop 4
        LongGrooves.write(TestData.busyGroove(3), 4, dir.resolve("long.mid"));
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, dir.resolve("m.bbm")).withPreset(Preset.QUICK);
        TrainingJob hop1 = TrainingJob.prepare(plan, ProgressListener.NONE);
        assertEquals(13, hop1.report().windows().get(Split.TRAIN));
        assertEquals(1, hop1.dataDescription().get(TrainingData.HOP_BARS));
        assertEquals(8, hop1.dataDescription().get(TrainingData.MIN_HITS));
        assertEquals(0.1, hop1.dataDescription().get(TrainingData.VALIDATION_SHARE));
        assertEquals(0L, hop1.dataDescription().get(TrainingData.SPLIT_SEED));
        TrainingJob hop4 = TrainingJob.prepare(plan.withHopBars(4), ProgressListener.NONE);
        assertEquals(4, hop4.report().windows().get(Split.TRAIN));
        assertEquals(4, hop4.dataDescription().get(TrainingData.HOP_BARS));

        TrainingException bad = assertThrows(TrainingException.class,
            () -> TrainingJob.prepare(plan.withHopBars(0), ProgressListener.NONE));
        assertTrue(bad.getMessage().contains("at least 1 bar, not 0"), bad.getMessage());
    }
}
