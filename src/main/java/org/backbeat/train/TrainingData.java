package org.backbeat.train;

import java.util.Map;
import org.backbeat.data.WindowTensors;
import org.backbeat.model.Provenance;

/**
 * Windows to train on and to validate with, plus a description for the model card (its
 * {@code training} map). The keys below name the data and the settings it was read with, so that
 * {@link ModelTrainingData} can read the same training windows again; {@link Provenance} is their
 * typed reading.
 */
public record TrainingData(WindowTensors train, WindowTensors validation, Map<String, Object> description) {

    /** Absolute path of the folder trained on. */
    public static final String DATA = Provenance.DATA;
    /** Hop of the training windows in bars. */
    public static final String HOP_BARS = Provenance.HOP_BARS;
    /** Windows with fewer hits were dropped. */
    public static final String MIN_HITS = Provenance.MIN_HITS;
    /** Share of a plain folder's files held out for validation. */
    public static final String VALIDATION_SHARE = Provenance.VALIDATION_SHARE;
    /** Seed of the held-out choice in a plain folder. */
    public static final String SPLIT_SEED = Provenance.SPLIT_SEED;

    public TrainingData {
        if (train.count() == 0) {
            throw new IllegalArgumentException("no training windows");
        }
        description = Map.copyOf(description);
    }
}
