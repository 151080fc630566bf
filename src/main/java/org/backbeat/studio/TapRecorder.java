package org.backbeat.studio;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;

/**
 * Four bars of tapped rhythm at a tempo, for Drumify: each tap (a key press, a MIDI note) is an
 * onset at its time since the loop's first downbeat. That downbeat is either given (the beat after
 * a metronome's count-in: {@link #afterCountIn}) or the first tap itself (free tapping, no
 * metronome: {@link #TapRecorder(double)}). The taps become a groove by Magenta.js' own tapify rule
 * ({@link GrooveTransforms#tapify(List, double)}: the nearest 16th, the remainder as timing, the
 * loudest tap of a step), exactly what a drumify model was trained on. Times are the caller's clock
 * in nanoseconds, so a test drives it with the times it chooses.
 */
public final class TapRecorder {

    /** The count-in the studio plays before the four bars: one bar of clicks. */
    public static final int COUNT_IN_BEATS = 4;

    /** Where a tap landed. */
    public enum Landing {
        /** On the four bars: recorded. */
        TAKEN,
        /** Before the first downbeat (more than half a 16th early: during the count-in): ignored. */
        EARLY,
        /** After the four bars (on the next loop's downbeat or later): ignored, the taps are done. */
        LATE
    }

    private final double qpm;
    private final int countInBeats;
    private final List<GrooveTransforms.Onset> onsets = new ArrayList<>();
    private long start;
    private boolean started;

    /** Free tapping: the first tap is the downbeat of bar 1. */
    public TapRecorder(double qpm) {
        this(qpm, 0);
    }

    private TapRecorder(double qpm, int countInBeats) {
        if (!(qpm > 0) || Double.isInfinite(qpm)) {
            throw new IllegalArgumentException("tempo must be positive: " + qpm);
        }
        this.qpm = qpm;
        this.countInBeats = countInBeats;
    }

    /**
     * Tapping over a loop whose first downbeat is at {@code downbeatNanos}, after a count-in of
     * {@code countInBeats} beats (clicks at one beat, two beats, ... before it): a tap's time is
     * measured from that downbeat, whenever the first tap comes.
     */
    public static TapRecorder afterCountIn(double qpm, long downbeatNanos, int countInBeats) {
        if (countInBeats < 0) {
            throw new IllegalArgumentException("count-in beats: " + countInBeats);
        }
        TapRecorder r = new TapRecorder(qpm, countInBeats);
        r.start = downbeatNanos;
        r.started = true;
        return r;
    }

    public double qpm() {
        return qpm;
    }

    /** Seconds of the four bars. */
    public double loopSeconds() {
        return Groove.STEPS * 60.0 / qpm / 4.0;
    }

    private double halfStepSeconds() {
        return 60.0 / qpm / 8.0;
    }

    /**
     * Records a tap at {@code nanos} with MIDI velocity {@code velocity} (1-127). Without a count-in
     * the first one is the downbeat of bar 1. A tap up to half a 16th before the downbeat is the
     * downbeat played early (step 0 with its timing); one earlier is {@link Landing#EARLY} and one
     * that would land on the next loop's downbeat or later {@link Landing#LATE}: neither is recorded.
     */
    public synchronized Landing tap(long nanos, int velocity) {
        if (!started) {
            started = true;
            start = nanos;
        }
        double t = (nanos - start) / 1e9;
        if (t < -halfStepSeconds()) {
            return Landing.EARLY;
        }
        if (finishedAt(t)) {
            return Landing.LATE;
        }
        onsets.add(new GrooveTransforms.Onset(t, Math.max(1, Math.min(127, velocity))));
        return Landing.TAKEN;
    }

    private boolean finishedAt(double seconds) {
        return seconds >= loopSeconds() - halfStepSeconds(); // half a 16th before the next downbeat
    }

    /** Whether the four bars from the downbeat are over at {@code nanos}. */
    public synchronized boolean finished(long nanos) {
        return started && finishedAt((nanos - start) / 1e9);
    }

    /** Whether the downbeat is known: given, or the first tap has come. */
    public synchronized boolean started() {
        return started;
    }

    /** Whether the four bars follow a count-in (a metronome plays), rather than the first tap. */
    public boolean countsIn() {
        return countInBeats > 0;
    }

    /** The clock's time of the first downbeat. */
    public synchronized long downbeatNanos() {
        if (!started) {
            throw new IllegalStateException("no downbeat yet: the first tap sets it");
        }
        return start;
    }

    public synchronized int count() {
        return onsets.size();
    }

    /** The taps so far as a groove: hits in the tap channel with their timing, at the tempo. */
    public synchronized Groove taps() {
        return GrooveTransforms.tapify(onsets, qpm);
    }

    /**
     * Where the loop is at {@code nanos}, in words for the status line: the count-in's beats so far
     * ("Count-in 1 2 3"), then the bar and beat and the taps so far, then that the taps are done.
     */
    public synchronized String status(long nanos) {
        int n = onsets.size();
        String taps = n + (n == 1 ? " tap" : " taps");
        if (!started) {
            return "Tap 4 bars on T (the first tap is the downbeat), then Drumify";
        }
        double t = (nanos - start) / 1e9;
        double beat = 60.0 / qpm;
        if (finishedAt(t)) {
            return "Drumifying " + taps + "…";
        }
        if (t < 0) {
            // count-in clicks sound at countInBeats, ..., 2, 1 beats before the downbeat
            int sounded = (int) Math.max(0, Math.min(countInBeats, countInBeats - Math.ceil(-t / beat - 1e-9) + 1));
            StringBuilder s = new StringBuilder("Count-in");
            for (int b = 1; b <= sounded; b++) {
                s.append(' ').append(b);
            }
            return s.toString();
        }
        int i = (int) Math.floor(t / beat + 1e-9);
        return "Tap on T · bar " + (i / 4 + 1) + " beat " + (i % 4 + 1) + " · " + taps + " · Drumify to finish";
    }
}
