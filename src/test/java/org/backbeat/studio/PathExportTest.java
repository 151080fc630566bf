package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The A→B path export without a window: what it takes of the session, what it writes and says. */
class PathExportTest {

    private static final ModelConfig C = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
    private static final StudioEngine ENGINE = new StudioEngine(new FastGrooveModel(C, ModelInitializer.random(C, 3)));

    private static StudioSession sessionWithAB() {
        StudioSession s = new StudioSession();
        s.setSlot(0, ENGINE.generate(1.0, 1, 120));
        s.setSlot(1, ENGINE.generate(1.0, 2, 120));
        return s;
    }

    @Test
    void writesOneClipPerStepFromAToBAndSaysSo(@TempDir Path dir) throws Exception {
        StudioSession s = sessionWithAB();
        PathExport export = PathExport.of(s, 4);
        assertEquals(s.slot(0), export.a());
        assertEquals(s.slot(1), export.b());
        assertEquals("Exported 4 clips in " + dir.getFileName(), export.writeClips(ENGINE, dir));
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count());
        }
        Groove first = MidiFiles.readGrooves(dir.resolve(StudioSession.clipName(0, 4)), ReadOptions.userImport()).get(0);
        assertEquals(s.slot(0).groove().hitCount(), first.hitCount(), "the path starts at A");
    }

    @Test
    void writesTheWholePathInOneFileAndNamesWhyItCouldNot(@TempDir Path dir) throws Exception {
        PathExport export = PathExport.of(sessionWithAB(), 3);
        assertEquals("backbeat-a-to-b-3-steps.mid", PathExport.fileName(3));
        Path file = dir.resolve("path.mid");
        assertEquals("Exported 3 steps in path.mid", export.writeFile(ENGINE, file));
        assertEquals(3, MidiFiles.readGrooves(file, ReadOptions.userImport()).size());
        Path notAFolder = Files.writeString(dir.resolve("not a folder"), "");
        String failed = export.writeFile(ENGINE, notAFolder.resolve("path.mid"));
        assertTrue(failed.startsWith("Could not export the A→B path: "), failed);
    }

    @Test
    void asHeardLeavesMutedLanesOutAsTheyWereAtTheExport() {
        StudioSession s = sessionWithAB();
        List<Groove> every = PathExport.of(s, 3).decode(ENGINE);
        for (int lane = 0; lane < Groove.CLASSES; lane++) {
            s.toggleLane(Lanes.Toggle.MUTE, lane);
        }
        s.setExportAsHeard(true);
        PathExport heard = PathExport.of(s, 3);
        s.setExportAsHeard(false); // later changes do not reach an export already taken
        List<Groove> silent = heard.decode(ENGINE);
        assertEquals(3, every.size());
        assertTrue(every.stream().anyMatch(g -> g.hitCount() > 0));
        assertTrue(silent.stream().allMatch(g -> g.hitCount() == 0), "every lane muted");
    }
}
