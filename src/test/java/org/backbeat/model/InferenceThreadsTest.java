package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model calls give bit-identical results on 1, 2 or 3 threads; the pool lends real helpers. */
class InferenceThreadsTest {

    /** Widths that are not multiples of a vector: every kernel tail runs. */
    private static final ModelConfig HIER = new ModelConfig(36, 20, DecoderType.HIERARCHICAL, List.of(28, 19), 22,
        DrumMapping.ROLAND);
    /** Widths that halve on vector boundaries: single decodes split by hidden units (two layers, or a conductor). */
    private static final ModelConfig SPLIT_FLAT = new ModelConfig(24, 16, DecoderType.FLAT, List.of(64, 32), 0,
        DrumMapping.ROLAND);
    private static final ModelConfig SPLIT_HIER = new ModelConfig(24, 16, DecoderType.HIERARCHICAL, List.of(32), 32,
        DrumMapping.ROLAND, Task.GENERATE, Regression.AT_HITS);
    private static final List<FastGrooveModel> MODELS = List.of(
        new FastGrooveModel(ModelFileTest.TINY, ModelInitializer.random(ModelFileTest.TINY, 3)),
        new FastGrooveModel(HIER, ModelInitializer.random(HIER, 5)),
        new FastGrooveModel(SPLIT_FLAT, ModelInitializer.random(SPLIT_FLAT, 7)),
        new FastGrooveModel(SPLIT_HIER, ModelInitializer.random(SPLIT_HIER, 8)));

    private final int before = FastGrooveModel.threads();

    @AfterEach
    void restore() {
        FastGrooveModel.setThreads(before);
    }

