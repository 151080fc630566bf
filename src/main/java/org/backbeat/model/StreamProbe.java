package org.backbeat.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How fast this machine streams a weight matrix that does not fit L2, and how close the model's
 * own kernel comes to it: the bound of a matrix-vector product (batch 1), which is what one LSTM
 * step of a single decode or encode is ({@code backbeat bench-stream}, docs/benchmarks.md).
 * Each thread reads its own matrix, as the encoder's two directions do.
 */
public final class StreamProbe {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** GB/s (10^9 bytes) of the matrix's floats, all threads together, median and best of the passes. */
    public record Rate(String what, int threads, double medianGBs, double bestGBs) {
    }

    private StreamProbe() {
    }

    /** Reads (sums) and kernel passes ({@code y += x·W}, W {@code k × n}) on 1 and 2 threads. */
    public static List<Rate> run(int k, int n, int passes) throws Exception {
        if (Kernels.INSTANCE instanceof Kernels.Tiered t) {
            t.awaitSwitch(30_000); // the vector kernel, as a warm model call uses
        }
        List<Rate> out = new ArrayList<>();
        for (int threads = 1; threads <= 2; threads++) {
            out.add(measure("read", threads, k, n, passes, false));
            out.add(measure("kernel, batch 1 (" + Kernels.INSTANCE.forCall().name() + ")", threads, k, n, passes, true));
        }
        return out;
    }

    private static Rate measure(String what, int threads, int k, int n, int passes, boolean kernel) throws Exception {
        double[][] seconds = new double[threads][passes];
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        float[] sink = new float[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                float[] m = new float[k * n];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (i % 7) * 1e-3f;
                }
                float[] x = new float[k];
                Arrays.fill(x, 0.5f);
                float[] y = new float[n];
                try {
                    for (int warm = 0; warm < 20; warm++) {
                        sink[id] += kernel ? pass(m, x, y, k, n) : sum(m);
                    }
                    for (int p = 0; p < passes; p++) {
                        start.await();
                        long t0 = System.nanoTime();
                        sink[id] += kernel ? pass(m, x, y, k, n) : sum(m);
                        seconds[id][p] = (System.nanoTime() - t0) / 1e9;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "stream-probe-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double bytes = 4.0 * k * n * threads;
        double[] perPass = new double[passes];
        for (int p = 0; p < passes; p++) {
            double slowest = 0;
            for (int t = 0; t < threads; t++) {
                slowest = Math.max(slowest, seconds[t][p]);
            }
            perPass[p] = bytes / slowest / 1e9;
        }
        Arrays.sort(perPass);
        if (Float.isNaN(sink[0])) {
            throw new IllegalStateException("unreachable: keeps the passes from being optimised away");
        }
        return new Rate(what, threads, perPass[passes / 2], perPass[passes - 1]);
    }

    private static float pass(float[] m, float[] x, float[] y, int k, int n) {
        Kernels.INSTANCE.forCall().matmulAdd(x, 0, k, 1, k, m, n, y, 0, n);
        return y[0];
    }

    private static float sum(float[] m) {
        FloatVector a = FloatVector.zero(S);
        FloatVector b = FloatVector.zero(S);
        FloatVector c = FloatVector.zero(S);
        FloatVector d = FloatVector.zero(S);
        int l = S.length();
        int i = 0;
        for (; i + 4 * l <= m.length; i += 4 * l) {
            a = a.add(FloatVector.fromArray(S, m, i));
            b = b.add(FloatVector.fromArray(S, m, i + l));
            c = c.add(FloatVector.fromArray(S, m, i + 2 * l));
            d = d.add(FloatVector.fromArray(S, m, i + 3 * l));
        }
        float s = a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
        for (; i < m.length; i++) {
            s += m[i];
        }
        return s;
    }
}
