package org.backbeat.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with Magenta's gradient clipping on plain arrays, for the hand-derived engine: the same
 * update as ND4J's {@code AdamUpdater} that {@link ClippedAdam} applies for the SameDiff engine
 * (beta1 0.9, beta2 0.999, epsilon 1e-8, bias correction folded into the step size), so that the
 * two engines train alike and a checkpoint's moments mean the same to both.
 */
final class Adam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    /** The learning rate by step. */
    @FunctionalInterface
    interface Schedule {
        double at(long step);
    }

    private final Schedule lr;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private double lastNorm = Double.NaN;

    Adam(Map<String, float[]> params, Schedule lr) {
        this.lr = lr;
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            m.put(e.getKey(), new float[e.getValue().length]);
            v.put(e.getKey(), new float[e.getValue().length]);
        }
    }

    float[] m(String name) {
        return m.get(name);
    }

    float[] v(String name) {
        return v.get(name);
    }

    double lastGradientNorm() {
        return lastNorm;
    }

    /**
     * Clips {@code grads} (in place) to global norm {@link ClippedAdam#CLIP_NORM}, zeroing a step whose
     * norm is not finite or reaches {@link ClippedAdam#CLIP_TO_ZERO} (MusicVAE's
     * {@code grad_norm_clip_to_zero}), then updates {@code params} in place.
     */
    void apply(Map<String, float[]> params, Map<String, float[]> grads, long step) {
        double sumSq = 0;
        for (float[] g : grads.values()) {
            double s = 0;
            for (float x : g) {
                s += (double) x * x;
            }
            sumSq += s;
        }
        double norm = Math.sqrt(sumSq);
        lastNorm = norm;
        boolean zero = !(norm < ClippedAdam.CLIP_TO_ZERO);
        double scale = zero ? 0 : norm > ClippedAdam.CLIP_NORM ? ClippedAdam.CLIP_NORM / norm : 1;
        double rate = lr.at(step);
        double b1t = Math.pow(BETA1, step + 1);
        double b2t = Math.pow(BETA2, step + 1);
        double alpha = rate * Math.sqrt(1 - b2t) / (1 - b1t);
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            float[] p = e.getValue();
            float[] g = grads.get(e.getKey());
            float[] mm = m.get(e.getKey());
            float[] vv = v.get(e.getKey());
            for (int i = 0; i < p.length; i++) {
                float gi = (float) (g[i] * scale);
                float mi = (float) (BETA1 * mm[i] + (1 - BETA1) * gi);
                float vi = (float) (BETA2 * vv[i] + (1 - BETA2) * gi * gi);
                mm[i] = mi;
                vv[i] = vi;
                p[i] -= (float) (alpha * mi / (Math.sqrt(vi) + EPSILON));
            }
        }
    }
}
