package org.backbeat.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a model's velocity and offset heads were trained (docs/model.md, "Task").
 *
 * <p>GrooVAE fits them by squared error at every step, to targets that are 0 where there is no hit,
 * so at a step the head reads about {@code p * E[velocity | hit]}; a sampled hit (p high) sounds
 * right, but a hit that is played whatever p (humanize plays the input's hits) must be read as
 * given the hit ({@code FastGrooveModel.givenHit}). A humanize model trained at the hits only
 * learns {@code E[velocity | hit]} itself, with the heads' whole capacity where they are asked.
 */
public enum Regression {
    /** GrooVAE's objective: every step (files written before this existed). */
    ALL_STEPS,
    /** Only where the target has a hit: the heads read as given the hit. */
    AT_HITS;

    /** The lower-case name used in model files: {@code all-steps}, {@code at-hits}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Regression::label).toList();
    }

    /** The value named {@code label} (any case). */
    public static Regression parse(String label) {
        for (Regression r : values()) {
            if (r.label().equalsIgnoreCase(label.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown regression '" + label + "' (" + String.join(", ", labels()) + ")");
    }

    /** What a new model of {@code task} is trained with: humanize at the hits, as it is used. */
    public static Regression forTask(Task task) {
        return task == Task.HUMANIZE ? AT_HITS : ALL_STEPS;
    }
}
