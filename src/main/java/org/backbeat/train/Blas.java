package org.backbeat.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.backbeat.memory.OpenBlasCore;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products of the hand-derived training engine, through OpenBLAS's {@code cblas_sgemm}
 * (the library ND4J's CPU backend itself calls, shipped in the {@code nd4j-native} jars).
 *
 * <p>Why OpenBLAS and not the project's Vector API kernels: side by side on the same core, a
 * register-blocked Vector API kernel reached ~20 GFLOP/s on the shapes of a training step where
 * {@code cblas_sgemm} reached ~65-75 (docs/model.md, "Training engine"). Why direct buffers:
 * JavaCPP's {@code float[]} overload copies every operand in and out of the call (~25 % slower at
 * batch 64). So weights live in direct buffers ({@link Resident}, refreshed once per optimizer
 * step), and activations, which the fused cell code reads as Java arrays, are staged: copied into
 * this object's direct buffers, multiplied, copied back. A copy costs one read and write per
 * element against K multiply-adds, a few percent of a product.
 *
 * <p>One instance per thread (the staging buffers are its own); the resident weights may be shared.
 * Large products are cut into row chunks, so staging stays a few tens of MB at any batch.
 */
final class Blas {

    static {
        OpenBlasCore.configure();
        Loader.load(openblas_nolapack.class);
        OpenBlasCore.kernel().filter(OpenBlasCore::isFallback).ifPresent(k -> System.err.println(
            "backbeat: OpenBLAS runs its generic " + k + " kernels on this CPU, several times slower than its "
                + "own; set " + OpenBlasCore.ENV + " (e.g. Haswell or SkylakeX) to choose them"));
    }

    /** Rows per chunk of a staged operand: bounds the staging buffers, big enough to keep BLAS efficient. */
    static final int CHUNK_ROWS = 4096;

    private FloatBuffer stageA = allocate(0);
    private FloatBuffer stageC = allocate(0);
    private FloatBuffer stageB = allocate(0);
    private float[] out = new float[0];

    /** Threads OpenBLAS itself uses inside one product (process-wide). */
    static void setThreads(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }

    static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /** A weight matrix [rows, cols] copied into a direct buffer, for products that read it many times. */
    static final class Resident {
        final int rows;
        final int cols;
        final FloatBuffer data;

        Resident(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.data = allocate(rows * cols);
        }

        private Resident(int rows, int cols, FloatBuffer data) {
            this.rows = rows;
            this.cols = cols;
            this.data = data;
        }

        void load(float[] w) {
            data.clear();
            data.put(w, 0, rows * cols);
            data.clear();
        }

        /** Rows [from, from + n) as a view of the same memory. */
        Resident rows(int from, int n) {
            FloatBuffer d = data.duplicate();
            d.position(from * cols);
            d.limit((from + n) * cols);
            return new Resident(n, cols, d.slice());
        }
    }

    /** How a product's result meets the output array. */
    enum Into { SET, ADD }

    /**
     * {@code C[m, n] (=|+=) A[m, k] · op(W) (+ bias)}, row-major, with {@code op(W) = W} [k, n] or,
     * transposed, {@code W^T} where W is [n, k]. A and C are contiguous from their offsets.
     *
     * @param bias added to every row of the result (length n), or null
     */
    void mul(float[] a, int aOff, int m, int k, Resident w, boolean transposeW, float[] bias, float[] c, int cOff,
             Into into) {
        int n = transposeW ? w.rows : w.cols;
        if ((transposeW ? w.cols : w.rows) != k) {
            throw new IllegalArgumentException("inner sizes differ: " + k + " vs weight " + w.rows + "x" + w.cols);
        }
        for (int r0 = 0; r0 < m; r0 += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, m - r0);
            stageA = stage(stageA, a, aOff + r0 * k, rows * k);
            stageC = ensure(stageC, rows * n);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                transposeW ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, rows, n, k, 1f,
                stageA, k, w.data, w.cols, 0f, stageC, n);
            unstage(rows * n, n, bias, c, cOff + r0 * n, into);
        }
    }

    /**
     * {@code G[m, n] += A[rows, m]^T · D[rows, n]}: a weight gradient summed over all rows (every
     * step and example) in one product. A and D are contiguous from their offsets.
     */
    void accumulateTransposed(float[] a, int aOff, int m, float[] d, int dOff, int n, int rows, float[] g, int gOff) {
        stageC = stage(stageC, g, gOff, m * n);
        for (int r0 = 0; r0 < rows; r0 += CHUNK_ROWS) {
            int r = Math.min(CHUNK_ROWS, rows - r0);
            stageA = stage(stageA, a, aOff + r0 * m, r * m);
            stageB = stage(stageB, d, dOff + r0 * n, r * n);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                openblas_nolapack.CblasNoTrans, m, n, r, 1f, stageA, m, stageB, n, 1f, stageC, n);
        }
        stageC.clear();
        stageC.get(g, gOff, m * n);
        stageC.clear();
    }

    private void unstage(int count, int n, float[] bias, float[] c, int cOff, Into into) {
        stageC.clear();
        if (into == Into.SET && bias == null) {
            stageC.get(c, cOff, count);
            stageC.clear();
            return;
        }
        if (out.length < count) {
            out = new float[count];
        }
        stageC.get(out, 0, count);
        stageC.clear();
        Fused.combine(out, count, n, bias, c, cOff, into == Into.ADD);
    }

    private static FloatBuffer stage(FloatBuffer buf, float[] src, int off, int count) {
        FloatBuffer b = ensure(buf, count);
        b.clear();
        b.put(src, off, count);
        b.clear();
        return b;
    }

    private static FloatBuffer ensure(FloatBuffer buf, int count) {
        return buf.capacity() >= count ? buf : allocate(Math.max(count, buf.capacity() * 3 / 2));
    }

    static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(Math.max(1, floats) * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