    @Test
    void decodeSampleEncodeAndInterpolateAreBitIdenticalOnOneTwoAndThreeThreads() {
        for (FastGrooveModel m : MODELS) {
            int zSize = m.config().zSize();
            List<float[]> five = zs(5, zSize, 1);
            List<float[]> eleven = zs(11, zSize, 2);
            List<Groove> grooves = new ArrayList<>(TestGrooves.rockAndFunk());
            grooves.add(m.sample(1, 1.0, 9).get(0));
            Groove rock = TestGrooves.rock();
            List<Guide> guides = new ArrayList<>();
            List<Sampling> samplings = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                guides.add(i % 2 == 0 ? new Guide(tensor(grooves.get(i % grooves.size())), 0.25 * i) : null);
                samplings.add(Sampling.seeded(0.5 + 0.2 * i, 40 + i));
            }
            List<float[]> one = zs(1, zSize, 4);
            Lock lock = new Lock(rock, lockedCells());
            List<Supplier<float[]>> calls = List.of(
                () -> flat(m.decodeDetailed(one, 0, 0, null)),
                () -> flat(m.decodeDetailed(one, 1.0, 5, null)),
                () -> flat(m.decodeDetailed(one, 1.0, 5, teacher(1))),
                () -> flatDecoded(m.decodeLocked(one, List.of(Sampling.seeded(0.9, 6)),
                    java.util.Collections.singletonList(new Guide(tensor(rock), 0.5)), List.of(lock), 120)),
                () -> flatGrooves(m.sample(1, 0.8, 11)),
                () -> flat(m.decodeDetailed(eleven, 0, 0, null)),
                () -> flat(m.decodeDetailed(five, 1.0, 17, null)),
                () -> flat(m.decodeDetailed(five, 1.0, 17, teacher(5))),
                () -> flatGrooves(m.sample(5, 0.8, 3)),
                () -> flatGrooves(m.interpolate(grooves.get(0), grooves.get(1), 11, Interpolation.SPHERICAL)),
                () -> flatCodes(m.encode(grooves)),
                () -> flatCodes(m.encode(List.of(rock))),
                () -> flatDecoded(m.decodeGuided(five, samplings, guides, 120)));
            for (int c = 0; c < calls.size(); c++) {
                FastGrooveModel.setThreads(1);
                float[] alone = calls.get(c).get();
                for (int threads : new int[] {2, 3}) {
                    FastGrooveModel.setThreads(threads);
                    assertArrayEquals(alone, calls.get(c).get(), // bit for bit: floatToIntBits
                        m.config().decoder() + " call " + c + " on " + threads + " threads");
                }
                // every batch split by hidden units instead of by rows
                FastGrooveModel.setThreads(2);
                System.setProperty(COLUMN_BATCH, "64");
                try {
                    assertArrayEquals(alone, calls.get(c).get(),
                        m.config().decoder() + " call " + c + " split by hidden units");
                } finally {
                    System.clearProperty(COLUMN_BATCH);
                }
            }
        }
    }

    private static final String COLUMN_BATCH = "backbeat.inference.columnBatch";

    private static boolean[] lockedCells() {
        boolean[] cells = new boolean[Groove.STEPS * Groove.CLASSES];
        for (int i = 0; i < cells.length; i += 5) {
            cells[i] = true;
        }
        return cells;
    }

    @Test
    void aSplitDecodeWhoseHelperIsBusyRunsAloneWithTheSameResult() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() == 2, "one helper to keep busy");
        FastGrooveModel m = MODELS.get(2);
        List<float[]> one = zs(1, m.config().zSize(), 4);
        FastGrooveModel.setThreads(1);
        float[] alone = flat(m.decodeDetailed(one, 1.0, 5, null));
        FastGrooveModel.setThreads(2);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the other caller's own part waits for its second, so only the pool's helper can run that
        Thread other = new Thread(() -> InferenceThreads.runAll(List.of(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        other.start();
        try {
            assertTrue(busy.await(30, TimeUnit.SECONDS), "the only helper is taken");
            long solo = PairTeam.soloRuns();
            assertArrayEquals(alone, flat(m.decodeDetailed(one, 1.0, 5, null)));
            assertEquals(solo + 1, PairTeam.soloRuns(), "the caller ran both halves");
        } finally {
            release.countDown();
            other.join();
        }
    }

    @Test
    void aFailureInASplitDecodeReachesTheCallerAndFreesTheHelper() {
        FastGrooveModel m = MODELS.get(2);
        FastGrooveModel.setThreads(2);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
            () -> m.decode(List.of(new float[3]), 0, 0, 120));
        assertTrue(wrong.getMessage().contains("the model needs"), wrong.getMessage());
        // the helper is free again: the next split call completes with the one-thread result
        List<float[]> one = zs(1, m.config().zSize(), 4);
        float[] two = flat(m.decodeDetailed(one, 0, 0, null));
        FastGrooveModel.setThreads(1);
        assertArrayEquals(flat(m.decodeDetailed(one, 0, 0, null)), two);
    }

    @Test
    void everyRowOfABatchedKernelCallIsBitIdenticalToThatRowAlone() {
        // zero blocks of four inputs in some rows (skipped) next to rows without, and -0 in y: the
        // case where an fma with zero inputs instead of a skip would turn -0 into +0
        SplittableRandom r = new SplittableRandom(4);
        int k = 67;
        int n = 83;
        int batch = 7;
        float[] x = new float[batch * k];
        for (int i = 0; i < x.length; i++) {
            int row = i / k;
            int block = (i % k) / 4;
            boolean empty = row == 2 || row == 5; // all-zero rows keep their -0 only if skipped throughout
            x[i] = empty || (row + block) % 3 == 0 ? 0f : (float) (r.nextDouble() - 0.5);
        }
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() - 0.5);
        }
        float[] y0 = new float[batch * n];
        for (int i = 0; i < y0.length; i++) {
            y0[i] = i % 5 == 0 ? -0f : (float) r.nextDouble();
        }
        for (Kernels kern : List.of(Kernels.choose("vector"), new Kernels.ScalarKernels())) {
            float[] all = y0.clone();
            kern.matmulAdd(x, 0, k, batch, k, w, n, all, 0, n);
            for (int lo = 0; lo < batch; lo++) {
                for (int hi = lo + 1; hi <= batch; hi++) {
                    float[] part = y0.clone();
                    kern.matmulAdd(x, lo * k, k, hi - lo, k, w, n, part, lo * n, n);
                    for (int i = lo * n; i < hi * n; i++) {
                        assertEquals(Float.floatToRawIntBits(all[i]), Float.floatToRawIntBits(part[i]),
                            kern.name() + ": rows " + lo + ".." + hi + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void helpersAreDaemonThreadsOfTheSharedPool() throws InterruptedException {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: no helpers");
        for (int round = 0; round < 2; round++) {
            CountDownLatch helped = new CountDownLatch(1);
            AtomicReference<Thread> helper = new AtomicReference<>();
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> first = new AtomicReference<>();
            InferenceThreads.runAll(List.of(() -> {
                first.set(Thread.currentThread());
                try {
                    // the caller is busy here, so only a helper can run the second task
                    assertTrue(helped.await(30, TimeUnit.SECONDS), "a helper ran the second part");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, () -> {
                helper.set(Thread.currentThread());
                helped.countDown();
            }));
            assertSame(caller, first.get(), "the caller computes the first part itself");
            assertTrue(helper.get().isDaemon());
            assertTrue(helper.get().getName().startsWith("backbeat-inference-"), helper.get().getName());
        }
    }

    @Test
    void aFailingPartFailsTheCallAndEveryPartRuns() {
        int[] ran = new int[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceThreads.runAll(List.of(
            () -> ran[0]++,
            () -> {
                ran[1]++;
                throw new IllegalArgumentException("part 2");
            },
            () -> ran[2]++)));
        assertEquals("part 2", e.getMessage());
        assertArrayEquals(new int[] {1, 1, 1}, ran);
        // a wrong z in the second half of a split batch is reported as on one thread
        FastGrooveModel.setThreads(2);
        List<float[]> zs = zs(4, MODELS.get(0).config().zSize(), 3);
        zs.set(3, new float[1]);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
            () -> MODELS.get(0).decode(zs, 0, 0, 120));
        assertTrue(wrong.getMessage().contains("the model needs"), wrong.getMessage());
    }

    @Test
    void rowsAreSplitIntoNearEqualRunsAndTheCountIsChecked() {
        assertArrayEquals(new int[] {0, 5, 11}, InferenceThreads.split(11, 2));
        assertArrayEquals(new int[] {0, 1, 3, 5}, InferenceThreads.split(5, 3));
        assertArrayEquals(new int[] {0, 1}, InferenceThreads.split(1, 2), "one row: one part");
        assertArrayEquals(new int[] {0, 0}, InferenceThreads.split(0, 2));
        assertThrows(IllegalArgumentException.class, () -> FastGrooveModel.setThreads(0));
        FastGrooveModel.setThreads(3);
        assertEquals(3, FastGrooveModel.threads());
    }

    @Test
    void twoThreadsByDefaultWhereThereAreTwoCoresAndThePropertyWins() {
        assertEquals(2, InferenceThreads.initial(null, 2));
        assertEquals(2, InferenceThreads.initial(null, 16), "the work splits two ways, no more");
        assertEquals(1, InferenceThreads.initial(null, 1));
        assertEquals(3, InferenceThreads.initial("3", 2));
        assertEquals(1, InferenceThreads.initial("0", 2), "at least one");
        assertEquals(2, InferenceThreads.initial("many", 2), "an unreadable value: the default");
    }

    @Test
    void theStudioTakesOneThreadUnlessThePropertyAsks() {
        FastGrooveModel.setThreads(2);
        String was = System.getProperty(InferenceThreads.PROPERTY);
        try {
            System.clearProperty(InferenceThreads.PROPERTY);
            FastGrooveModel.useOneThreadUnlessAsked();
            assertEquals(1, FastGrooveModel.threads());
            FastGrooveModel.setThreads(2);
            System.setProperty(InferenceThreads.PROPERTY, "2");
            FastGrooveModel.useOneThreadUnlessAsked();
            assertEquals(2, FastGrooveModel.threads(), "asked for two: kept");
        } finally {
            if (was == null) {
                System.clearProperty(InferenceThreads.PROPERTY);
            } else {
                System.setProperty(InferenceThreads.PROPERTY, was);
            }
        }
    }

    private static List<float[]> zs(int count, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> zs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] z = new float[size];
            for (int k = 0; k < size; k++) {
                z[k] = (float) r.nextGaussian();
            }
            zs.add(z);
        }
        return zs;
    }

    private static float[][] teacher(int count) {
        List<Groove> g = TestGrooves.rockAndFunk();
        float[][] t = new float[count][];
        for (int i = 0; i < count; i++) {
            t[i] = tensor(g.get(i % g.size()));
        }
        return t;
    }

    private static float[] tensor(Groove g) {
        float[] t = new float[Groove.STEPS * Groove.FEATURES];
        g.toTensor(t, 0);
        return t;
    }

    private static float[] flat(FastGrooveModel.DecodeResult r) {
        List<float[]> parts = new ArrayList<>(List.of(r.logits()));
        parts.addAll(List.of(r.outputs()));
        return concat(parts);
    }

    private static float[] flatGrooves(List<Groove> gs) {
        List<float[]> parts = new ArrayList<>();
        for (Groove g : gs) {
            parts.add(tensor(g));
            parts.add(new float[] {(float) g.qpm()});
        }
        return concat(parts);
    }

    private static float[] flatCodes(List<LatentCode> codes) {
        List<float[]> parts = new ArrayList<>();
        for (LatentCode c : codes) {
            parts.add(c.mean());
            parts.add(c.sigma());
        }
        return concat(parts);
    }

    private static float[] flatDecoded(List<Decoded> ds) {
        List<float[]> parts = new ArrayList<>();
        for (Decoded d : ds) {
            parts.add(tensor(d.groove()));
            parts.add(d.inputs());
        }
        return concat(parts);
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
