package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the studio's file gestures decide without a window: open, export, a clip as taps, the tools' status. */
class StudioFilesTest {

    @Test
    void anOpenedFileGivesItsFirstSectionAndTheNextOnesGoToTheHistory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Take 1.mid");
        Groove a = TestData.busyGroove(1).withQpm(120);
        Groove b = TestData.busyGroove(2).withQpm(120);
        MidiFiles.write(List.of(a, b), 0, file);
        MidiImport midi = MidiImport.read(file);
        assertTrue(midi.failure().isEmpty());
        assertEquals("Take 1", midi.name());
        assertEquals("Opened Take 1", midi.status(), "no note about the drum channel: it was the drum channel");
        StudioSession session = new StudioSession();
        int history = session.history().size();
        StudioGroove slot = midi.first(session, false);
        assertEquals("Take 1", slot.label());
        assertEquals(history, session.history().size(), "a slot's drop adds nothing to the history");
        StudioGroove grid = midi.first(session, true);
        assertEquals(slot.groove(), grid.groove());
        assertEquals(history + 1, session.history().size(), "the second section");
    }

    @Test
    void aFileWithoutAGrooveSaysWhy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.mid"), "not midi");
        MidiImport midi = MidiImport.read(file);
        assertTrue(midi.failure().isPresent());
        assertFalse(midi.failure().get().isBlank());
    }

    @Test
    void exportWritesTheGrooveAsItExportsAndLeavesNothingUnsaved(@TempDir Path dir) throws Exception {
        StudioSession session = new StudioSession();
        session.commit(new StudioGroove(TestData.busyGroove(3).withQpm(120), "mine", null), true);
        Path file = dir.resolve("out.mid");
        session.exportTo(file);
        assertFalse(session.unsaved());
        Groove back = MidiFiles.readGrooves(file, ReadOptions.userImport()).get(0);
        assertEquals(session.exportGroove().hitCount(), back.hitCount());
    }

    @Test
    void aClipsNotesOfAnyPitchAreTapsAtTheTransportsTempo(@TempDir Path dir) throws Exception {
        Groove g = TestData.busyGroove(4).withQpm(120);
        Path clip = dir.resolve("bass.mid");
        MidiFiles.write(GrooveTransforms.tapify(g).withQpm(120), clip);
        StudioGroove taps = TaskTool.clipAsTaps(clip, 93);
        assertEquals("bass.mid", taps.label());
        assertEquals(93, taps.groove().qpm(), 1e-9);
        assertEquals(taps.groove().hitCount(), taps.groove().hitCount(GrooveTransforms.TAP_CHANNEL), "all taps");
        assertTrue(taps.groove().hitCount() > 0);
        assertNull(taps.z());
    }

    @Test
    void aToolsStatusIsItsOwnDecodeTimeAndNoneBeforeAUse() {
        TaskTool tool = new TaskTool(Task.DRUMIFY, () -> {
            throw new IllegalStateException("not opened in this test");
        });
        assertNull(tool.decodeStatus());
    }
}
