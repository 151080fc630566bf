package org.backbeat.studio;

import java.util.List;
import org.backbeat.model.Latent;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.Sampling;

/** The latent arithmetic behind the blend pad and the latent sliders, free of any UI. */
public final class Blend {

    /** How far a latent slider at its end moves z, in standard deviations of the data along it. */
    public static final double SLIDER_RANGE_SIGMAS = 2.0;

    private Blend() {
    }

    /**
     * Bilinear weights of the pad's four corners for a puck at ({@code x}, {@code y}) in [0, 1]^2,
     * x to the right and y downwards, in the order top-left, top-right, bottom-left, bottom-right.
     * The weights are non-negative and sum to 1; at a corner that corner's weight is 1.
     */
    public static double[] cornerWeights(double x, double y) {
        double u = clamp01(x);
        double v = clamp01(y);
        return new double[] {(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v};
    }

    /**
     * Blends the corners' z with bilinear weights, then rescales the result to the weighted mean
     * of the corners' norms. A plain weighted average pulls the centre of the pad towards z = 0,
     * where a VAE's decoder produces bland, near-empty grooves (the reason MusicVAE interpolates
     * with slerp); keeping the norm keeps every point of the pad as lively as its corners.
     */
    public static float[] blend(List<float[]> corners, double x, double y) {
        if (corners.size() != 4) {
            throw new IllegalArgumentException("the blend pad has 4 corners, got " + corners.size());
        }
        double[] w = cornerWeights(x, y);
        int n = corners.get(0).length;
        float[] z = new float[n];
        double targetNorm = 0;
        for (int c = 0; c < 4; c++) {
            float[] zc = corners.get(c);
            if (zc.length != n) {
                throw new IllegalArgumentException("corner z sizes differ");
            }
            targetNorm += w[c] * Latent.norm(zc);
            for (int k = 0; k < n; k++) {
                z[k] += (float) (w[c] * zc[k]);
            }
        }
        double norm = Latent.norm(z);
        if (norm > 1e-6) {
            float s = (float) (targetNorm / norm);
            for (int k = 0; k < n; k++) {
                z[k] *= s;
            }
        }
        return z;
    }

    /**
     * Moves {@code base} along each direction by its slider value in [-1, 1], where 1 means
     * {@link #SLIDER_RANGE_SIGMAS} standard deviations of the training data along that direction.
     */
    public static float[] steer(float[] base, List<LatentDirection> directions, double[] values) {
        if (values.length != directions.size()) {
            throw new IllegalArgumentException(values.length + " slider values for " + directions.size()
                + " directions");
        }
        float[] z = base.clone();
        for (int i = 0; i < values.length; i++) {
            LatentDirection d = directions.get(i);
            double len = Latent.norm(d.vector());
            if (values[i] == 0 || len < 1e-12) {
                continue;
            }
            z = Latent.add(z, d.vector(), clamp(values[i], -1, 1) * SLIDER_RANGE_SIGMAS * d.scale() / len);
        }
        return z;
    }

    /**
     * The sampling of a point between grooves, from theirs and the weights of their z: the
     * temperature is the weighted mean; each draw is mixed in normal space with the squared
     * weights {@code v_i = w_i²}, {@code u = Φ(Σ v_i Φ⁻¹(u_i) / sqrt(Σ v_i²))}, so every draw
     * stays uniform, moves continuously with the weights and is a groove's own where its weight is
     * 1. Squaring keeps the draws near a groove almost its own (at 1 % towards another groove they
     * move by ~1e-4, not ~1e-2): most of a small move's changes then come from the move in z, not
     * from new dice. Greedy grooves (opened, edited) add their weight to the temperature only.
     */
    public static Sampling mix(List<Sampling> samplings, double[] weights) {
        if (samplings.size() != weights.length) {
            throw new IllegalArgumentException(samplings.size() + " samplings for " + weights.length + " weights");
        }
        double temperature = 0;
        double sumSq = 0;
        for (int i = 0; i < weights.length; i++) {
            temperature += weights[i] * samplings.get(i).temperature();
            if (!samplings.get(i).isGreedy()) {
                sumSq += Math.pow(weights[i], 4);
            }
        }
        if (temperature <= 0 || sumSq <= 0) {
            return Sampling.greedy();
        }
        double norm = Math.sqrt(sumSq);
        double[] u = new double[Sampling.DRAWS];
        for (int k = 0; k < u.length; k++) {
            int step = k / org.backbeat.groove.Groove.CLASSES;
            int cls = k % org.backbeat.groove.Groove.CLASSES;
            double n = 0;
            for (int i = 0; i < weights.length; i++) {
                Sampling s = samplings.get(i);
                if (!s.isGreedy() && weights[i] != 0) {
                    n += weights[i] * weights[i] * Gaussian.quantile(s.draw(step, cls));
                }
            }
            u[k] = Gaussian.cdf(n / norm);
        }
        return new Sampling(temperature, u);
    }

    static double clamp01(double v) {
        return clamp(v, 0, 1);
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
