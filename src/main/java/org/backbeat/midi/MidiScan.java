package org.backbeat.midi;

import java.util.List;
import java.util.Optional;
import org.backbeat.groove.Groove;

/**
 * What reading one file gave: its 4-bar windows, or the reason there are none.
 *
 * @param name          the file's name or path as given
 * @param windows       4-bar grooves, in time order
 * @param skipReason    why the file gave no windows (empty when it gave some)
 * @param bars          bars of 4/4 music found (0 when skipped)
 * @param qpm           the tempo at the first drum note (0 when unknown)
 * @param timeSignature the time signature at the first drum note, e.g. "4/4" (empty if unknown)
 * @param hitsPerClass  drum notes read per class (before windowing and de-duplication)
 * @param drumChannel   the MIDI channel (1-16) the drums were read from, 0 for all channels
 */
public record MidiScan(String name, List<Groove> windows, Optional<String> skipReason, int bars, double qpm,
                       String timeSignature, int[] hitsPerClass, int drumChannel) {

    /** The General MIDI drum channel, counting from 1. */
    public static final int GM_DRUM_CHANNEL = 10;

    public MidiScan {
        windows = List.copyOf(windows);
        hitsPerClass = hitsPerClass.clone();
    }

    public static MidiScan skipped(String name, String reason) {
        return new MidiScan(name, List.of(), Optional.of(reason), 0, 0, "", new int[9], GM_DRUM_CHANNEL);
    }

    /** Whether the drums came from another channel than 10 because channel 10 had no notes. */
    public boolean readOtherChannel() {
        return drumChannel != GM_DRUM_CHANNEL && drumChannel != 0;
    }

    /** "drums read from MIDI channel 1 (nothing on channel 10)" when that happened. */
    public Optional<String> channelNote() {
        return readOtherChannel()
            ? Optional.of("drums read from MIDI channel " + drumChannel + " (nothing on channel 10)")
            : Optional.empty();
    }

    public boolean ok() {
        return skipReason.isEmpty();
    }
}
