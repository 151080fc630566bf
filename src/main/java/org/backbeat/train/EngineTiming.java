package org.backbeat.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The timings {@code bench.TrainingBenchmark} takes of the engines, public so that the benchmark
 * lives beside the others in {@code bench} while the engines, their batches and the BLAS binding
 * stay package-private here (nothing else outside {@code train} should step an engine by hand).
 */
public final class EngineTiming {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    private EngineTiming() {
    }

    /** The first step (SameDiff builds its gradient graph there) and the mean of the timed steps. */
    public record Timing(double firstStepSeconds, double stepSeconds) {
    }

    /**
     * One untimed-then-timed run: a randomly initialised {@code c} stepped {@code steps + 1} times
     * on one synthetic batch of {@code batch} windows.
     *
     * @param workers     data-parallel workers of the hand-derived engine (the batch is split)
     * @param blasThreads OpenBLAS threads of each worker
     */
    public static Timing time(Engine kind, ModelConfig c, int batch, int steps, int workers, int blasThreads) {
        ModelWeights w = ModelInitializer.random(c, 7);
        TrainingEngine.Batch b = syntheticBatch(batch, c.zSize());
        try (TrainingEngine e = TrainingEngine.create(kind, c, w, new Trainer.DecaySchedule(1e-3, 1e-5, 0.9999),
            workers, blasThreads)) {
            long t0 = System.nanoTime();
            e.step(b, 0); // SameDiff builds its gradient graph here; the hand-derived engine only warms up
            double first = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                e.step(b, i + 1);
            }
            return new Timing(first, (System.nanoTime() - t1) / 1e9 / steps);
        }
    }

    static TrainingEngine.Batch syntheticBatch(int batch, int z) {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[batch * 64 * 27];
        for (int i = 0; i < x.length; i++) {
            int f = i % 27;
            x[i] = f < 9 ? (r.nextDouble() < 0.1 ? 1 : 0) : (float) r.nextDouble();
        }
        return new TrainingEngine.Batch(x, Batches.shiftForTeacherForcing(x, batch), new float[batch * z], batch, 0.2);
    }

    /** The OpenBLAS threads of the calling thread's products (the engines set their own). */
    public static void setBlasThreads(int n) {
        Blas.setThreads(n);
    }

    /** Best of three 2048^3 sgemm products, GFLOP/s, with {@code threads} BLAS threads. */
    public static double sgemmPeak(int threads) {
        Blas.setThreads(threads);
        int n = 2048;
        FloatBuffer a = Blas.allocate(n * n);
        FloatBuffer b = Blas.allocate(n * n);
        FloatBuffer c = Blas.allocate(n * n);
        for (int i = 0; i < n * n; i++) {
            a.put(i, (i % 17) * 0.01f);
            b.put(i, (i % 13) * 0.01f);
        }
        double best = 0;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
            double s = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) {
                best = Math.max(best, 2.0 * n * n * n / s / 1e9);
            }
        }
        return best;
    }
}
