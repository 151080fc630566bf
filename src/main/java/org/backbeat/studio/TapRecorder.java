package org.backbeat.studio;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;

/**
 * Four bars of tapped rhythm at a tempo, for Drumify: each tap (a key press, a MIDI note) is an
 * onset at its time since the first tap, which is the first downbeat. The taps become a groove by
 * Magenta.js' own tapify rule ({@link GrooveTransforms#tapify(List, double)}: the nearest 16th,
 * the remainder as timing, the loudest tap of a step), exactly what a drumify model was trained on.
 * Times are the caller's clock in nanoseconds, so a test drives it with the times it chooses.
 */
public final class TapRecorder {

    private final double qpm;
    private final List<GrooveTransforms.Onset> onsets = new ArrayList<>();
    private long start;
    private boolean started;

    public TapRecorder(double qpm) {
        if (!(qpm > 0) || Double.isInfinite(qpm)) {
            throw new IllegalArgumentException("tempo must be positive: " + qpm);
        }
        this.qpm = qpm;
    }

    public double qpm() {
        return qpm;
    }

    /** Seconds of the four bars. */
    public double loopSeconds() {
        return Groove.STEPS * 60.0 / qpm / 4.0;
    }

    /**
     * Records a tap at {@code nanos} with MIDI velocity {@code velocity} (1-127); the first one is the
     * downbeat of bar 1. Returns false, recording nothing, for a tap after the four bars (one that
     * would land on the next loop's downbeat or later).
     */
    public synchronized boolean tap(long nanos, int velocity) {
        if (!started) {
            started = true;
            start = nanos;
        }
        double t = (nanos - start) / 1e9;
        if (t < 0 || finishedAt(t)) {
            return false;
        }
        onsets.add(new GrooveTransforms.Onset(t, Math.max(1, Math.min(127, velocity))));
        return true;
    }

    private boolean finishedAt(double seconds) {
        return seconds >= loopSeconds() - 60.0 / qpm / 8.0; // half a 16th before the next downbeat
    }

    /** Whether the four bars from the first tap are over at {@code nanos}. */
    public synchronized boolean finished(long nanos) {
        return started && finishedAt((nanos - start) / 1e9);
    }

    public synchronized boolean started() {
        return started;
    }

    public synchronized int count() {
        return onsets.size();
    }

    /** The taps so far as a groove: hits in the tap channel with their timing, at the tempo. */
    public synchronized Groove taps() {
        return GrooveTransforms.tapify(onsets, qpm);
    }
}
