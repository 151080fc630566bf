package org.backbeat.train;

import java.util.SplittableRandom;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;

/**
 * Data augmentation for training windows that leaves tempo and timing alone (the model's input
 * is tempo-free steps and offsets, so time-stretching teaches it nothing): each window's
 * velocities are scaled by one factor in [1 - velocityScale, 1 + velocityScale] (clipped to
 * [0, 1]) as a drummer playing softer or harder, and each hi-hat hit is dropped with probability
 * {@code hatDrop}, as a sparser hat part over the same kick and snare. Encoder input and target
 * are augmented alike (the model is an autoencoder).
 *
 * @param velocityScale largest relative velocity change per window (0 = off)
 * @param hatDrop       probability to drop each closed or open hi-hat hit (0 = off)
 */
public record Augmentation(double velocityScale, double hatDrop) {

    public static final Augmentation NONE = new Augmentation(0, 0);

    /** What {@code train --augment} uses. */
    public static final Augmentation DEFAULT = new Augmentation(0.2, 0.1);

    private static final int C = DrumClass.COUNT;
    private static final int[] HATS = {DrumClass.CLOSED_HIHAT.ordinal(), DrumClass.OPEN_HIHAT.ordinal()};

    public Augmentation {
        if (!(velocityScale >= 0 && velocityScale < 1) || !(hatDrop >= 0 && hatDrop <= 1)) {
            throw new IllegalArgumentException("augmentation: velocity scale must be in [0, 1), hat drop in [0, 1]");
        }
    }

    /** Whether it changes anything (not named isX: the record is written to JSON by its components). */
    public boolean enabled() {
        return velocityScale > 0 || hatDrop > 0;
    }

    /** For people: "velocity ×0.80–1.20, hi-hat drop 10%", or "none". */
    public String describe() {
        return enabled() ? String.format(java.util.Locale.ROOT, "velocity ×%.2f–%.2f, hi-hat drop %.0f%%",
            1 - velocityScale, 1 + velocityScale, hatDrop * 100) : "none";
    }

    /** Augments {@code windows} consecutive windows of {@code x} in place. */
    void apply(float[] x, int windows, SplittableRandom r) {
        if (!enabled()) {
            return;
        }
        int window = Groove.STEPS * Groove.FEATURES;
        for (int b = 0; b < windows; b++) {
            float factor = (float) (1 + velocityScale * (2 * r.nextDouble() - 1));
            for (int s = 0; s < Groove.STEPS; s++) {
                int at = b * window + s * Groove.FEATURES;
                for (int hat : HATS) {
                    if (x[at + hat] > 0 && hatDrop > 0 && r.nextDouble() < hatDrop) {
                        x[at + hat] = 0;
                        x[at + C + hat] = 0;
                        x[at + 2 * C + hat] = 0;
                    }
                }
                for (int c = 0; c < C; c++) {
                    x[at + C + c] = Math.min(1f, x[at + C + c] * factor);
                }
            }
        }
    }
}
