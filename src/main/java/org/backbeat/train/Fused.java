package org.backbeat.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise work of the training engine, fused: one pass over the four gates of a step for
 * the LSTM cell forward, one for its backward, on the Java Vector API (whose exp and tanh are
 * vector intrinsics: ~1 ns an element where {@code Math.exp} takes ~15). Gate blocks per row are
 * [i | f | g | o], each {@code hidden} wide (docs/model.md).
 */
final class Fused {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Fused() {
    }

    /** {@code c[i] = (add ? c[i] : 0) + out[i] + bias[i mod n]} for i in [0, count). */
    static void combine(float[] out, int count, int n, float[] bias, float[] c, int cOff, boolean add) {
        for (int r = 0; r < count; r += n) {
            int j = 0;
            for (; j < S.loopBound(n); j += L) {
                FloatVector v = FloatVector.fromArray(S, out, r + j);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, j));
                }
                if (add) {
                    v = v.add(FloatVector.fromArray(S, c, cOff + r + j));
                }
                v.intoArray(c, cOff + r + j);
            }
            for (; j < n; j++) {
                float v = out[r + j] + (bias != null ? bias[j] : 0f);
                c[cOff + r + j] = add ? c[cOff + r + j] + v : v;
            }
        }
    }

    /**
     * One LSTM step for {@code batch} rows. {@code gates} holds x·Wx (+ b) at {@code gOff} and receives
     * the activated gates; {@code rec} (h·Wr, at 0) and {@code add} (a per-row term such as the
     * decoder's conditioning, at {@code addOff}) may be null. {@code cPrev} null = zero state.
     */
    static void lstmForward(int batch, int hidden, float[] gates, int gOff, float[] rec, float[] add, int addOff,
                            float[] cPrev, int cPrevOff, float[] c, float[] tc, float[] h, int sOff) {
        int g4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int r = 0; r < batch; r++) {
            int gb = gOff + r * g4;
            int rb = r * g4;
            int ab = addOff + r * g4;
            int cp = cPrevOff + r * hidden;
            int so = sOff + r * hidden;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector ai = FloatVector.fromArray(S, gates, gb + j);
                FloatVector af = FloatVector.fromArray(S, gates, gb + hidden + j);
                FloatVector ag = FloatVector.fromArray(S, gates, gb + 2 * hidden + j);
                FloatVector ao = FloatVector.fromArray(S, gates, gb + 3 * hidden + j);
                if (rec != null) {
                    ai = ai.add(FloatVector.fromArray(S, rec, rb + j));
                    af = af.add(FloatVector.fromArray(S, rec, rb + hidden + j));
                    ag = ag.add(FloatVector.fromArray(S, rec, rb + 2 * hidden + j));
                    ao = ao.add(FloatVector.fromArray(S, rec, rb + 3 * hidden + j));
                }
                if (add != null) {
                    ai = ai.add(FloatVector.fromArray(S, add, ab + j));
                    af = af.add(FloatVector.fromArray(S, add, ab + hidden + j));
                    ag = ag.add(FloatVector.fromArray(S, add, ab + 2 * hidden + j));
                    ao = ao.add(FloatVector.fromArray(S, add, ab + 3 * hidden + j));
                }
                FloatVector i = sigmoid(ai, one);
                FloatVector f = sigmoid(af, one);
                FloatVector g = ag.lanewise(VectorOperators.TANH);
                FloatVector o = sigmoid(ao, one);
                FloatVector cn = i.mul(g);
                if (cPrev != null) {
                    cn = f.fma(FloatVector.fromArray(S, cPrev, cp + j), cn);
                }
                FloatVector t = cn.lanewise(VectorOperators.TANH);
                i.intoArray(gates, gb + j);
                f.intoArray(gates, gb + hidden + j);
                g.intoArray(gates, gb + 2 * hidden + j);
                o.intoArray(gates, gb + 3 * hidden + j);
                cn.intoArray(c, so + j);
                t.intoArray(tc, so + j);
                o.mul(t).intoArray(h, so + j);
            }
            for (; j < hidden; j++) {
                float ai = gates[gb + j];
                float af = gates[gb + hidden + j];
                float ag = gates[gb + 2 * hidden + j];
                float ao = gates[gb + 3 * hidden + j];
                if (rec != null) {
                    ai += rec[rb + j];
                    af += rec[rb + hidden + j];
                    ag += rec[rb + 2 * hidden + j];
                    ao += rec[rb + 3 * hidden + j];
                }
                if (add != null) {
                    ai += add[ab + j];
                    af += add[ab + hidden + j];
                    ag += add[ab + 2 * hidden + j];
                    ao += add[ab + 3 * hidden + j];
                }
                float i = sigmoid(ai);
                float f = sigmoid(af);
                float g = (float) Math.tanh(ag);
                float o = sigmoid(ao);
                float cn = i * g + (cPrev != null ? f * cPrev[cp + j] : 0f);
                float t = (float) Math.tanh(cn);
                gates[gb + j] = i;
                gates[gb + hidden + j] = f;
                gates[gb + 2 * hidden + j] = g;
                gates[gb + 3 * hidden + j] = o;
                c[so + j] = cn;
                tc[so + j] = t;
                h[so + j] = o * t;
            }
        }
    }

    /**
     * The backward of {@link #lstmForward} for one step: from the gradient into h (the layer above's
     * {@code dhOut} plus the next step's {@code dhRec}, either may be null) and into c
     * ({@code dc}, carried from the next step, replaced by the gradient into the previous step's c),
     * the gradients of the pre-activation gates overwrite the activations in {@code gates}.
     */
    static void lstmBackward(int batch, int hidden, float[] gates, int gOff, float[] dhOut, int dhOff, float[] dhRec,
                             float[] dc, float[] cPrev, int cPrevOff, float[] tc, int sOff) {
        int g4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0; r < batch; r++) {
            int gb = gOff + r * g4;
            int hb = r * hidden;
            int cp = cPrevOff + r * hidden;
            int so = sOff + r * hidden;
            int dh0 = dhOff + r * hidden;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector dh = dhOut != null ? FloatVector.fromArray(S, dhOut, dh0 + j) : zero;
                if (dhRec != null) {
                    dh = dh.add(FloatVector.fromArray(S, dhRec, hb + j));
                }
                FloatVector i = FloatVector.fromArray(S, gates, gb + j);
                FloatVector f = FloatVector.fromArray(S, gates, gb + hidden + j);
                FloatVector g = FloatVector.fromArray(S, gates, gb + 2 * hidden + j);
                FloatVector o = FloatVector.fromArray(S, gates, gb + 3 * hidden + j);
                FloatVector t = FloatVector.fromArray(S, tc, so + j);
                FloatVector dO = dh.mul(t);
                FloatVector dcv = dh.mul(o).mul(one.sub(t.mul(t))).add(FloatVector.fromArray(S, dc, hb + j));
                FloatVector cpv = cPrev != null ? FloatVector.fromArray(S, cPrev, cp + j) : zero;
                dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(gates, gb + j);
                dcv.mul(cpv).mul(f).mul(one.sub(f)).intoArray(gates, gb + hidden + j);
                dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(gates, gb + 2 * hidden + j);
                dO.mul(o).mul(one.sub(o)).intoArray(gates, gb + 3 * hidden + j);
                dcv.mul(f).intoArray(dc, hb + j);
            }
            for (; j < hidden; j++) {
                float dh = (dhOut != null ? dhOut[dh0 + j] : 0f) + (dhRec != null ? dhRec[hb + j] : 0f);
                float i = gates[gb + j];
                float f = gates[gb + hidden + j];
                float g = gates[gb + 2 * hidden + j];
                float o = gates[gb + 3 * hidden + j];
                float t = tc[so + j];
                float dO = dh * t;
                float dcv = dh * o * (1 - t * t) + dc[hb + j];
                float cpv = cPrev != null ? cPrev[cp + j] : 0f;
                gates[gb + j] = dcv * g * i * (1 - i);
                gates[gb + hidden + j] = dcv * cpv * f * (1 - f);
                gates[gb + 2 * hidden + j] = dcv * i * (1 - g * g);
                gates[gb + 3 * hidden + j] = dO * o * (1 - o);
                dc[hb + j] = dcv * f;
            }
        }
    }

    /** {@code out[j] += sum over rows of m[off + r * n + j]}: a bias gradient. */
    static void addColumnSums(float[] m, int off, int rows, int n, float[] out) {
        int bound = S.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int b = off + r * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, m, b + j)).intoArray(out, j);
            }
            for (; j < n; j++) {
                out[j] += m[b + j];
            }
        }
    }

    /** {@code dst[dOff + i] += src[sOff + i]} for i in [0, count). */
    static void addInto(float[] src, int sOff, float[] dst, int dOff, int count) {
        int j = 0;
        for (; j < S.loopBound(count); j += L) {
            FloatVector.fromArray(S, src, sOff + j).add(FloatVector.fromArray(S, dst, dOff + j)).intoArray(dst, dOff + j);
        }
        for (; j < count; j++) {
            dst[dOff + j] += src[sOff + j];
        }
    }

    /** tanh in place over [off, off + count). */
    static void tanh(float[] a, int off, int count) {
        int j = 0;
        for (; j < S.loopBound(count); j += L) {
            FloatVector.fromArray(S, a, off + j).lanewise(VectorOperators.TANH).intoArray(a, off + j);
        }
        for (; j < count; j++) {
            a[off + j] = (float) Math.tanh(a[off + j]);
        }
    }

    private static FloatVector sigmoid(FloatVector x, FloatVector one) {
        return one.div(x.neg().lanewise(VectorOperators.EXP).add(one));
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
