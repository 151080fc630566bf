package org.backbeat.groove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GrooveTest {

    static Groove randomGroove(long seed) {
        Random r = new Random(seed);
        boolean[][] h = new boolean[64][9];
        float[][] v = new float[64][9];
        float[][] o = new float[64][9];
        for (int s = 0; s < 64; s++) {
            for (int c = 0; c < 9; c++) {
                h[s][c] = r.nextDouble() < 0.2;
                v[s][c] = r.nextFloat();
                o[s][c] = r.nextFloat() - 0.5f;
            }
        }
        return Groove.of(h, v, o, 96);
    }

    @Test
    void tensorRoundTripKeepsEverything() {
        Groove g = randomGroove(1);
        float[][] t = g.toTensor();
        assertEquals(64, t.length);
        assertEquals(27, t[0].length);
        assertEquals(g, Groove.fromTensor(t, 96));
    }

    @Test
    void tensorUsesMagentaLayoutAndOffsetSign() {
        Groove g = Groove.empty(120).withCell(3, DrumClass.SNARE.ordinal(), true, 0.5f, 0.25f);
        float[][] t = g.toTensor();
        assertEquals(1f, t[3][1]);
        assertEquals(0.5f, t[3][9 + 1]);
        // played a quarter step late = Magenta offset -0.5 (positive means early there)
        assertEquals(-0.5f, t[3][18 + 1]);
        float[] flat = new float[64 * 27];
        g.toTensor(flat, 0);
        assertArrayEquals(t[3], java.util.Arrays.copyOfRange(flat, 3 * 27, 4 * 27));
    }

    @Test
    void emptyCellsHoldNoVelocityOrOffsetSoEqualityIsMusical() {
        Groove a = Groove.empty(120).withCell(0, 0, true, 0.9f, 0.1f).withCell(0, 0, false, 0.9f, 0.1f);
        assertEquals(Groove.empty(120), a);
        assertEquals(0f, a.velocity(0, 0));
        assertEquals(0f, a.offset(0, 0));
    }

    @Test
    void valuesAreClampedAndImmutable() {
        Groove g = Groove.empty(120).withCell(5, 2, true, 3f, -4f);
        assertEquals(1f, g.velocity(5, 2));
        assertEquals(-0.5f, g.offset(5, 2));
        Groove toggled = g.toggled(5, 2, 0.8f);
        assertTrue(g.hit(5, 2));
        assertFalse(toggled.hit(5, 2));
        assertNotEquals(g, toggled);
        assertEquals(1, g.hitCount());
        assertEquals(1, g.hitCount(2));
    }

    @Test
    void rejectsBadTempoAndCells() {
        assertThrows(IllegalArgumentException.class, () -> Groove.empty(0));
        assertThrows(IllegalArgumentException.class, () -> Groove.empty(Double.NaN));
        assertThrows(IndexOutOfBoundsException.class, () -> Groove.empty(120).hit(64, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Groove.empty(120).hit(0, 9));
    }

    @Test
    void drumMappingsFollowTheirTables() {
        assertEquals(DrumClass.CLOSED_HIHAT.ordinal(), DrumMapping.ROLAND.classOf(22));
        assertEquals(-1, DrumMapping.MAGENTA_JS.classOf(22));
        assertEquals(DrumClass.LOW_TOM.ordinal(), DrumMapping.ROLAND.classOf(43));
        assertEquals(DrumClass.HIGH_TOM.ordinal(), DrumMapping.MAGENTA_JS.classOf(43));
        assertEquals(DrumClass.CRASH.ordinal(), DrumMapping.ROLAND.classOf(52));
        assertEquals(DrumClass.RIDE.ordinal(), DrumMapping.MAGENTA_JS.classOf(52));
        for (DrumClass c : DrumClass.values()) {
            assertEquals(c.outputPitch(), DrumMapping.ROLAND.outputPitch(c.ordinal()));
            assertEquals(c.outputPitch(), DrumMapping.MAGENTA_JS.outputPitch(c.ordinal()));
        }
        assertEquals(-1, DrumMapping.ROLAND.classOf(128));
    }
}
