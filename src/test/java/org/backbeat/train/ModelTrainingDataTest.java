package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingDataTest {

    private static ModelCard card(Map<String, Object> training) {
        return new ModelCard("m", "", training, Map.of());
    }

    @Test
    void theCardsSettingsAreReadBack(@TempDir Path dir) {
        ModelTrainingData.Lookup l = ModelTrainingData.find(card(Map.of(TrainingData.DATA, dir.toString(),
            TrainingData.HOP_BARS, 4, TrainingData.MIN_HITS, 2, TrainingData.VALIDATION_SHARE, 0.25,
            TrainingData.SPLIT_SEED, 9, "windows", Map.of("train", 321, "validation", 12))), DrumMapping.ROLAND, null);
        assertTrue(l.found(), l.reason());
        assertEquals(dir, l.data().folder());
        assertEquals(4, l.data().options().trainHopBars());
        assertEquals(4, l.data().options().evalHopBars());
        assertEquals(2, l.data().options().minHits());
        assertEquals(0.25, l.data().options().validationShare());
        assertEquals(9, l.data().options().seed());
        assertEquals(321, l.data().recorded());
        assertEquals(DrumMapping.ROLAND, l.data().options().read().mapping());
    }

    @Test
    void anOlderCardGetsTheTrainersDefaultsOfItsTimeAndItsSplitTextsShare(@TempDir Path dir) {
        ModelTrainingData.Lookup l = ModelTrainingData.find(card(Map.of(TrainingData.DATA, dir.toString(),
            "split", "files held out by path hash: 0.2")), DrumMapping.ROLAND, null);
        assertTrue(l.found(), l.reason());
        assertEquals(1, l.data().options().trainHopBars());
        assertEquals(8, l.data().options().minHits());
        assertEquals(0.2, l.data().options().validationShare());
        assertEquals(0, l.data().options().seed());
        assertEquals(-1, l.data().recorded());
        ModelTrainingData.Lookup gmd = ModelTrainingData.find(card(Map.of(TrainingData.DATA, dir.toString(),
            "split", "info.csv train split; validation split for model selection")), DrumMapping.ROLAND, null);
        assertEquals(0.1, gmd.data().options().validationShare());
    }

    @Test
    void noDataOrMissingDataIsAReasonNotAFolder(@TempDir Path dir) {
        ModelTrainingData.Lookup none = ModelTrainingData.find(card(Map.of()), DrumMapping.ROLAND, null);
        assertFalse(none.found());
        assertEquals("the model's card does not say what it was trained on (an imported model?)", none.reason());
        Path gone = dir.resolve("gone");
        ModelTrainingData.Lookup missing = ModelTrainingData.find(card(Map.of(TrainingData.DATA, gone.toString())),
            DrumMapping.ROLAND, null);
        assertFalse(missing.found());
        assertEquals("the model's training data (" + gone + ", per its card) is not on this machine; "
            + "--training-data DIR names where it is", missing.reason());
        ModelTrainingData.Lookup elsewhere = ModelTrainingData.find(card(Map.of(TrainingData.DATA, gone.toString())),
            DrumMapping.ROLAND, dir);
        assertTrue(elsewhere.found());
        assertEquals(dir, elsewhere.data().folder());
        assertEquals(gone + " is not a folder", ModelTrainingData.find(card(Map.of()), DrumMapping.ROLAND, gone).reason());
    }
}
