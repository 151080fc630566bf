package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.TestData;
import org.backbeat.data.WindowTensors;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final int C = DrumClass.COUNT;
    private static final int F = Groove.FEATURES;
    private static final int WINDOW = Groove.STEPS * F;
    private static final int CH = DrumClass.CLOSED_HIHAT.ordinal();
    private static final int OH = DrumClass.OPEN_HIHAT.ordinal();

    /** Busy test grooves as one batch: kicks, snares, hats and more, with varied velocities. */
    private static float[] batch(int n) {
        List<Groove> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(TestData.busyGroove(i));
        }
        return WindowTensors.of(g).data().clone();
    }

    @Test
    void offChangesNothing() {
        float[] x = batch(4);
        float[] y = x.clone();
        Augmentation.NONE.apply(y, 4, new SplittableRandom(1));
        assertArrayEquals(x, y);
    }

    @Test
    void velocityScalingUsesOneFactorPerWindowWithinItsRangeAndKeepsHitsAndTiming() {
        float[] x = batch(8);
        float[] y = x.clone();
        new Augmentation(0.2, 0).apply(y, 8, new SplittableRandom(2));
        double lowest = 2;
        double highest = 0;
        for (int b = 0; b < 8; b++) {
            double factor = Double.NaN;
            for (int s = 0; s < Groove.STEPS; s++) {
                int at = b * WINDOW + s * F;
                for (int c = 0; c < C; c++) {
                    assertEquals(x[at + c], y[at + c], "hits unchanged");
                    assertEquals(x[at + 2 * C + c], y[at + 2 * C + c], "offsets unchanged");
                    float v = x[at + C + c];
                    float w = y[at + C + c];
                    assertTrue(w >= 0 && w <= 1, "velocity " + w);
                    if (v > 0 && v * 1.2 < 1) { // not clipped: the ratio is the window's factor
                        if (Double.isNaN(factor)) {
                            factor = w / v;
                        }
                        assertEquals(factor, w / v, 1e-5, "one factor per window");
                    }
                }
            }
            assertTrue(factor >= 0.8 - 1e-6 && factor <= 1.2 + 1e-6, "factor " + factor);
            lowest = Math.min(lowest, factor);
            highest = Math.max(highest, factor);
        }
        assertTrue(highest - lowest > 0.05, "windows get different factors: " + lowest + ".." + highest);
    }

    @Test
    void hatDropRemovesWholeHatHitsOnlyAndAboutAsOftenAsAsked() {
        float[] x = batch(32);
        float[] all = x.clone();
        new Augmentation(0, 1).apply(all, 32, new SplittableRandom(3));
        float[] some = x.clone();
        new Augmentation(0, 0.25).apply(some, 32, new SplittableRandom(3));
        int hats = 0;
        int kept = 0;
        for (int s = 0; s < 32 * Groove.STEPS; s++) {
            int at = s * F;
            for (int c = 0; c < C; c++) {
                boolean hat = c == CH || c == OH;
                for (int k = 0; k < 3; k++) {
                    assertEquals(hat ? 0f : x[at + k * C + c], all[at + k * C + c], "p = 1: every hat gone, rest kept");
                }
                if (hat && x[at + c] > 0) {
                    hats++;
                    if (some[at + c] > 0) {
                        kept++;
                        assertEquals(x[at + C + c], some[at + C + c]);
                    } else {
                        assertEquals(0f, some[at + C + c]);
                        assertEquals(0f, some[at + 2 * C + c]);
                    }
                }
            }
        }
        assertTrue(hats > 200, hats + " hats in the fixture");
        double dropped = 1 - kept / (double) hats;
        assertTrue(dropped > 0.15 && dropped < 0.35, "dropped " + dropped + " of hats at p = 0.25");
    }

    @Test
    void theSameStreamGivesTheSameBatch() {
        float[] a = batch(4);
        float[] b = a.clone();
        Augmentation.DEFAULT.apply(a, 4, new SplittableRandom(9));
        Augmentation.DEFAULT.apply(b, 4, new SplittableRandom(9));
        assertArrayEquals(a, b);
    }

    @Test
    void rejectsStrengthsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 1.5));
        assertEquals("none", Augmentation.NONE.describe());
        assertEquals("velocity ×0.80–1.20, hi-hat drop 10%", Augmentation.DEFAULT.describe());
    }
}
