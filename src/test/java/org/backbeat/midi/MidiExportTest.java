package org.backbeat.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swing on export, and several grooves written one after the other (an A-to-B path as one file). */
class MidiExportTest {

    private static List<Long> noteOnTicks(Sequence seq) {
        List<Long> ticks = new ArrayList<>();
        for (Track t : seq.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0) {
                    ticks.add(e.getTick());
                }
            }
        }
        return ticks;
    }

    @Test
    void swingDelaysOnlyTheOffBeatSixteenths() {
        Groove g = Groove.empty(120).withCell(1, 2, true, 0.8f, 0f).withCell(2, 2, true, 0.8f, 0f)
            .withCell(3, 2, true, 0.8f, 0.1f);
        int perStep = MidiFiles.PPQ / 4;
        assertEquals(List.of((long) perStep, 2L * perStep, Math.round(3.1 * perStep)),
            noteOnTicks(MidiFiles.toSequence(g, DrumMapping.ROLAND, "x", 0)));
        assertEquals(List.of(Math.round(1.5 * perStep), 2L * perStep, Math.round(3.6 * perStep)),
            noteOnTicks(MidiFiles.toSequence(g, DrumMapping.ROLAND, "x", 0.5)), "odd steps half a 16th later");
        assertThrows(IllegalArgumentException.class, () -> MidiFiles.toSequence(g, DrumMapping.ROLAND, "x", 0.8));
    }

    @Test
    void sectionsFollowEachOtherEachWithItsTempo(@TempDir Path dir) throws Exception {
        List<Groove> path = List.of(
            Groove.empty(100).withCell(0, 0, true, 0.9f, 0f),
            Groove.empty(110).withCell(4, 1, true, 0.7f, 0f).withCell(8, 2, true, 0.5f, 0f),
            Groove.empty(120).withCell(63, 8, true, 0.6f, 0f));
        Path file = dir.resolve("path.mid");
        MidiFiles.write(path, 0, file);
        List<Groove> back = MidiFiles.readGrooves(file, ReadOptions.userImport());
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(path.get(i).hitCount(), back.get(i).hitCount(), "section " + i);
            assertEquals(path.get(i).qpm(), back.get(i).qpm(), 0.01, "tempo of section " + i);
        }
        assertEquals(true, back.get(2).hit(63, 8));
        // one groove as a list is exactly the one-groove file
        assertEquals(noteOnTicks(MidiFiles.toSequence(path.get(1), DrumMapping.ROLAND, "x", 0.25)),
            noteOnTicks(MidiFiles.toSequence(List.of(path.get(1)), DrumMapping.ROLAND, "x", 0.25)));
    }
}
