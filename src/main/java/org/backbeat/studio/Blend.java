package org.backbeat.studio;

import java.util.List;
import org.backbeat.model.Latent;
import org.backbeat.model.LatentDirection;

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

    static double clamp01(double v) {
        return clamp(v, 0, 1);
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
