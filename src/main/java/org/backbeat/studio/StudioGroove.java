package org.backbeat.studio;

import org.backbeat.groove.Groove;
import org.backbeat.model.Sampling;

/**
 * A groove as the studio holds it: the music, where it came from, and, when the model made it,
 * its point in z and the {@link Sampling} (temperature and uniform draws) it was decoded with, so
 * that decoding {@code z} with {@code sampling} gives {@code groove} again. A groove that was
 * opened or edited has no z of its own (null) and a greedy sampling: latent tools start from its
 * encoding. {@code inputs} are the inputs its decode saw (see {@link org.backbeat.model.Guide}),
 * null when unknown.
 */
public record StudioGroove(Groove groove, String label, float[] z, Sampling sampling, float[] inputs) {

    public StudioGroove {
        if (sampling == null) {
            sampling = Sampling.greedy();
        }
        if (z == null) {
            inputs = null;
        }
    }

    /** A groove decoded (or to be decoded) at temperature 0. */
    public StudioGroove(Groove groove, String label, float[] z) {
        this(groove, label, z, Sampling.greedy(), null);
    }

    public StudioGroove withGroove(Groove g, String newLabel) {
        return new StudioGroove(g, newLabel, null);
    }

    /** The same groove under another name. */
    public StudioGroove withLabel(String newLabel) {
        return new StudioGroove(groove, newLabel, z, sampling, inputs);
    }

    /** The same music and label without a z (for another model). */
    public StudioGroove withoutCode() {
        return new StudioGroove(groove, label, null);
    }
}
