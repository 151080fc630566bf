package org.backbeat.train;

import java.util.Map;
import org.backbeat.data.WindowTensors;

/** Windows to train on and to validate with, plus a description for the model card. */
public record TrainingData(WindowTensors train, WindowTensors validation, Map<String, Object> description) {
    public TrainingData {
        if (train.count() == 0) {
            throw new IllegalArgumentException("no training windows");
        }
        description = Map.copyOf(description);
    }
}
