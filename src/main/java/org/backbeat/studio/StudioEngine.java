package org.backbeat.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.groove.Groove;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.Latent;
import org.backbeat.model.LatentDirection;

/**
 * What the studio asks of the model, in musician's terms: a new groove, the point between two
 * grooves, a blend of four, a groove steered along latent directions. No JavaFX: the controller
 * calls this on a worker thread and only shows the results.
 *
 * <p>Interpolation ends are the grooves themselves, not their reconstructions: a musician who
 * drags the slider to B expects to hear B. Points strictly between are decoded at temperature 0,
 * so the same slider position always gives the same groove.
 */
public final class StudioEngine {

    private final GrooveModel model;
    private volatile double lastDecodeMillis = Double.NaN;

    public StudioEngine(GrooveModel model) {
        this.model = model;
    }

    public GrooveModel model() {
        return model;
    }

    /** Wall time of the most recent model call, for the status line. */
    public double lastDecodeMillis() {
        return lastDecodeMillis;
    }

    /**
     * Most hits a generated groove may have before it is drawn again. A drum groove of 4 bars in the
     * Groove MIDI Dataset rarely has more than ~150 hits; a decoder that starts hitting every cell
     * feeds those hits back and stays there. An under-trained model does that for some z ~ N(0, I)
     * (2 in 1,000 for an earlier CPU-trained model, more for less trained ones), so the studio
     * redraws z rather than play a wall of noise.
     */
    public static final int MAX_PLAUSIBLE_HITS = 256;
    /** Fewest hits of a generated groove: an empty bar pattern is not a groove to start from. */
    public static final int MIN_PLAUSIBLE_HITS = 4;
    private static final int MAX_DRAWS = 8;

    /** A new groove from z ~ N(0, I), sampled at {@code temperature}, at tempo {@code qpm}. */
    public StudioGroove generate(double temperature, long seed, double qpm) {
        SplittableRandom r = new SplittableRandom(seed);
        Groove g = null;
        float[] z = null;
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            z = new float[model.zSize()];
            for (int k = 0; k < z.length; k++) {
                z[k] = (float) r.nextGaussian();
            }
            g = decode(z, temperature, r.nextLong(), qpm);
            if (g.hitCount() >= MIN_PLAUSIBLE_HITS && g.hitCount() <= MAX_PLAUSIBLE_HITS) {
                break;
            }
        }
        return new StudioGroove(g, "generated · t " + String.format("%.1f", temperature), z);
    }

    /**
     * Runs what the studio runs (decode at temperature 0 and 1, encode) a few times, so that the
     * JIT has compiled it before a musician's first click: the first decode in a fresh JVM takes
     * ~0.5 s in the interpreter, a compiled one a few ms.
     */
    public void warmUp() {
        for (int i = 0; i < 4; i++) {
            StudioGroove g = generate(1.0, i, Groove.DEFAULT_QPM);
            decode(g.z(), 0, i, Groove.DEFAULT_QPM);
            zOf(new StudioGroove(g.groove(), "warm-up", null));
        }
    }

    /** The groove's point in z: its own when known, else the encoder's posterior mean. */
    public float[] zOf(StudioGroove g) {
        if (g.z() != null) {
            return g.z();
        }
        long t0 = System.nanoTime();
        float[] z = model.encode(g.groove()).mean();
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        return z;
    }

    /** The same groove with its z filled in (encoding it when needed). */
    public StudioGroove withZ(StudioGroove g) {
        return g.z() != null ? g : new StudioGroove(g.groove(), g.label(), zOf(g));
    }

    /** The groove at {@code t} in [0, 1] between {@code a} and {@code b}. */
    public Groove between(StudioGroove a, StudioGroove b, double t, Interpolation mode) {
        if (t <= 0) {
            return a.groove();
        }
        if (t >= 1) {
            return b.groove();
        }
        float[] z = Latent.interpolate(zOf(a), zOf(b), t, mode);
        double qpm = a.groove().qpm() + (b.groove().qpm() - a.groove().qpm()) * t;
        return decode(z, 0, 0, qpm);
    }

    /** The blend pad: four corners (top-left, top-right, bottom-left, bottom-right) at (x, y). */
    public Groove blend(List<StudioGroove> corners, double x, double y, double qpm) {
        double[] w = Blend.cornerWeights(x, y);
        for (int c = 0; c < 4; c++) {
            if (w[c] > 1 - 1e-9) {
                return corners.get(c).groove().withQpm(qpm);
            }
        }
        List<float[]> zs = new ArrayList<>(4);
        for (StudioGroove g : corners) {
            zs.add(zOf(g));
        }
        return decode(Blend.blend(zs, x, y), 0, 0, qpm);
    }

    /** {@code base} moved along the model's latent directions by the slider values in [-1, 1]. */
    public Groove steer(StudioGroove base, double[] values) {
        boolean allZero = true;
        for (double v : values) {
            allZero &= v == 0;
        }
        if (allZero) {
            return base.groove();
        }
        List<LatentDirection> dirs = model.directions();
        return decode(Blend.steer(zOf(base), dirs, values), 0, 0, base.groove().qpm());
    }

    private Groove decode(float[] z, double temperature, long seed, double qpm) {
        long t0 = System.nanoTime();
        Groove g = model.decode(List.of(z), temperature, seed, qpm).get(0);
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        return g;
    }
}
