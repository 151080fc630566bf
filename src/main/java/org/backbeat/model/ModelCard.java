package org.backbeat.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * What a model file says about itself: where it came from, how it was trained, and what it
 * scored. The maps are stored as they are (an importer, an older or newer Backbeat record what they
 * know); {@link #provenance()} reads the training map typed.
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

    /** The {@code training} map, typed (the map stays as stored, so no key of an older card is lost). */
    @JsonIgnore
    public Provenance provenance() {
        return Provenance.of(training);
    }

    public static ModelCard named(String name, String description) {
        return new ModelCard(name, description, Map.of(), Map.of());
    }
}
