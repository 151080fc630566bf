package org.backbeat.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link Kernels} on the Java Vector API: fused multiply-add over the widest float lanes. */
final class VectorKernels extends Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    void matmulAdd(float[] x, int xOff, int xStride, int batch, int kCount, float[] w, int n,
                   float[] y, int yOff, int yStride) {
        int lanes = S.length();
        int bound = S.loopBound(n);
        // four k rows per pass: each y chunk is loaded and stored once per four weight rows
        int k = 0;
        for (; k + 3 < kCount; k += 4) {
            int w0 = k * n;
            int w1 = w0 + n;
            int w2 = w1 + n;
            int w3 = w2 + n;
            int b = 0;
            // Two batch rows per pass share the four weight loads: 8 memory operations per 8 FMAs
            // instead of 12, which is what batched decodes (interpolate, sample(5)) are bound by.
            for (; b + 1 < batch; b += 2) {
                int xi = xOff + b * xStride + k;
                int xj = xi + xStride;
                float a0 = x[xi];
                float a1 = x[xi + 1];
                float a2 = x[xi + 2];
                float a3 = x[xi + 3];
                float c0 = x[xj];
                float c1 = x[xj + 1];
                float c2 = x[xj + 2];
                float c3 = x[xj + 3];
                boolean zeroA = a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f;
                boolean zeroC = c0 == 0f && c1 == 0f && c2 == 0f && c3 == 0f;
                // A row whose four inputs are zero is skipped exactly as when it is alone: every
                // row's arithmetic is then the same whichever rows share the call (threads split
                // batches by rows and promise the same result for any split).
                if (zeroA || zeroC) {
                    if (!zeroA) {
                        row4(a0, a1, a2, a3, w, w0, n, y, yOff + b * yStride);
                    } else if (!zeroC) {
                        row4(c0, c1, c2, c3, w, w0, n, y, yOff + (b + 1) * yStride);
                    }
                    continue;
                }
                FloatVector v0 = FloatVector.broadcast(S, a0);
                FloatVector v1 = FloatVector.broadcast(S, a1);
                FloatVector v2 = FloatVector.broadcast(S, a2);
                FloatVector v3 = FloatVector.broadcast(S, a3);
                FloatVector u0 = FloatVector.broadcast(S, c0);
                FloatVector u1 = FloatVector.broadcast(S, c1);
                FloatVector u2 = FloatVector.broadcast(S, c2);
                FloatVector u3 = FloatVector.broadcast(S, c3);
                int yRow = yOff + b * yStride;
                int yRow2 = yRow + yStride;
                int j = 0;
                for (; j < bound; j += lanes) {
                    FloatVector q0 = FloatVector.fromArray(S, w, w0 + j);
                    FloatVector q1 = FloatVector.fromArray(S, w, w1 + j);
                    FloatVector q2 = FloatVector.fromArray(S, w, w2 + j);
                    FloatVector q3 = FloatVector.fromArray(S, w, w3 + j);
                    FloatVector acc = FloatVector.fromArray(S, y, yRow + j);
                    acc = q0.fma(v0, acc);
                    acc = q1.fma(v1, acc);
                    acc = q2.fma(v2, acc);
                    acc = q3.fma(v3, acc);
                    acc.intoArray(y, yRow + j);
                    FloatVector acd = FloatVector.fromArray(S, y, yRow2 + j);
                    acd = q0.fma(u0, acd);
                    acd = q1.fma(u1, acd);
                    acd = q2.fma(u2, acd);
                    acd = q3.fma(u3, acd);
                    acd.intoArray(y, yRow2 + j);
                }
                for (; j < n; j++) {
                    y[yRow + j] += a0 * w[w0 + j] + a1 * w[w1 + j] + a2 * w[w2 + j] + a3 * w[w3 + j];
                    y[yRow2 + j] += c0 * w[w0 + j] + c1 * w[w1 + j] + c2 * w[w2 + j] + c3 * w[w3 + j];
                }
            }
            for (; b < batch; b++) {
                int xi = xOff + b * xStride + k;
                float a0 = x[xi];
                float a1 = x[xi + 1];
                float a2 = x[xi + 2];
                float a3 = x[xi + 3];
                if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
                    continue;
                }
                row4(a0, a1, a2, a3, w, w0, n, y, yOff + b * yStride);
            }
        }
        for (; k < kCount; k++) {
            int w0 = k * n;
            for (int b = 0; b < batch; b++) {
                float a0 = x[xOff + b * xStride + k];
                if (a0 == 0f) {
                    continue;
                }
                FloatVector v0 = FloatVector.broadcast(S, a0);
                int yRow = yOff + b * yStride;
                int j = 0;
                for (; j < bound; j += lanes) {
                    FloatVector.fromArray(S, w, w0 + j).fma(v0, FloatVector.fromArray(S, y, yRow + j)).intoArray(y, yRow + j);
                }
                for (; j < n; j++) {
                    y[yRow + j] += a0 * w[w0 + j];
                }
            }
        }
    }

    /**
     * Four batch rows per pass with their accumulators (4 rows × 2 vectors) held in registers across
     * all of k, over W packed in panels of 2 vectors' width (each panel's k rows contiguous): W is
     * streamed once per four rows instead of once per two, and y is loaded and stored once per
     * product. Used for runs of four rows with no zero block (a block of four inputs that are all
     * zero, or a zero among the last kCount % 4), where the plain pass skips nothing: both then do
     * the same fmas in the same order, so every row's bits are the same as on the plain pass.
     * The dense rows left over take a one-row pass on the panels; rows with a zero block, widths
     * that are not a multiple of the panel, and batches under four (single decodes) the plain pass.
     */
    @Override
    void matmulAdd(float[] x, int xOff, int xStride, int batch, Weights w, float[] y, int yOff, int yStride) {
        int panel = 2 * S.length();
        if (batch < 4 || w.n % panel != 0) {
            matmulAdd(x, xOff, xStride, batch, w.k, w.rows, w.n, y, yOff, yStride);
            return;
        }
        float[] panels = panels(w, panel);
        int kCount = w.k;
        int n = w.n;
        // dense rows in groups of four, then the dense rest one by one, all on the panels (one copy
        // of W streamed per call: the 4 MB encoder-sized matrices ran 2x slower when the rest took
        // the row-major copy as well); rows with a zero block take the plain pass
        int[] rest = new int[batch];
        int rests = 0;
        int b = 0;
        while (b < batch) {
            if (b + 3 < batch && dense(x, xOff + b * xStride, kCount) && dense(x, xOff + (b + 1) * xStride, kCount)
                && dense(x, xOff + (b + 2) * xStride, kCount) && dense(x, xOff + (b + 3) * xStride, kCount)) {
                quad(x, xOff + b * xStride, xStride, kCount, panels, n, y, yOff + b * yStride, yStride);
                b += 4;
            } else {
                rest[rests++] = b++;
            }
        }
        for (int i = 0; i < rests; i++) {
            int row = rest[i];
            if (dense(x, xOff + row * xStride, kCount)) {
                single(x, xOff + row * xStride, kCount, panels, n, y, yOff + row * yStride);
            } else {
                matmulAdd(x, xOff + row * xStride, xStride, 1, kCount, w.rows, n, y, yOff + row * yStride, yStride);
            }
        }
    }

    /** One dense row on the panels: the same fmas in the same order as {@link #quad}'s rows. */
    private static void single(float[] x, int x0, int kCount, float[] panels, int n, float[] y, int y0) {
        int lanes = S.length();
        int panel = 2 * lanes;
        for (int j = 0; j < n; j += panel) {
            FloatVector p0 = FloatVector.fromArray(S, y, y0 + j);
            FloatVector p1 = FloatVector.fromArray(S, y, y0 + j + lanes);
            for (int k = 0, wk = j * kCount; k < kCount; k++, wk += panel) {
                FloatVector a = FloatVector.broadcast(S, x[x0 + k]);
                p0 = FloatVector.fromArray(S, panels, wk).fma(a, p0);
                p1 = FloatVector.fromArray(S, panels, wk + lanes).fma(a, p1);
            }
            p0.intoArray(y, y0 + j);
            p1.intoArray(y, y0 + j + lanes);
        }
    }

    /** True when the plain pass would skip nothing of this row. */
    private static boolean dense(float[] x, int at, int kCount) {
        int k = 0;
        for (; k + 3 < kCount; k += 4) {
            if (x[at + k] == 0f && x[at + k + 1] == 0f && x[at + k + 2] == 0f && x[at + k + 3] == 0f) {
                return false;
            }
        }
        for (; k < kCount; k++) {
            if (x[at + k] == 0f) {
                return false;
            }
        }
        return true;
    }

    private static float[] panels(Weights w, int panel) {
        float[] p = w.panels;
        if (p == null) {
            p = new float[w.k * w.n];
            for (int j = 0; j < w.n; j += panel) {
                for (int k = 0; k < w.k; k++) {
                    System.arraycopy(w.rows, k * w.n + j, p, j * w.k + k * panel, panel);
                }
            }
            w.panels = p; // two threads may both pack: same values, either copy serves
        }
        return p;
    }

    private static void quad(float[] x, int x0, int xStride, int kCount, float[] panels, int n, float[] y, int y0,
                             int yStride) {
        int lanes = S.length();
        int panel = 2 * lanes;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int y1 = y0 + yStride;
        int y2 = y1 + yStride;
        int y3 = y2 + yStride;
        for (int j = 0; j < n; j += panel) {
            FloatVector p0 = FloatVector.fromArray(S, y, y0 + j);
            FloatVector p1 = FloatVector.fromArray(S, y, y0 + j + lanes);
            FloatVector q0 = FloatVector.fromArray(S, y, y1 + j);
            FloatVector q1 = FloatVector.fromArray(S, y, y1 + j + lanes);
            FloatVector r0 = FloatVector.fromArray(S, y, y2 + j);
            FloatVector r1 = FloatVector.fromArray(S, y, y2 + j + lanes);
            FloatVector s0 = FloatVector.fromArray(S, y, y3 + j);
            FloatVector s1 = FloatVector.fromArray(S, y, y3 + j + lanes);
            for (int k = 0, wk = j * kCount; k < kCount; k++, wk += panel) {
                FloatVector wa = FloatVector.fromArray(S, panels, wk);
                FloatVector wb = FloatVector.fromArray(S, panels, wk + lanes);
                FloatVector a = FloatVector.broadcast(S, x[x0 + k]);
                p0 = wa.fma(a, p0);
                p1 = wb.fma(a, p1);
                a = FloatVector.broadcast(S, x[x1 + k]);
                q0 = wa.fma(a, q0);
                q1 = wb.fma(a, q1);
                a = FloatVector.broadcast(S, x[x2 + k]);
                r0 = wa.fma(a, r0);
                r1 = wb.fma(a, r1);
                a = FloatVector.broadcast(S, x[x3 + k]);
                s0 = wa.fma(a, s0);
                s1 = wb.fma(a, s1);
            }
            p0.intoArray(y, y0 + j);
            p1.intoArray(y, y0 + j + lanes);
            q0.intoArray(y, y1 + j);
            q1.intoArray(y, y1 + j + lanes);
            r0.intoArray(y, y2 + j);
            r1.intoArray(y, y2 + j + lanes);
            s0.intoArray(y, y3 + j);
            s1.intoArray(y, y3 + j + lanes);
        }
    }

    /** One batch row, four weight rows from {@code w0}: the same operations, in the same order, as the two-row pass. */
    private static void row4(float a0, float a1, float a2, float a3, float[] w, int w0, int n, float[] y, int yRow) {
        int lanes = S.length();
        int bound = S.loopBound(n);
        int w1 = w0 + n;
        int w2 = w1 + n;
        int w3 = w2 + n;
        FloatVector v0 = FloatVector.broadcast(S, a0);
        FloatVector v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2);
        FloatVector v3 = FloatVector.broadcast(S, a3);
        int j = 0;
        for (; j < bound; j += lanes) {
            FloatVector acc = FloatVector.fromArray(S, y, yRow + j);
            acc = FloatVector.fromArray(S, w, w0 + j).fma(v0, acc);
            acc = FloatVector.fromArray(S, w, w1 + j).fma(v1, acc);
            acc = FloatVector.fromArray(S, w, w2 + j).fma(v2, acc);
            acc = FloatVector.fromArray(S, w, w3 + j).fma(v3, acc);
            acc.intoArray(y, yRow + j);
        }
        for (; j < n; j++) {
            y[yRow + j] += a0 * w[w0 + j] + a1 * w[w1 + j] + a2 * w[w2 + j] + a3 * w[w3 + j];
        }
    }

    @Override
    String name() {
        return "Java Vector API, " + S.vectorBitSize() + "-bit";
    }
}
