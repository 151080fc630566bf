package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(r.tap(t0, 90));
        assertTrue(r.tap(t0 + S / 2 + 10_000_000L, 90));     // step 4, 10 ms late
        assertTrue(r.tap(t0 + S - 20_000_000L, 60));          // step 8, 20 ms early
        assertTrue(r.tap(t0 + S - 15_000_000L, 110));         // the louder tap of step 8 wins
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
        assertTrue(r.tap(7_900_000_000L, 100), "step 63");
        assertFalse(r.finished(7_900_000_000L));
        assertTrue(r.finished(7_940_000_000L));
        assertFalse(r.tap(7_950_000_000L, 100), "the next loop's downbeat");
        assertEquals(2, r.count());
        assertTrue(r.taps().hit(63, GrooveTransforms.TAP_CHANNEL));
    }
}
