package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.junit.jupiter.api.Test;

/** Variations, Vary, lane locks, bar re-rolls and mute/solo: the engine and the session. */
class StudioVariationsTest {

    private static final ModelConfig C = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
    private static final StudioEngine ENGINE = new StudioEngine(new FastGrooveModel(C, ModelInitializer.random(C, 3)));


    @Test
    void generateMakesNDifferentSeededGroovesInOneCall() {
        List<StudioGroove> eight = ENGINE.generate(8, 1.0, 5, 120, null);
        assertEquals(8, eight.size());
        Set<Groove> distinct = new HashSet<>();
        eight.forEach(g -> distinct.add(g.groove()));
        assertEquals(8, distinct.size(), "eight different grooves");
        assertEquals(eight.stream().map(StudioGroove::groove).toList(),
            ENGINE.generate(8, 1.0, 5, 120, null).stream().map(StudioGroove::groove).toList(), "seeded");
        for (StudioGroove g : eight) {
            // each keeps its z and draws: decoding them again gives the groove
            assertEquals(g.groove(), ENGINE.model().decode(List.of(g.z()), List.of(g.sampling()), 120).get(0));
        }
        assertThrows(IllegalArgumentException.class, () -> ENGINE.generate(9, 1.0, 5, 120, null));
        assertThrows(IllegalArgumentException.class, () -> ENGINE.generate(0, 1.0, 5, 120, null));
    }

    @Test
    void lockedLanesStayExactlyInEveryVariation() {
        StudioGroove base = new StudioGroove(TestData.busyGroove(4), "base", null);
        Lanes lanes = Lanes.none().flipped(Lanes.Toggle.LOCK, 0).flipped(Lanes.Toggle.LOCK, 1);
        List<StudioGroove> made = ENGINE.generate(6, 1.0, 9, 120, lanes.lock(base.groove()));
        boolean othersChanged = false;
        for (StudioGroove g : made) {
            assertTrue(TestData.sameLane(g.groove(), base.groove(), 0) && TestData.sameLane(g.groove(), base.groove(), 1));
            for (int c = 2; c < Groove.CLASSES; c++) {
                othersChanged |= !TestData.sameLane(g.groove(), base.groove(), c);
            }
        }
        assertTrue(othersChanged);
        List<StudioGroove> varied = ENGINE.vary(made.get(0), 4, 0.5, 3, lanes.lock(made.get(0).groove()));
        for (StudioGroove g : varied) {
            assertTrue(TestData.sameLane(g.groove(), base.groove(), 0) && TestData.sameLane(g.groove(), base.groove(), 1));
        }
    }

    @Test
    void varyKeepsTheGrooveAtAmountZeroAndMovesAwayWithTheAmount() {
        StudioGroove base = ENGINE.generate(1.0, 21, 120);
        for (StudioGroove g : ENGINE.vary(base, 3, 0, 1, null)) {
            assertEquals(base.groove(), g.groove(), "amount 0 is the groove itself");
        }
        int small = distance(base, ENGINE.vary(base, 8, 0.1, 2, null));
        int large = distance(base, ENGINE.vary(base, 8, 1.0, 2, null));
        assertTrue(large > small, "more noise, further away: " + small + " vs " + large);
        // an opened groove (no z) varies around its encoding
        StudioGroove opened = new StudioGroove(TestData.busyGroove(2), "opened", null);
        assertEquals(4, ENGINE.vary(opened, 4, 0.3, 1, null).size());
        assertThrows(IllegalArgumentException.class, () -> ENGINE.vary(base, 2, 1.5, 1, null));
    }

    private static int distance(StudioGroove base, List<StudioGroove> grooves) {
        int d = 0;
        for (StudioGroove g : grooves) {
            for (int s = 0; s < Groove.STEPS; s++) {
                for (int c = 0; c < Groove.CLASSES; c++) {
                    d += g.groove().hit(s, c) != base.groove().hit(s, c) ? 1 : 0;
                }
            }
        }
        return d;
    }

