package org.backbeat.model;

import java.util.Arrays;
import java.util.Locale;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;

/**
 * What a model was trained to do. One architecture, one trainer; only the encoder's input differs
 * (GrooVAE's inverse sequence transformations, {@link GrooveTransforms}); the decoder always
 * predicts the full groove. Stored in the model's config, so that the CLI and the studio feed a
 * model what it was trained on and refuse a model of another task.
 */
public enum Task {
    /** The encoder sees the groove itself: sample, encode, interpolate. */
    GENERATE,
    /** Magenta Studio's Groove: the encoder sees the hits only (velocities and offsets 0). */
    HUMANIZE,
    /** Tap2drum: the encoder sees one channel of taps (loudest note per step, velocity 0, timing kept). */
    DRUMIFY;

    /** The lower-case name used on the command line and in model files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task named {@code label} (any case). */
    public static Task parse(String label) {
        for (Task t : values()) {
            if (t.label().equalsIgnoreCase(label.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + label + "' (" + String.join(", ",
            Arrays.stream(values()).map(Task::label).toList()) + ")");
    }

    /** What this task's encoder sees of {@code g}. */
    public Groove encoderInput(Groove g) {
        return switch (this) {
            case GENERATE -> g;
            case HUMANIZE -> GrooveTransforms.humanizeInput(g);
            case DRUMIFY -> GrooveTransforms.tapify(g);
        };
    }

    /**
     * The encoder input of {@code count} windows of a flat [count, 64, 27] array, as a new array
     * ({@code windows} itself stays the decoder's target); {@code windows} itself for generate.
     */
    public float[] encoderInput(float[] windows, int count) {
        if (this == GENERATE) {
            return windows;
        }
        float[] in = windows.clone();
        int w = Groove.STEPS * Groove.FEATURES;
        for (int i = 0; i < count; i++) {
            if (this == HUMANIZE) {
                GrooveTransforms.humanizeInPlace(in, i * w);
            } else {
                GrooveTransforms.tapifyInPlace(in, i * w);
            }
        }
        return in;
    }
}
