package org.backbeat.studio;

import java.util.function.LongSupplier;
import org.backbeat.groove.Groove;

/**
 * The studio's Tap flow without a window: a fresh 4 bars of taps at the transport's tempo. With the
 * metronome the loop restarts with a one-bar count-in and clicks on every beat, and the taps are
 * timed from the downbeat after the count-in; without it the first tap is the downbeat. Taps come
 * from a key or a MIDI input stamped on one clock; the four bars end by themselves ({@link #tick}),
 * on a tap after them, or when the musician asks ({@link #finish}); the taps are then drumified.
 * Turned off ({@link #end}) the taps are dropped. What the window shows is the {@link View}'s job;
 * every call is made on the thread that owns the view (the FX thread in the studio).
 */
public final class TapSession {

    /**
     * The part of the player Tap uses (the studio's {@code play.GroovePlayer}, which this package
     * does not know: playback is a front end's service, see {@code ArchitectureTest}).
     */
    public interface Transport {
        boolean isPlaying();

        void setTempo(double qpm);

        void setMetronome(boolean on);

        /** Plays {@code groove} after a count-in of {@code beats} clicks; returns the downbeat's time on the taps' clock. */
        long playAfterCountIn(Groove groove, int beats);
    }

    /** What the window does as the taps go: the controller binds these to its controls. */
    public interface View {
        /** The taps so far (an empty four bars at the start) on the grid. */
        void showTaps(Groove taps);

        /** The groove on the grid again (the taps are dropped). */
        void showCurrent();

        /** The status line's words. */
        void showStatus(String text);

        /** The count-in started the loop: the transport shows it playing, its tempo is held. */
        void countInStarted();

        /** The count-in's tempo hold is over (the tempo can be changed again). */
        void countInEnded();

        /** Tap went off (by itself or by the musician): the button shows it, the frames stop. */
        void tappingStopped();

        /** Stops the loop, as the transport's Stop does. */
        void stopPlayback();

        /** Drumifies the taps (one undoable step). */
        void drumify(StudioGroove taps);
    }

    private final Transport player;
    private final View view;
    private LongSupplier clock = System::nanoTime;
    /** The taps being recorded while Tap is on, else null. */
    private TapRecorder recorder;
    /** What the status line says before the count as long as the count-in lasts (a change of output), or "". */
    private String notice = "";
    /** Whether the loop played before Tap started its count-in (it plays on after a cancelled tap if so). */
    private boolean playingBeforeTaps;

    /** @param player the player in use (the controller's adapter follows a change of MIDI output) */
    public TapSession(Transport player, View view) {
        this.player = player;
        this.view = view;
    }

    /** The time taps are stamped with; a test sets its own. */
    public void setClock(LongSupplier c) {
        clock = c;
    }

    /** Now on the taps' clock (a MIDI tap is stamped as it arrives, not when the view's thread gets to it). */
    public long now() {
        return clock.getAsLong();
    }

    /** The taps being recorded, or null when Tap is off. */
    public TapRecorder recorder() {
        return recorder;
    }

    public boolean active() {
        return recorder != null;
    }

    /** Tap on at {@code bpm}: with {@code metronome} a count-in bar first, else the first tap is the downbeat. */
    public void start(double bpm, boolean metronome) {
        notice = "";
        Transport p = player;
        if (metronome) {
            playingBeforeTaps = p.isPlaying();
            p.setTempo(bpm);
            p.setMetronome(true);
            long downbeat = p.playAfterCountIn(Groove.empty(bpm), TapRecorder.COUNT_IN_BEATS);
            recorder = TapRecorder.afterCountIn(bpm, downbeat, TapRecorder.COUNT_IN_BEATS);
            view.countInStarted();
            view.showTaps(recorder.taps()); // the empty four bars the taps will land on
        } else {
            recorder = new TapRecorder(bpm);
        }
        view.showStatus(recorder.status(clock.getAsLong()));
    }

    /**
     * One frame while tapping: the four bars are counted on the taps' clock, and the status line
     * says where the loop is. Returns whether Tap is still on (the frames can stop when not).
     */
    public boolean tick() {
        TapRecorder r = recorder;
        if (r == null) {
            return false;
        }
        if (r.countsIn() && !player.isPlaying()) { // the loop was stopped (Space): so is the tapping
            end();
            return false;
        }
        long now = clock.getAsLong();
        if (r.finished(now)) {
            finish();
            return false;
        }
        if (!notice.isEmpty() && now >= r.downbeatNanos()) {
            notice = "";
        }
        view.showStatus(notice + r.status(now));
        return true;
    }

    /**
     * Another MIDI output took over while tapping after a count-in: the clicks and the downbeat the
     * taps were timed from were the old output's, so Tap counts in again on the new one (same tempo;
     * the taps so far are dropped, and the status line says so). Returns whether it did; without a
     * count-in the taps do not depend on the player and go on, and the caller restarts the loop.
     */
    public boolean outputChanged() {
        TapRecorder r = recorder;
        if (r == null || !r.countsIn()) {
            return false;
        }
        Transport p = player;
        p.setTempo(r.qpm());
        p.setMetronome(true);
        long downbeat = p.playAfterCountIn(Groove.empty(r.qpm()), TapRecorder.COUNT_IN_BEATS);
        recorder = TapRecorder.afterCountIn(r.qpm(), downbeat, TapRecorder.COUNT_IN_BEATS);
        view.showTaps(recorder.taps());
        notice = r.count() == 0 ? "New output: " : "New output, taps dropped: ";
        view.showStatus(notice + recorder.status(clock.getAsLong()));
        return true;
    }

    /** Count-in and metronome on or off; while tapping, the clicks stop (or start) at once. */
    public void metronomeChanged(boolean on) {
        TapRecorder r = recorder;
        if (r != null && r.countsIn()) {
            player.setMetronome(on);
        }
    }

    /**
     * One tap at {@code nanos} on the taps' clock: drawn as it lands. One in the count-in is
     * ignored; one after the four bars drumifies them. Nothing while Tap is off.
     */
    public void tap(long nanos, int velocity) {
        TapRecorder r = recorder;
        if (r == null) {
            return;
        }
        switch (r.tap(nanos, velocity)) {
            case LATE -> finish();
            case EARLY -> {
                // during the count-in: not a tap of the four bars
            }
            case TAKEN -> {
                view.showTaps(r.taps());
                view.showStatus(r.status(nanos));
            }
        }
    }

    /** Tapping ends without a groove: the grid shows the current groove again and the clicks stop. */
    public void end() {
        TapRecorder r = recorder;
        recorder = null;
        view.tappingStopped();
        view.showCurrent();
        if (r != null && r.countsIn()) {
            Transport p = player;
            p.setMetronome(false);
            view.countInEnded();
            if (!playingBeforeTaps && p.isPlaying()) {
                view.stopPlayback();
            }
            view.showStatus("");
        }
    }

    /** The recorded taps drumified (Tap goes off; the groove loops on from the next step); nothing when no tap landed. */
    public void finish() {
        TapRecorder r = recorder;
        if (r == null || r.count() == 0) {
            end();
            return;
        }
        recorder = null;
        view.tappingStopped();
        if (r.countsIn()) {
            player.setMetronome(false);
            view.countInEnded();
        }
        view.showStatus("Drumifying " + r.count() + (r.count() == 1 ? " tap…" : " taps…"));
        view.drumify(new StudioGroove(r.taps(), "taps", null));
    }
}
