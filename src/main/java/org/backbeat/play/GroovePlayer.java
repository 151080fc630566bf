package org.backbeat.play;

import java.util.function.IntConsumer;
import org.backbeat.groove.Groove;

/**
 * Loops a groove in real time. A new groove or tempo takes effect at the next step, without a gap
 * or a stuck note. All methods may be called from any thread.
 */
public interface GroovePlayer extends AutoCloseable {

    /** Starts looping {@code groove} (or switches to it at the next step when already playing). */
    void play(Groove groove);

    /**
     * Starts afresh (stopping first when playing): a count-in of {@code beats} metronome clicks
     * (the first accented) one beat apart at the tempo, then {@code groove} loops from its step 0 on
     * the beat after the last click. Returns the {@link System#nanoTime()} of that downbeat, the
     * clock a tap over the loop is measured on.
     */
    long playAfterCountIn(Groove groove, int beats);

    /** Whether a click sounds on every beat while playing (the first of each bar accented); takes effect at once. */
    void setMetronome(boolean on);

    boolean metronome();

    /** Replaces the groove being looped; takes effect at the next step. No-op when stopped. */
    void setGroove(Groove groove);

    /** Quarter notes per minute; applies at the next step. */
    void setTempo(double qpm);

    /** Swing 0-0.75 (see {@link org.backbeat.groove.Swing}) of the off-beat 16ths; applies at the next step. */
    void setSwing(double amount);

    /** Master volume, 0 to 1. */
    void setVolume(double volume);

    /** Stops and silences every sounding note. */
    void stop();

    boolean isPlaying();

    /** Called (on the player's thread) with each step index 0..63 as it sounds. */
    void setStepListener(IntConsumer listener);

    /** Whether sound can be heard, and a one-line message for the status bar. */
    PlayerStatus status();

    @Override
    void close();
}
