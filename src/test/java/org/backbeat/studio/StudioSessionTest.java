package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;

/** The studio's session without JavaFX: commits, gestures, undo, slots, corners, title. */
class StudioSessionTest {

    private static StudioGroove g(int i) {
        return new StudioGroove(TestData.busyGroove(i), "g" + i, new float[] {i});
    }

    @Test
    void aGestureShowsEveryPointAndCommitsOneStep() {
        StudioSession s = new StudioSession();
        List<Set<StudioSession.Change>> changes = new ArrayList<>();
        s.addListener(changes::add);
        s.commit(g(1), true);
        assertTrue(changes.get(0).containsAll(EnumSet.of(StudioSession.Change.CURRENT, StudioSession.Change.HISTORY,
            StudioSession.Change.STEER_BASE)));
        s.beginGesture();
        s.gestureResult(g(2), false);
        s.beginGesture();
        s.gestureResult(g(3), false);
        assertEquals(g(3).groove(), s.current().groove());
        assertEquals(g(1).groove(), s.steerBase().groove(), "a gesture in progress keeps the base");
        s.beginGesture();
        s.gestureResult(g(4), true);
        assertEquals(g(4).groove(), s.steerBase().groove(), "the end commits and becomes the base");
        assertTrue(s.undo());
        assertEquals(g(1).groove(), s.current().groove(), "one undo step for the whole drag");
        assertEquals(g(1).groove(), s.steerBase().groove(), "steering starts from what undo showed");
        assertTrue(s.redo());
        assertEquals(g(4).groove(), s.current().groove());
    }

    @Test
    void steeringKeepsItsBaseAndIsOneUndoStep() {
        StudioSession s = new StudioSession();
        s.commit(g(1), true);
        List<Set<StudioSession.Change>> changes = new ArrayList<>();
        s.addListener(changes::add);
        s.beginGesture();
        s.steerResult(g(2), false);
        s.steerResult(g(3), true);
        assertEquals(g(3).groove(), s.current().groove());
        assertEquals(g(1).groove(), s.steerBase().groove(), "the sliders keep their base");
        assertTrue(changes.stream().noneMatch(c -> c.contains(StudioSession.Change.STEER_BASE)),
            "the sliders are not reset by their own end");
        s.resetSteer();
        assertEquals(g(1).groove(), s.current().groove());
        assertTrue(s.undo());
        assertEquals(g(3).groove(), s.current().groove(), "reset is undoable");
        assertTrue(s.undo());
        assertEquals(g(1).groove(), s.current().groove(), "the drag was one step");
    }

    @Test
    void theTitleAndTheExportUseTheTransportsTempo() {
        StudioSession s = new StudioSession();
        s.commit(new StudioGroove(TestData.busyGroove(1).withQpm(121), "A→B 40%", null), true);
        s.setBpm(138);
        assertTrue(s.title().startsWith("A→B 40% · "));
        assertTrue(s.title().endsWith(" hits · 138 BPM"), s.title());
        assertEquals(138, s.exportGroove().qpm(), 1e-9);
        assertEquals("backbeat-138bpm.mid", s.exportName());
        s.clear();
        assertEquals(0, s.current().groove().hitCount());
        assertEquals(138, s.current().groove().qpm(), 1e-9);
    }

    @Test
    void aLongFileAddsAFewSectionsNotAll() {
        StudioSession s = new StudioSession();
        List<Groove> sections = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sections.add(TestData.busyGroove(i));
        }
        StudioGroove first = s.addSections("song", sections);
        assertEquals(sections.get(0), first.groove());
        assertEquals("song", first.label());
        assertEquals(StudioSession.MAX_SECTIONS_PER_FILE - 1, s.history().size(), "the rest go to history, bounded");
        assertEquals("song 2", s.history().get(0).label());
    }

    @Test
    void slotsCornersAndAnotherModel() {
        StudioSession s = new StudioSession();
        assertFalse(s.fillCorners(), "needs two grooves");
        s.commit(g(1), true);
        s.commit(g(2), true);
        s.setSlot(0, s.current());
        s.setSlot(1, g(5));
        assertTrue(s.slotsFilled());
        assertTrue(s.fillCorners());
        assertEquals(List.of("g2", "g1", "g2", "g1"), s.corners().stream().map(StudioGroove::label).toList());
        s.forgetCodes();
        assertNull(s.current().z());
        assertNull(s.slot(1).z());
        assertNull(s.corners().get(0).z());
        assertEquals(g(2).groove(), s.current().groove(), "the music stays");
    }

    @Test
    void unsavedUntilExported() {
        StudioSession s = new StudioSession();
        assertFalse(s.unsaved());
        s.edited(TestData.busyGroove(3));
        assertTrue(s.unsaved());
        assertEquals("edited", s.current().label());
        s.markExported();
        assertFalse(s.unsaved());
    }
}
