package org.backbeat.midi;

import java.io.IOException;

/** A MIDI file that yields no groove; the message is one line that says why. */
public class MidiReadException extends IOException {
    public MidiReadException(String message) {
        super(message);
    }
}
