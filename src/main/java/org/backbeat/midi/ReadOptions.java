package org.backbeat.midi;

import org.backbeat.groove.DrumMapping;

/**
 * How to read drums from a MIDI file.
 *
 * @param mapping             which pitches are which drum class
 * @param hopBars             bars between the starts of consecutive 4-bar windows (1 for training
 *                            data, 4 for a user's import)
 * @param allChannelsAreDrums read notes on every channel as drums, not only channel 10
 * @param otherDrumChannel    when a file has no notes on channel 10, read the one channel whose
 *                            notes look like a drum clip (many DAWs export drum clips on channel 1);
 *                            {@link MidiScan#drumChannel()} says which was read
 */
public record ReadOptions(DrumMapping mapping, int hopBars, boolean allChannelsAreDrums, boolean otherDrumChannel) {

    public ReadOptions {
        if (mapping == null) {
            throw new IllegalArgumentException("a drum mapping is required");
        }
        if (hopBars < 1) {
            throw new IllegalArgumentException("hop must be at least one bar");
        }
    }

    /** Channel 10 only (no other channel when it is empty). */
    public ReadOptions(DrumMapping mapping, int hopBars, boolean allChannelsAreDrums) {
        this(mapping, hopBars, allChannelsAreDrums, false);
    }

    /**
     * A musician's file: Roland mapping, non-overlapping windows, channel 10, or the channel that
     * looks like drums when channel 10 is empty.
     */
    public static ReadOptions userImport() {
        return new ReadOptions(DrumMapping.ROLAND, 4, false, true);
    }

    /** Training data: Roland mapping, a window starting at every bar, channel 10 only. */
    public static ReadOptions training() {
        return new ReadOptions(DrumMapping.ROLAND, 1, false, false);
    }

    public ReadOptions withMapping(DrumMapping m) {
        return new ReadOptions(m, hopBars, allChannelsAreDrums, otherDrumChannel);
    }

    public ReadOptions withHopBars(int hop) {
        return new ReadOptions(mapping, hop, allChannelsAreDrums, otherDrumChannel);
    }

    public ReadOptions withAllChannelsAreDrums(boolean all) {
        return new ReadOptions(mapping, hopBars, all, otherDrumChannel);
    }

    public ReadOptions withOtherDrumChannel(boolean other) {
        return new ReadOptions(mapping, hopBars, allChannelsAreDrums, other);
    }
}
