package org.backbeat.studio;

import org.backbeat.groove.Groove;

/**
 * A groove as the studio holds it: the music, where it came from, and its point in z when known
 * (null for an edited groove until it is encoded).
 */
public record StudioGroove(Groove groove, String label, float[] z) {

    public StudioGroove withGroove(Groove g, String newLabel) {
        return new StudioGroove(g, newLabel, null);
    }

    /** The same music and label without a z (for another model). */
    public StudioGroove withoutCode() {
        return new StudioGroove(groove, label, null);
    }
}
