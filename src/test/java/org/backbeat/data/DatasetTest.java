package org.backbeat.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.groove.Groove;
import static org.backbeat.TestData.folder;
import static org.backbeat.TestData.busyGroove;
import org.backbeat.midi.MidiFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    @TempDir
    Path cache;

    @BeforeEach
    void isolateCache() {
        System.setProperty("backbeat.cache", cache.toString());
    }

    @Test
    void plainFolderGivesTrainAndValidationAndReasons(@TempDir Path dir) throws Exception {
        folder(dir, 20);
        Dataset ds = Dataset.open(dir, DatasetOptions.defaults(), ProgressListener.NONE);
        DatasetReport r = ds.report();
        assertEquals(20, r.files());
        assertEquals(1, r.skipped().size());
        assertEquals("broken.mid", r.skipped().get(0).file());
        assertTrue(r.skipped().get(0).reason().contains("truncated header"), r.skipped().get(0).reason());
        // one 4-bar file = one window; 10% of the 21 MIDI files (ceil: 3) are held out by path hash
        int train = r.windows().get(Split.TRAIN);
        int validation = r.windows().get(Split.VALIDATION);
        assertEquals(20, train + validation);
        assertTrue(validation == 2 || validation == 3, "validation windows: " + validation);
        assertEquals(0, r.windows().get(Split.TEST));
        WindowTensors t = ds.tensors(Split.TRAIN);
        assertEquals(train, t.count());
        assertEquals(train * 64 * 27, t.data().length);
        assertEquals(ds.windows(Split.TRAIN).get(0), Groove.fromTensor(
            java.util.stream.IntStream.range(0, 64).mapToObj(i -> java.util.Arrays.copyOfRange(t.data(), i * 27, i * 27 + 27))
                .toArray(float[][]::new), t.qpm()[0]));
    }

    @Test
    void secondOpenComesFromTheCacheWithTheSameWindows(@TempDir Path dir) throws Exception {
        folder(dir, 8);
        Dataset first = Dataset.open(dir, DatasetOptions.defaults(), ProgressListener.NONE);
        Dataset second = Dataset.open(dir, DatasetOptions.defaults(), ProgressListener.NONE);
        assertFalse(first.report().fromCache());
        assertTrue(second.report().fromCache());
        for (Split s : Split.values()) {
            assertEquals(first.windows(s), second.windows(s));
        }
        assertEquals(first.report().skipped(), second.report().skipped());
        // changing one file's bytes invalidates the cache
        MidiFiles.write(busyGroove(99), dir.resolve("set0").resolve("groove0.mid"));
        assertFalse(Dataset.open(dir, DatasetOptions.defaults(), ProgressListener.NONE).report().fromCache());
    }

    @Test
    void emptyFolderIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Dataset.open(dir, DatasetOptions.defaults(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no MIDI files"), e.getMessage());
    }

    @Test
    void readsTheWholeGrooveMidiDataset() throws Exception {
        Path gmd = Path.of(System.getProperty("backbeat.shared", "../shared"), "data", "groove");
        assumeTrue(Files.isRegularFile(gmd.resolve("info.csv")), "Groove MIDI Dataset not found at " + gmd + ": skipping");
        Dataset ds = Dataset.open(gmd, DatasetOptions.defaults(), ProgressListener.NONE, false);
        DatasetReport r = ds.report();
        // every one of the 1,150 files either gives windows or a reason
        assertEquals(1150, r.files() + r.skipped().size());
        r.skipped().forEach(s -> assertFalse(s.reason().isBlank()));
        assertTrue(r.windows().get(Split.TRAIN) > 10_000, "train windows: " + r.windows());
        assertTrue(r.windows().get(Split.VALIDATION) > 300, "validation windows: " + r.windows());
        assertTrue(r.windows().get(Split.TEST) > 300, "test windows: " + r.windows());
        System.out.println("GMD: " + r.files() + " files read, " + r.skipped().size() + " skipped, windows " + r.windows()
            + " in " + r.seconds() + " s");
    }
}
