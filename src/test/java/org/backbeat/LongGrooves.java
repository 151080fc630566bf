package org.backbeat;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;

/** MIDI files longer than one 4-bar groove, made in code: the same groove played several times in a row. */
public final class LongGrooves {

    private LongGrooves() {
    }

    /** Writes {@code groove} repeated {@code times} times ({@code 4 * times} bars of 4/4) to {@code file}. */
    public static Path write(Groove groove, int times, Path file) throws IOException {
        Sequence seq = MidiFiles.toSequence(groove);
        Track drums = seq.getTracks()[1];
        long length = (long) Groove.STEPS * MidiFiles.PPQ / 4;
        int n = drums.size();
        MidiEvent[] first = new MidiEvent[n];
        for (int i = 0; i < n; i++) {
            first[i] = drums.get(i);
        }
        for (int k = 1; k < times; k++) {
            for (MidiEvent e : first) {
                if (e.getMessage() instanceof javax.sound.midi.ShortMessage) {
                    drums.add(new MidiEvent((javax.sound.midi.MidiMessage) e.getMessage().clone(), e.getTick() + k * length));
                }
            }
        }
        MidiSystem.write(seq, 1, file.toFile());
        return file;
    }
}
