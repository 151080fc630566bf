package org.backbeat.model;

/**
 * The one hot loop of inference: {@code Y[b] += X[b] · W} for a small batch, W row-major
 * [K, N]. Weights are streamed once per batch (the batch loop sits inside the k loop), which is
 * what makes decode(11 z) cost far less than 11 decodes. Zero inputs are skipped: decoder inputs are
 * mostly empty drum cells.
 *
 * <p>The Java Vector API version is used when the {@code jdk.incubator.vector} module is present
 * (the launcher and tests add it); otherwise a scalar loop that C2 auto-vectorizes.
 */
abstract class Kernels {

    static final Kernels INSTANCE = choose();

    private static Kernels choose() {
        boolean forceScalar = Boolean.getBoolean("backbeat.scalar");
        if (!forceScalar && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("org.backbeat.model.VectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the scalar loop
            }
        }
        return new ScalarKernels();
    }

    /**
     * For each batch row b: {@code y[yOff + b*yStride + j] += sum_k x[xOff + b*xStride + k] * w[k*n + j]}
     * for j in [0, n), k in [0, kCount).
     */
    abstract void matmulAdd(float[] x, int xOff, int xStride, int batch, int kCount, float[] w, int n,
                            float[] y, int yOff, int yStride);

    abstract String name();

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
}
