package org.backbeat.model;

/** Small vector math on z: interpolation and norms. */
public final class Latent {

    private Latent() {
    }

    /** Point {@code t} in [0, 1] between a and b, spherical or linear. */
    public static float[] interpolate(float[] a, float[] b, double t, Interpolation mode) {
        return mode == Interpolation.SPHERICAL ? slerp(a, b, t) : lerp(a, b, t);
    }

    public static float[] lerp(float[] a, float[] b, double t) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] + t * (b[i] - a[i]));
        }
        return out;
    }

    /**
     * Spherical interpolation as in MusicVAE's {@code slerp}: moves along the great circle through
     * a and b (scaled by the interpolated norms), so intermediate points keep the norm of typical
     * N(0, I) samples instead of shrinking toward the origin, where the decoder produces mush.
     */
    public static float[] slerp(float[] a, float[] b, double t) {
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] / na * (b[i] / nb);
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot)));
        double so = Math.sin(omega);
        if (so < 1e-6) {
            return lerp(a, b, t);
        }
        double wa = Math.sin((1 - t) * omega) / so;
        double wb = Math.sin(t * omega) / so;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (wa * a[i] + wb * b[i]);
        }
        return out;
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** {@code a + s * d}. */
    public static float[] add(float[] a, float[] d, double s) {
        float[] out = a.clone();
        for (int i = 0; i < a.length; i++) {
            out[i] += (float) (s * d[i]);
        }
        return out;
    }
}
