package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.backbeat.studio.TapRecorder.Landing.EARLY;
import static org.backbeat.studio.TapRecorder.Landing.LATE;
import static org.backbeat.studio.TapRecorder.Landing.TAKEN;

import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.junit.jupiter.api.Test;

class TapRecorderTest {

    private static final long S = 1_000_000_000L;

    @Test
    void tapsLandOnTheNearestSixteenthFromTheFirstTapWithTheirTiming() {
        // 120 qpm: a 16th is 0.125 s, four bars 8 s
        TapRecorder r = new TapRecorder(120);
        long t0 = 5 * S;
        assertEquals(TAKEN, r.tap(t0, 90));
        assertEquals(TAKEN, r.tap(t0 + S / 2 + 10_000_000L, 90));     // step 4, 10 ms late
        assertEquals(TAKEN, r.tap(t0 + S - 20_000_000L, 60));          // step 8, 20 ms early
        assertEquals(TAKEN, r.tap(t0 + S - 15_000_000L, 110));         // the louder tap of step 8 wins
        Groove taps = r.taps();
        int ch = GrooveTransforms.TAP_CHANNEL;
        assertEquals(3, taps.hitCount());
        assertTrue(taps.hit(0, ch) && taps.hit(4, ch) && taps.hit(8, ch));
        assertEquals(0.010 / 0.125, taps.offset(4, ch), 1e-6);
        assertEquals(-0.015 / 0.125, taps.offset(8, ch), 1e-6);
        assertEquals(0f, taps.velocity(8, ch), "tapify fixes the velocity at 0");
        assertEquals(120, taps.qpm());
    }

    @Test
    void theFourBarsEndHalfASixteenthBeforeTheNextDownbeat() {
        TapRecorder r = new TapRecorder(120);
        assertFalse(r.finished(0));
        r.tap(0, 100);
        assertEquals(TAKEN, r.tap(7_900_000_000L, 100), "step 63");
        assertFalse(r.finished(7_900_000_000L));
        assertTrue(r.finished(7_940_000_000L));
        assertEquals(LATE, r.tap(7_950_000_000L, 100), "the next loop's downbeat");
        assertEquals(2, r.count());
        assertTrue(r.taps().hit(63, GrooveTransforms.TAP_CHANNEL));
    }

    /** After a count-in the taps are timed from the downbeat that follows it, not from the first tap. */
    @Test
    void afterACountInTapsAreTimedFromTheDownbeatNotFromTheFirstTap() {
        // 120 qpm: a beat is 0.5 s, a 16th 0.125 s; the count-in clicks at -2, -1.5, -1, -0.5 s
        long downbeat = 100 * S;
        TapRecorder r = TapRecorder.afterCountIn(120, downbeat, 4);
        assertTrue(r.started() && r.countsIn());
        assertEquals(downbeat, r.downbeatNanos());
        assertEquals(EARLY, r.tap(downbeat - S / 2, 100), "a tap on the count-in's last click");
        assertEquals(EARLY, r.tap(downbeat - 70_000_000L, 100), "more than half a 16th early");
        assertEquals(TAKEN, r.tap(downbeat - 20_000_000L, 80), "the downbeat, 20 ms early");
        assertEquals(TAKEN, r.tap(downbeat + 3 * S / 2 + 5_000_000L, 100), "beat 4 (step 12), 5 ms late");
        assertEquals(TAKEN, r.tap(downbeat + 4 * S + 250_000_000L, 100), "bar 3, step 34");
        assertEquals(3, r.count());
        Groove taps = r.taps();
        int ch = GrooveTransforms.TAP_CHANNEL;
        assertEquals(3, taps.hitCount());
        assertTrue(taps.hit(0, ch) && taps.hit(12, ch) && taps.hit(34, ch));
        assertEquals(-0.020 / 0.125, taps.offset(0, ch), 1e-6, "the early downbeat keeps its timing");
        assertEquals(0.005 / 0.125, taps.offset(12, ch), 1e-6);
        assertFalse(r.finished(downbeat + 7_900_000_000L));
        assertTrue(r.finished(downbeat + 7_940_000_000L), "half a 16th before the next downbeat");
        assertEquals(LATE, r.tap(downbeat + 8 * S, 100));
    }

    @Test
    void theStatusCountsInThenSaysTheBarAndBeat() {
        long downbeat = 100 * S;
        TapRecorder r = TapRecorder.afterCountIn(120, downbeat, 4);
        assertEquals("Count-in", r.status(downbeat - 2 * S - 1_000_000L), "before the first click");
        assertEquals("Count-in 1", r.status(downbeat - 2 * S));
        assertEquals("Count-in 1 2", r.status(downbeat - 5 * S / 4));
        assertEquals("Count-in 1 2 3 4", r.status(downbeat - S / 4));
        assertEquals("Tap on T · bar 1 beat 1 · 0 taps · Drumify to finish", r.status(downbeat));
        r.tap(downbeat + S, 100);
        assertEquals("Tap on T · bar 2 beat 3 · 1 tap · Drumify to finish", r.status(downbeat + 3 * S + S / 10));
        assertEquals("Tap on T · bar 4 beat 4 · 1 tap · Drumify to finish", r.status(downbeat + 7_900_000_000L));
        assertEquals("Drumifying 1 tap…", r.status(downbeat + 8 * S));
        assertTrue(new TapRecorder(120).status(0).startsWith("Tap 4 bars on T (the first tap is the downbeat)"),
            "without a count-in the first tap is the downbeat");
    }
}
