package org.backbeat.model;

/**
 * The one hot loop of inference: {@code Y[b] += X[b] · W} for a small batch, W row-major
 * [K, N]. Weights are streamed once per batch (the batch loop sits inside the k loop), which is
 * what makes decode(11 z) cost far less than 11 decodes. Zero inputs are skipped: decoder inputs are
 * mostly empty drum cells.
 *
 * <p>Two implementations: the Java Vector API one (when the {@code jdk.incubator.vector} module is
 * present; the launcher and tests add it) and a scalar loop that C2 auto-vectorizes. The Vector API
 * is ~3× faster once C2 has compiled it, and ~10× slower before: interpreted, every vector is an
 * object. So by default a fresh JVM starts on the scalar loop (first decode ~50 ms instead of
 * ~650 ms) while a background thread gets the vector kernel compiled, then switches ({@link Tiered}).
 * {@code -Dbackbeat.kernels=vector|scalar|tiered} chooses explicitly (the tests use vector, so that
 * two calls with the same input give bit-identical results).
 */
abstract class Kernels {

    static final Kernels INSTANCE = choose(System.getProperty("backbeat.kernels", "tiered"));

    static Kernels choose(String which) {
        Kernels vector = "scalar".equals(which) ? null : vectorKernels();
        if (vector == null) {
            return new ScalarKernels();
        }
        return "vector".equals(which) ? vector : new Tiered(new ScalarKernels(), vector);
    }

