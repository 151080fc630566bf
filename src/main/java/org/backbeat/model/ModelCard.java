package org.backbeat.model;

import java.util.Map;

/**
 * What a model file says about itself: where it came from, how it was trained, and what it
 * scored. Free-form maps so that the trainer and the importer can record what they know.
 *
 * @param name        short name shown in the studio
 * @param description one or two sentences for people
 * @param training    data, split, hyper-parameters, steps, time, hardware
 * @param metrics     evaluation results (e.g. the eval table on the test split)
 */
public record ModelCard(String name, String description, Map<String, Object> training, Map<String, Object> metrics) {
    public ModelCard {
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public static ModelCard named(String name, String description) {
        return new ModelCard(name, description, Map.of(), Map.of());
    }
}