    @Test
    void rerollingABarKeepsTheOtherThreeAndTheLockedLanes() {
        StudioGroove base = ENGINE.generate(1.0, 8, 120);
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[0] = true;
        StudioGroove r = ENGINE.rerollBar(base, 1, 1.0, 77, lanes);
        int changed = 0;
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                boolean same = r.groove().hit(s, c) == base.groove().hit(s, c)
                    && r.groove().velocity(s, c) == base.groove().velocity(s, c)
                    && r.groove().offset(s, c) == base.groove().offset(s, c);
                if (s / Groove.STEPS_PER_BAR != 1 || c == 0) {
                    assertTrue(same, "kept: step " + s + " class " + c);
                } else if (!same) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "bar 2 was played again");
    }

    @Test
    void variationsGoIntoTheHistoryAndCanBeAuditionedAndTaken() {
        StudioSession s = new StudioSession();
        List<StudioGroove> made = ENGINE.generate(4, 1.0, 1, 120, null);
        StudioGroove before = s.current();
        s.showVariations(before, made);
        assertEquals(made, s.variations());
        assertEquals(made.get(0).groove(), s.current().groove(), "the first is current");
        List<Groove> history = new ArrayList<>();
        s.history().forEach(g -> history.add(g.groove()));
        for (StudioGroove g : made) {
            assertTrue(history.contains(g.groove()), "all in the history");
        }
        s.audition(2);
        assertEquals(made.get(2).groove(), s.playGroove(), "the player plays the auditioned one");
        assertEquals(made.get(0).groove(), s.current().groove(), "auditioning does not change the grid");
        s.takeVariation(2);
        assertEquals(made.get(2).groove(), s.current().groove());
        assertEquals(-1, s.auditioned());
        assertTrue(s.undo());
        assertEquals(made.get(0).groove(), s.current().groove(), "taking a variation is one undo step");
        assertTrue(s.undo());
        assertEquals(before.groove(), s.current().groove());
    }

    @Test
    void muteAndSoloShapeWhatIsHeardAndExportKeepsEveryLaneUnlessAsHeard() {
        StudioSession s = new StudioSession();
        Groove g = TestData.busyGroove(3);
        s.commit(new StudioGroove(g, "g", null), true);
        s.toggleLane(Lanes.Toggle.MUTE, 0);
        assertEquals(0, s.playGroove().hitCount(0), "the kick is muted");
        assertEquals(g.hitCount(1), s.playGroove().hitCount(1));
        assertEquals(g.hitCount(0), s.exportGroove().hitCount(0), "export keeps all lanes");
        s.setExportAsHeard(true);
        assertEquals(0, s.exportGroove().hitCount(0), "export as heard leaves the muted kick out");
        s.toggleLane(Lanes.Toggle.SOLO, 0);
        s.toggleLane(Lanes.Toggle.SOLO, 2);
        assertEquals(g.hitCount(0) + g.hitCount(2), s.playGroove().hitCount(), "solo wins over mute; only soloed lanes");
        assertFalse(s.lanes().audible(1));
        assertEquals(null, s.lock(), "nothing locked, no lock");
        s.toggleLane(Lanes.Toggle.LOCK, 1);
        assertTrue(s.lock().locked(0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.setSwing(0.8));
        s.setSwing(0.33);
        assertEquals(0.33, s.swing());
    }

    @Test
    void theGridFindsItsLaneBoxesAndRulerBars() {
        GridLayout l = new GridLayout(156 + 640, 18 + 9 * 30, 156, 18);
        double half = GridLayout.TOGGLE_SIZE / 2;
        for (Lanes.Toggle t : Lanes.Toggle.values()) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                assertEquals(new GridLayout.LaneToggle(t, c), l.toggleAt(l.toggleX(t) + half, l.toggleY(c) + half));
            }
        }
        assertEquals(null, l.toggleAt(10, l.toggleY(0) + half), "the lane's name is no box");
        assertEquals(null, l.cellAt(l.toggleX(Lanes.Toggle.SOLO) + half, l.toggleY(0) + half), "a box is no cell");
        assertEquals(0, l.barAt(l.stepX(0) + 1, 9));
        assertEquals(3, l.barAt(l.stepX(63) + 1, 9));
        assertEquals(-1, l.barAt(l.stepX(20), 30), "below the ruler");
        assertEquals(-1, l.barAt(50, 9), "the label column's ruler");
        assertTrue(Double.isNaN(new GridLayout(128, 36, 0).toggleX(Lanes.Toggle.LOCK)), "thumbnails have no boxes");
    }

    @Test
    void theLatentSlidersMoveOnlyTheUnlockedLanes() {
        ModelConfig c = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
        org.backbeat.model.LatentDirection d = new org.backbeat.model.LatentDirection("up", "a test direction",
            new float[] {3, -2, 1, 3, -1, 2, -3, 1}, 1f);
        org.backbeat.model.StoredModel stored = new org.backbeat.model.StoredModel(c, ModelInitializer.random(c, 3),
            org.backbeat.model.ModelCard.named("t", ""), List.of(d));
        StudioEngine e = new StudioEngine(new FastGrooveModel(stored));
        StudioGroove base = e.generate(1.0, 4, 120);
        Lanes lanes = Lanes.none().flipped(Lanes.Toggle.LOCK, 1).flipped(Lanes.Toggle.LOCK, 2);
        StudioGroove free = e.steer(base, new double[] {1}, "s");
        StudioGroove locked = e.steer(base, new double[] {1}, "s", lanes.lock(base.groove()));
        assertTrue(TestData.sameLane(locked.groove(), base.groove(), 1) && TestData.sameLane(locked.groove(), base.groove(), 2));
        assertFalse(TestData.sameLane(free.groove(), base.groove(), 1) && TestData.sameLane(free.groove(), base.groove(), 2),
            "without the lock the slider moves those lanes too");
    }
}
