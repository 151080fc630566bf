package org.backbeat.midi;

import org.backbeat.groove.DrumMapping;

/**
 * How to read drums from a MIDI file.
 *
 * @param mapping             which pitches are which drum class
 * @param hopBars             bars between the starts of consecutive 4-bar windows (1 for training
 *                            data, 4 for a user's import)
 * @param allChannelsAreDrums read notes on every channel as drums, not only channel 10
 */
public record ReadOptions(DrumMapping mapping, int hopBars, boolean allChannelsAreDrums) {

    public ReadOptions {
        if (mapping == null) {
            throw new IllegalArgumentException("a drum mapping is required");
        }
        if (hopBars < 1) {
            throw new IllegalArgumentException("hop must be at least one bar");
        }
    }

    /** A musician's file: Roland mapping, non-overlapping windows, channel 10 only. */
    public static ReadOptions userImport() {
        return new ReadOptions(DrumMapping.ROLAND, 4, false);
    }

    /** Training data: Roland mapping, a window starting at every bar, channel 10 only. */
    public static ReadOptions training() {
        return new ReadOptions(DrumMapping.ROLAND, 1, false);
    }

    public ReadOptions withMapping(DrumMapping m) {
        return new ReadOptions(m, hopBars, allChannelsAreDrums);
    }

    public ReadOptions withHopBars(int hop) {
        return new ReadOptions(mapping, hop, allChannelsAreDrums);
    }

    public ReadOptions withAllChannelsAreDrums(boolean all) {
        return new ReadOptions(mapping, hopBars, all);
    }
}
