package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21.3: the session on disk, exactly, atomically, and after every change. */
class SessionFileTest {

    @TempDir
    Path tmp;

    private static StudioEngine engine() {
        ModelConfig c = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
        return new StudioEngine(new FastGrooveModel(c, ModelInitializer.random(c, 3)));
    }

    private static void assertSameGroove(StudioGroove a, StudioGroove b) {
        assertEquals(a.groove(), b.groove());
        assertEquals(a.groove().qpm(), b.groove().qpm(), 0);
        assertEquals(a.label(), b.label());
        assertArrayEquals(a.z(), b.z());
        assertEquals(a.sampling(), b.sampling(), "temperature and every draw, bit for bit");
        assertArrayEquals(a.inputs(), b.inputs());
    }

    @Test
    void aSessionComesBackExactlyAndItsLatentToolsGoOnFromTheSamePlace() throws IOException {
        StudioEngine e = engine();
        StudioSession s = new StudioSession();
        StudioGroove g1 = e.generate(1.8, 1, 100);
        StudioGroove g2 = e.generate(1.0, 2, 100);
        s.commit(g1, true);
        s.commit(g2, true);
        s.edited(TestData.busyGroove(4));
        s.setSlot(0, g1);
        s.setSlot(1, g2);
        assertTrue(s.fillCorners());
        s.setBpm(97);
        Path file = tmp.resolve("data").resolve("session.json");
        SessionFile.save(s.snapshot("/models/x.bbm"), file);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
        }

        SessionFile.Snapshot back = SessionFile.load(file).orElseThrow();
        assertEquals(97, back.bpm(), 0);
        assertEquals("/models/x.bbm", back.modelFile());
        assertEquals(s.current().groove(), back.current().groove());
        assertNull(back.current().z(), "an edited groove has no z");
        assertEquals(2, back.history().size());
        assertSameGroove(g2, back.history().get(0));
        assertSameGroove(g1, back.slotA());
        assertSameGroove(g2, back.slotB());
        assertEquals(4, back.corners().size());

        StudioSession restored = new StudioSession();
        restored.restore(back, true);
        assertEquals(s.title(), restored.title());
        assertFalse(restored.canUndo(), "undo starts afresh");
        assertEquals(List.of(g2.groove(), g1.groove()), restored.history().stream().map(StudioGroove::groove).toList());
        assertEquals(e.between(g1, g2, 0.3, org.backbeat.model.Interpolation.SPHERICAL),
            e.between(restored.slot(0), restored.slot(1), 0.3, org.backbeat.model.Interpolation.SPHERICAL),
            "A↔B goes on exactly as before the restart");

        StudioSession otherModel = new StudioSession();
        otherModel.restore(back, false);
        assertNull(otherModel.slot(0).z(), "another model's z are dropped");
        assertEquals(g1.groove(), otherModel.slot(0).groove());
    }

    @Test
    void noFileIsNoSessionAndADamagedOneSaysWhy() throws IOException {
        assertTrue(SessionFile.load(tmp.resolve("none.json")).isEmpty());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"backbeat-session\",\"version\":1,\"current\":{\"label\":\"x\"}}");
        IOException e = assertThrows(IOException.class, () -> SessionFile.load(bad));
        assertTrue(e.getMessage().contains("damaged session"), e.getMessage());
        Files.writeString(bad, "not json");
        assertThrows(IOException.class, () -> SessionFile.load(bad));
    }

    @Test
    void theAutosaveWritesAfterEveryChangeOnceStarted() throws Exception {
        StudioSession s = new StudioSession();
        Path file = tmp.resolve("session.json");
        try (SessionAutosave save = new SessionAutosave(file, s, () -> null)) {
            s.commit(new StudioGroove(TestData.busyGroove(1), "before start", null), true);
            assertTrue(save.awaitIdle(5000));
            assertFalse(Files.exists(file), "nothing is written before the last session is answered");
            save.start();
            s.commit(new StudioGroove(TestData.busyGroove(2), "second", null), true);
            assertTrue(save.awaitIdle(5000));
            assertEquals("second", SessionFile.load(file).orElseThrow().current().label());
            s.setBpm(133);
            assertTrue(save.awaitIdle(5000));
            assertEquals(133, SessionFile.load(file).orElseThrow().bpm(), 0);
            assertNull(save.lastError());
        }
        Path blocked = tmp.resolve("a-file");
        Files.writeString(blocked, "x");
        try (SessionAutosave save = new SessionAutosave(blocked.resolve("session.json"), s, () -> null)) {
            save.start();
            String[] error = {"unset"};
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            save.flush(err -> {
                error[0] = err;
                done.countDown();
            });
            assertTrue(done.await(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(error[0] != null && !error[0].isBlank(), "the reason it could not be written");
        }
    }

    @Test
    void aSnapshotSaysWhatItHoldsAndWhichModelItNeeds() throws IOException {
        StudioGroove g = new StudioGroove(TestData.busyGroove(1), "mine", null);
        Path own = Files.writeString(tmp.resolve("own.bbm"), "");
        Path other = tmp.resolve("other.bbm");
        SessionFile.Snapshot s = new SessionFile.Snapshot(g, List.of(g), null, null, List.of(), 96.4, own.toString());
        assertEquals("1 groove in the history, \"mine\" on the grid, 96 BPM.", s.summary());
        assertTrue(s.sameModel(own));
        assertTrue(s.modelToOpen(own).isEmpty(), "the model in use");
        assertEquals(own, s.modelToOpen(other).orElseThrow(), "its own model, still on disk");
        assertEquals(own, s.modelToOpen(null).orElseThrow());
        Files.delete(own);
        assertTrue(s.modelToOpen(other).isEmpty(), "gone: restored with the model in use");
        assertFalse(s.sameModel(other));
        SessionFile.Snapshot none = new SessionFile.Snapshot(g, List.of(g, g), null, null, List.of(), 120, null);
        assertTrue(none.modelToOpen(other).isEmpty());
        assertFalse(none.sameModel(null));
        assertTrue(none.summary().startsWith("2 grooves"));
    }
}
