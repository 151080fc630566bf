package org.backbeat.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

    /**
     * The cell on whole vectors, ~7x faster than the scalar cell's libm calls (4.6 against 34 us for
     * 512 units on one core), which took a sixth of a batch-1 decode. exp is computed here from
     * IEEE additions, multiplications and fmas ({@link #exp}), not with the Vector API's own EXP and
     * TANH: those run Intel's SVML once C2 has compiled the caller and Java's StrictMath before,
     * so the same call would change its last bits as the JIT warms up. Within 2e-7 of the scalar
     * cell. A last partial vector runs masked through the same operations, so no unit's result
     * depends on where it sits.
     */
    @Override
    void cell(float[] gates, int gOff, int width, float[] c, int cOff, float[] h, int hOff) {
        int lanes = S.length();
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j + lanes <= width; j += lanes) {
            FloatVector i = sigmoid(one, FloatVector.fromArray(S, gates, gOff + j));
            FloatVector f = sigmoid(one, FloatVector.fromArray(S, gates, gOff + width + j));
            FloatVector g = tanh(one, FloatVector.fromArray(S, gates, gOff + 2 * width + j));
            FloatVector o = sigmoid(one, FloatVector.fromArray(S, gates, gOff + 3 * width + j));
            FloatVector cn = f.mul(FloatVector.fromArray(S, c, cOff + j)).add(i.mul(g));
            cn.intoArray(c, cOff + j);
            o.mul(tanh(one, cn)).intoArray(h, hOff + j);
        }
        if (j < width) {
            VectorMask<Float> m = S.indexInRange(j, width);
            FloatVector i = sigmoid(one, FloatVector.fromArray(S, gates, gOff + j, m));
            FloatVector f = sigmoid(one, FloatVector.fromArray(S, gates, gOff + width + j, m));
            FloatVector g = tanh(one, FloatVector.fromArray(S, gates, gOff + 2 * width + j, m));
            FloatVector o = sigmoid(one, FloatVector.fromArray(S, gates, gOff + 3 * width + j, m));
            FloatVector cn = f.mul(FloatVector.fromArray(S, c, cOff + j, m)).add(i.mul(g));
            cn.intoArray(c, cOff + j, m);
            o.mul(tanh(one, cn)).intoArray(h, hOff + j, m);
        }
    }

    private static FloatVector sigmoid(FloatVector one, FloatVector x) {
        return one.div(one.add(exp(x.neg())));
    }

    /** 1 - 2 / (e^2x + 1): exact at the limits (±1), within 1e-7 of tanh near 0. */
    private static FloatVector tanh(FloatVector one, FloatVector x) {
        return one.sub(FloatVector.broadcast(S, 2f).div(exp(x.add(x)).add(one)));
    }

    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;

    /**
     * e^x for x clamped to [-87, 88] (normal results, no overflow): x = n ln2 + r with n an integer
     * and |r| <= ln2 / 2, e^r by Cephes's degree-6 polynomial for expf, 2^n made in the exponent
     * bits. Relative error below 1e-7 (8e-8 measured over [-80, 80]).
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.fma(1.44269504088896341f, ROUNDER); // log2(e) x, rounded, in t's low bits
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -0.693359375f), x); // ln2 in two parts (Cody-Waite)
        r = n.fma(FloatVector.broadcast(S, 2.12194440e-4f), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        p = p.fma(r.mul(r), r).add(1f);
        // (n + 127) << 23 is the float 2^n; t's low bits hold n plus 2^22, which the shift drops
        IntVector twoToN = t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(twoToN.reinterpretAsFloats());
    }

    @Override
    int columnAlignment() {
        return S.length();
    }

    @Override
    String name() {
        return "Java Vector API, " + S.vectorBitSize() + "-bit";
    }
}