    private static Kernels vectorKernels() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Kernels) Class.forName("org.backbeat.model.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * For each batch row b: {@code y[yOff + b*yStride + j] += sum_k x[xOff + b*xStride + k] * w[k*n + j]}
     * for j in [0, n), k in [0, kCount). A row's result never depends on the other rows of the call
     * (same operations in the same order, however many rows share it): model calls split batches
     * across threads by rows and promise the same result for any split.
     */
    abstract void matmulAdd(float[] x, int xOff, int xStride, int batch, int kCount, float[] w, int n,
                            float[] y, int yOff, int yStride);

    abstract String name();

    /**
     * The LSTM cell of {@code width} units: gates hold the pre-activations [i, f, g, o] in blocks of
     * {@code width} from {@code gOff}; {@code c} is updated in place from {@code cOff} and the new h
     * written to {@code h} from {@code hOff}. Every unit's arithmetic is its own (the same wherever
     * the unit sits in the call), so a layer computed in halves equals the layer computed whole.
     */
    void cell(float[] gates, int gOff, int width, float[] c, int cOff, float[] h, int hOff) {
        for (int j = 0; j < width; j++) {
            float i = FastGrooveModel.sigmoid(gates[gOff + j]);
            float f = FastGrooveModel.sigmoid(gates[gOff + width + j]);
            float gg = FastGrooveModel.tanh(gates[gOff + 2 * width + j]);
            float o = FastGrooveModel.sigmoid(gates[gOff + 3 * width + j]);
            float cn = f * c[cOff + j] + i * gg;
            c[cOff + j] = cn;
            h[hOff + j] = o * FastGrooveModel.tanh(cn);
        }
    }

    /**
     * Column boundaries that keep every column's arithmetic the same in a call over part of a row's
     * columns as in a call over all of them (the vector width: a part that starts inside a vector
     * would run its first columns on the scalar tail). Split decodes cut on multiples of it.
     */
    int columnAlignment() {
        return 1;
    }

    /** The kernel one model call (a decode, an encode) uses throughout: never a mix of two. */
    Kernels forCall() {
        return this;
    }

    static final class ScalarKernels extends Kernels {
        @Override
        void matmulAdd(float[] x, int xOff, int xStride, int batch, int kCount, float[] w, int n,
                       float[] y, int yOff, int yStride) {
            for (int k = 0; k < kCount; k++) {
                int wRow = k * n;
                for (int b = 0; b < batch; b++) {
                    float a = x[xOff + b * xStride + k];
                    if (a == 0f) {
                        continue;
                    }
                    int yRow = yOff + b * yStride;
                    for (int j = 0; j < n; j++) {
                        y[yRow + j] += a * w[wRow + j];
                    }
                }
            }
        }

        @Override
        String name() {
            return "scalar Java";
        }
    }

    /**
     * Scalar until the vector kernel is compiled. The first call starts a daemon thread that runs the
     * vector kernel on small synthetic problems (every batch-row and tail path) until a
     * decoder-sized product is at least as fast as the scalar loop's, then switches for good.
     */
    static final class Tiered extends Kernels {
        private final Kernels scalar;
        private final Kernels vector;
        private volatile Kernels active;
        private volatile Thread warmUp;
        private boolean held;

        Tiered(Kernels scalar, Kernels vector) {
            this.scalar = scalar;
            this.vector = vector;
            this.active = scalar;
        }

        @Override
        Kernels forCall() {
            Kernels a = active;
            if (a == scalar && warmUp == null) {
                startWarmUp();
            }
            return a;
        }

        @Override
        void matmulAdd(float[] x, int xOff, int xStride, int batch, int kCount, float[] w, int n,
                       float[] y, int yOff, int yStride) {
            forCall().matmulAdd(x, xOff, xStride, batch, kCount, w, n, y, yOff, yStride);
        }

        @Override
        String name() {
            return vector.name();
        }

        @Override
        int columnAlignment() {
            return Math.max(scalar.columnAlignment(), vector.columnAlignment());
        }

        @Override
        void cell(float[] gates, int gOff, int width, float[] c, int cOff, float[] h, int hOff) {
            forCall().cell(gates, gOff, width, c, cOff, h, hOff);
        }

        /** True once calls use the vector kernel. */
        boolean switched() {
            return active == vector;
        }

        /** Waits (at most {@code millis}) for the switch; true if it happened. For benchmarks. */
        boolean awaitSwitch(long millis) throws InterruptedException {
            forCall();
            Thread t = warmUp;
            if (t != null) {
                t.join(millis);
            }
            return switched();
        }

        private synchronized void startWarmUp() {
            if (warmUp != null) {
                return;
            }
            Thread t = new Thread(this::warmUpVector, "backbeat-kernel-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            warmUp = t;
            t.start();
        }

        /** While held, the warm-up thread waits: its compilation takes a core that start-up needs. */
        synchronized void hold(boolean hold) {
            held = hold;
            notifyAll();
        }

        private synchronized void awaitRelease() throws InterruptedException {
            while (held) {
                wait();
            }
        }

        private void warmUpVector() {
            try {
                awaitRelease();
            } catch (InterruptedException e) {
                return;
            }
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            // Small problems, so the interpreter gets through enough calls for C2 to compile them.
            float[] w = random(r, 16 * 80);
            float[] x = random(r, 4 * 16);
            float[] y = new float[4 * 80];
            // A decoder-sized one (z 256 -> 4 x 256 gates, batch 1) to compare the two kernels.
            float[] bigW = random(r, 256 * 1024);
            float[] bigX = random(r, 256);
            float[] bigY = new float[1024];
            // and the cell (its whole and masked paths), which decodes call as often as the product
            float[] cellGates = random(r, 4 * 40);
            float[] cellC = new float[40];
            float[] cellH = new float[40];
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 500; i++) {
                    int batch = 1 + i % 4;
                    int n = i % 2 == 0 ? 80 : 27;
                    vector.matmulAdd(x, 0, 16, batch, 16 - (i % 3), w, n, y, 0, 80);
                    vector.cell(cellGates, 0, i % 2 == 0 ? 40 : 13, cellC, 0, cellH, 0);
                    java.util.Arrays.fill(cellC, 0.5f);
                }
                if (round >= 4 && nanos(vector, bigX, bigW, bigY) <= nanos(scalar, bigX, bigW, bigY)) {
                    break;
                }
            }
            active = vector;
        }

        private static long nanos(Kernels k, float[] x, float[] w, float[] y) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                k.matmulAdd(x, 0, 256, 1, 256, w, 1024, y, 0, 1024);
                best = Math.min(best, System.nanoTime() - t0);
            }
            return best;
        }

        private static float[] random(java.util.SplittableRandom r, int n) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (r.nextDouble() - 0.5);
            }
            return a;
        }
    }
}
