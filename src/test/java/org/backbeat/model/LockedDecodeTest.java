package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.DrumMapping;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Locked-lane decoding and bar re-rolls, on the flat and the hierarchical decoder. */
class LockedDecodeTest {

    private static FastGrooveModel model(DecoderType d) {
        ModelConfig c = d == DecoderType.FLAT
            ? new ModelConfig(12, 8, DecoderType.FLAT, List.of(10, 6), 0, DrumMapping.ROLAND)
            : new ModelConfig(12, 8, DecoderType.HIERARCHICAL, List.of(10), 6, DrumMapping.ROLAND);
        return new FastGrooveModel(c, ModelInitializer.random(c, 7));
    }

    private static List<float[]> zs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] z = new float[8];
            for (int k = 0; k < z.length; k++) {
                z[k] = (float) r.nextGaussian();
            }
            out.add(z);
        }
        return out;
    }

    private static List<Sampling> samplings(int n, long seed) {
        List<Sampling> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sampling.seeded(1.0, seed + i));
        }
        return out;
    }

    private static List<Groove> decode(FastGrooveModel m, List<float[]> zs, List<Sampling> s, List<Lock> locks) {
        return m.decodeLocked(zs, s, Collections.nCopies(zs.size(), null), locks, 120).stream()
            .map(Decoded::groove).toList();
    }

    /** Whether a and b agree bit for bit on cell (step, class): hit, velocity and offset. */
    private static boolean same(Groove a, Groove b, int s, int c) {
        return a.hit(s, c) == b.hit(s, c)
            && Float.floatToRawIntBits(a.velocity(s, c)) == Float.floatToRawIntBits(b.velocity(s, c))
            && Float.floatToRawIntBits(a.offset(s, c)) == Float.floatToRawIntBits(b.offset(s, c));
    }


    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void lockedLanesAreBitIdenticalAndTheOthersAreSampledAgain(DecoderType d) {
        FastGrooveModel m = model(d);
        Groove ref = TestGrooves.rock();
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[0] = true; // kick
        lanes[1] = true; // snare
        Lock lock = Lock.lanes(ref, lanes);
        int n = 6;
        List<Groove> rerolled = decode(m, zs(n, 1), samplings(n, 100), Collections.nCopies(n, lock));
        int changedLanes = 0;
        for (Groove g : rerolled) {
            assertTrue(TestData.sameLane(g, ref, 0) && TestData.sameLane(g, ref, 1), "kick and snare kept exactly");
            for (int c = 2; c < Groove.CLASSES; c++) {
                changedLanes += TestData.sameLane(g, ref, c) ? 0 : 1;
            }
        }
        assertTrue(changedLanes >= n, "the unlocked lanes were played again: " + changedLanes + " changed");
        assertNotEquals(rerolled.get(0), rerolled.get(1), "each variation has its own z and draws");
    }

    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void theUnlockedLanesAreConditionedOnTheLockedOnes(DecoderType d) {
        // Same z, same draws: only what was fed back differs, so any difference in the free lanes
        // is the locked lanes' values reaching the model's next steps.
        FastGrooveModel m = model(d);
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[0] = true;
        lanes[1] = true;
        List<float[]> z = zs(1, 3);
        List<Sampling> s = samplings(1, 5);
        Groove free = decode(m, z, s, Collections.singletonList(null)).get(0);
        Groove a = decode(m, z, s, List.of(Lock.lanes(TestGrooves.rock(), lanes))).get(0);
        Groove b = decode(m, z, s, List.of(Lock.lanes(TestGrooves.funk(), lanes))).get(0);
        boolean differs = false;
        for (int c = 2; c < Groove.CLASSES; c++) {
            differs |= !TestData.sameLane(a, b, c) || !TestData.sameLane(a, free, c);
        }
        assertTrue(differs, "other locked lanes, other free lanes");
    }

    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void rerollingABarKeepsTheOtherThreeExactly(DecoderType d) {
        FastGrooveModel m = model(d);
        Groove ref = TestGrooves.funk();
        int bar = 2;
        int n = 4;
        List<Groove> out = decode(m, zs(n, 9), samplings(n, 40), Collections.nCopies(n, Lock.allBut(ref, bar, null)));
        int changedCells = 0;
        for (Groove g : out) {
            for (int s = 0; s < Groove.STEPS; s++) {
                for (int c = 0; c < Groove.CLASSES; c++) {
                    if (s / Groove.STEPS_PER_BAR != bar) {
                        assertTrue(same(g, ref, s, c), "step " + s + " class " + c + " kept");
                    } else if (g.hit(s, c) != ref.hit(s, c)) {
                        changedCells++;
                    }
                }
            }
        }
        assertTrue(changedCells > 0, "the re-rolled bar changed");
    }

    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void rerollingABarKeepsLockedLanesInsideItToo(DecoderType d) {
        FastGrooveModel m = model(d);
        Groove ref = TestGrooves.rock();
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[2] = true; // closed hat
        Groove g = decode(m, zs(1, 2), samplings(1, 8), List.of(Lock.allBut(ref, 0, lanes))).get(0);
        assertTrue(TestData.sameLane(g, ref, 2), "the locked hat is kept in the re-rolled bar as well");
    }

    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void aRowWithoutALockIsThePlainDecodeInTheSameBatch(DecoderType d) {
        FastGrooveModel m = model(d);
        List<float[]> z = zs(3, 4);
        List<Sampling> s = samplings(3, 11);
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[0] = true;
        List<Lock> locks = Arrays.asList(Lock.lanes(TestGrooves.rock(), lanes), null, Lock.lanes(TestGrooves.funk(), lanes));
        List<Groove> batch = decode(m, z, s, locks);
        assertEquals(m.decode(List.of(z.get(1)), List.of(s.get(1)), 120).get(0), batch.get(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(decode(m, List.of(z.get(i)), List.of(s.get(i)), Collections.singletonList(locks.get(i))).get(0),
                batch.get(i), "row " + i + " as decoded alone");
        }
    }

    @ParameterizedTest
    @EnumSource(DecoderType.class)
    void aGuideDoesNotLoosenALock(DecoderType d) {
        FastGrooveModel m = model(d);
        List<float[]> z = zs(1, 6);
        List<Sampling> s = samplings(1, 2);
        Decoded plain = m.decodeGuided(z, s, Collections.singletonList(null), 120).get(0);
        boolean[] lanes = new boolean[Groove.CLASSES];
        lanes[1] = true;
        Groove ref = TestGrooves.funk();
        Groove g = m.decodeLocked(z, s, List.of(new Guide(plain.inputs(), 0.3)), List.of(Lock.lanes(ref, lanes)), 120)
            .get(0).groove();
        assertTrue(TestData.sameLane(g, ref, 1));
    }

    @org.junit.jupiter.api.Test
    void aLockNeedsItsShape() {
        assertThrows(IllegalArgumentException.class, () -> Lock.lanes(TestGrooves.rock(), new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> Lock.allBut(TestGrooves.rock(), 4, null));
        assertTrue(Lock.lanes(TestGrooves.rock(), new boolean[Groove.CLASSES]).isEmpty());
    }
}
