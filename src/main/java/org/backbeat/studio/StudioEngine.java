package org.backbeat.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.groove.Groove;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.Latent;
import org.backbeat.model.Decoded;
import org.backbeat.model.Guide;
import org.backbeat.model.Lock;
import org.backbeat.model.Sampling;

/**
 * What the studio asks of the model, in musician's terms: a new groove, the point between two
 * grooves, a blend of four, a groove steered along latent directions. No JavaFX: the controller
 * calls this on a worker thread and only shows the results.
 *
 * <p>Every latent tool starts from exactly the groove on the grid and moves continuously: a
 * generated groove keeps its z and its {@link Sampling} (temperature and uniform draws), and a
 * point near it is decoded with those same draws (mixed, for points between grooves, by
 * {@link Blend#mix}), so a small move changes only the few hits whose probability crossed its
 * draw. The ends are the grooves themselves, not their reconstructions: a musician who drags the
 * slider to B expects to hear B. A groove that was opened or edited has no z of its own; the
 * tools start from its encoding, decoded at temperature 0.
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
        return generate(1, temperature, seed, qpm, null).get(0);
    }

    /** Most grooves one Generate or Vary makes. */
    public static final int MAX_VARIATIONS = 8;

    /**
     * {@code count} (1-{@link #MAX_VARIATIONS}) new grooves from z ~ N(0, I) in one batched decode,
     * each keeping the cells of {@code lock} (null: none) exactly. A groove with implausibly few or
     * many hits is drawn again (those rows together, in one more batch).
     */
    public List<StudioGroove> generate(int count, double temperature, long seed, double qpm, Lock lock) {
        checkCount(count);
        SplittableRandom r = new SplittableRandom(seed);
        float[][] zs = new float[count][];
        Sampling[] samplings = new Sampling[count];
        Decoded[] out = new Decoded[count];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            todo.add(i);
        }
        for (int draw = 0; draw < MAX_DRAWS && !todo.isEmpty(); draw++) {
            for (int i : todo) {
                zs[i] = new float[model.zSize()];
                for (int k = 0; k < zs[i].length; k++) {
                    zs[i][k] = (float) r.nextGaussian();
                }
                samplings[i] = Sampling.seeded(temperature, r.nextLong());
            }
            List<Decoded> d = decode(todo.stream().map(i -> zs[i]).toList(),
                todo.stream().map(i -> samplings[i]).toList(), null, lock, qpm);
            List<Integer> again = new ArrayList<>();
            for (int j = 0; j < todo.size(); j++) {
                int i = todo.get(j);
                out[i] = d.get(j);
                int hits = out[i].groove().hitCount();
                if (hits < MIN_PLAUSIBLE_HITS || hits > MAX_PLAUSIBLE_HITS) {
                    again.add(i);
                }
            }
            todo = again;
        }
        String label = "generated · t " + String.format("%.2f", temperature) + (lock == null ? "" : " · locked");
        List<StudioGroove> grooves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            grooves.add(new StudioGroove(out[i].groove(), count == 1 ? label : label + " · " + (i + 1) + "/" + count,
                zs[i], samplings[i], out[i].inputs()));
        }
        return grooves;
    }

    /**
     * {@code count} grooves around {@code base}: its z (its own, else its encoding) mixed with
     * noise, {@code sqrt(1 - amount²) z + amount ε} with ε ~ N(0, I), so amount 0 is base's point
     * and amount 1 a fresh sample, decoded with base's own draws and, for small amounts, leaning on
     * base's inputs like the latent sliders do. One batched decode; {@code lock} (null: none)
     * keeps its cells exactly.
     */
    public List<StudioGroove> vary(StudioGroove base, int count, double amount, long seed, Lock lock) {
        checkCount(count);
        if (!(amount >= 0 && amount <= 1)) {
            throw new IllegalArgumentException("amount must be in [0, 1], got " + amount);
        }
        float[] z0 = zOf(base);
        Sampling s = samplingOf(base);
        float[] inputs = inputsOf(base);
        SplittableRandom r = new SplittableRandom(seed);
        double keep = Math.sqrt(1 - amount * amount);
        List<float[]> zs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] z = new float[z0.length];
            for (int k = 0; k < z.length; k++) {
                z[k] = (float) (keep * z0[k] + amount * r.nextGaussian());
            }
            zs.add(z);
        }
        Guide guide = new Guide(inputs, feedback(amount));
        List<Decoded> d = decode(zs, java.util.Collections.nCopies(count, s), guide, lock, base.groove().qpm());
        List<StudioGroove> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new StudioGroove(d.get(i).groove(), String.format("varied %.0f%% · %d/%d", amount * 100, i + 1, count),
                zs.get(i), s, d.get(i).inputs()));
        }
        return out;
    }

    /**
     * {@code base} with bar {@code bar} (0-3) played again: base's z with fresh draws at
     * {@code temperature}, every cell outside the bar and every lane in {@code lanes} (may be
     * null) kept exactly.
     */
    public StudioGroove rerollBar(StudioGroove base, int bar, double temperature, long seed, boolean[] lanes) {
        Lock lock = Lock.allBut(base.groove(), bar, lanes);
        float[] z = zOf(base);
        Sampling s = Sampling.seeded(temperature, seed);
        Decoded d = decode(List.of(z), List.of(s), null, lock, base.groove().qpm()).get(0);
        return new StudioGroove(d.groove(), "bar " + (bar + 1) + " re-rolled", z, s, d.inputs());
    }

    private static void checkCount(int count) {
        if (count < 1 || count > MAX_VARIATIONS) {
            throw new IllegalArgumentException("between 1 and " + MAX_VARIATIONS + " grooves, not " + count);
        }
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

    /**
     * How far from a known groove (in its tool's own units: slider travel, share of the A↔B
     * slider, corner weight) a decode still leans on that groove's inputs; past it, it is the
     * plain autoregressive decode. See {@link Guide}: near a groove a flipped hit does not carry
     * into every later step.
     */
    public static final double ANCHOR_RANGE = 0.25;

    /** The draws a groove's neighbours are decoded with: its own with its z, else temperature 0. */
    static Sampling samplingOf(StudioGroove g) {
        return g.z() != null ? g.sampling() : Sampling.greedy();
    }

    /** The inputs a groove's decode saw (decoding it again when they are not stored). */
    private float[] inputsOf(StudioGroove g) {
        if (g.z() != null && g.inputs() != null) {
            return g.inputs();
        }
        return decode(zOf(g), samplingOf(g), null, g.groove().qpm()).inputs();
    }

    private static double feedback(double distance) {
        return Blend.clamp(distance / ANCHOR_RANGE, 0, 1);
    }

    /** The grooves' inputs mixed with {@code weights}. */
    private float[] mixedInputs(List<StudioGroove> grooves, double[] weights) {
        float[] out = null;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            float[] in = inputsOf(grooves.get(i));
            if (out == null) {
                out = new float[in.length];
            }
            for (int k = 0; k < in.length; k++) {
                out[k] += (float) (weights[i] * in[k]);
            }
        }
        return out;
    }

    /** The groove at {@code t} in [0, 1] between {@code a} and {@code b}, named {@code label}. */
    public StudioGroove between(StudioGroove a, StudioGroove b, double t, Interpolation mode, String label) {
        if (t <= 0) {
            return a.withLabel(label);
        }
        if (t >= 1) {
            return b.withLabel(label);
        }
        float[] z = Latent.interpolate(zOf(a), zOf(b), t, mode);
        double[] w = {1 - t, t};
        Sampling s = Blend.mix(List.of(samplingOf(a), samplingOf(b)), w);
        Guide guide = new Guide(mixedInputs(List.of(a, b), w), feedback(Math.min(t, 1 - t)));
        double qpm = a.groove().qpm() + (b.groove().qpm() - a.groove().qpm()) * t;
        Decoded d = decode(z, s, guide, qpm);
        return new StudioGroove(d.groove(), label, z, s, d.inputs());
    }

    /**
     * The A-to-B path for export: {@code steps} (at least 2) grooves from a itself to b itself,
     * evenly spaced, each as {@link #between(StudioGroove, StudioGroove, double, Interpolation, String)}
     * makes it.
     */
    public List<Groove> path(StudioGroove a, StudioGroove b, int steps, Interpolation mode) {
        if (steps < 2) {
            throw new IllegalArgumentException("a path needs at least 2 steps");
        }
        List<Groove> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            out.add(between(a, b, i / (double) (steps - 1), mode));
        }
        return out;
    }

    /** The music of {@link #between(StudioGroove, StudioGroove, double, Interpolation, String)}. */
    public Groove between(StudioGroove a, StudioGroove b, double t, Interpolation mode) {
        return between(a, b, t, mode, "").groove();
    }

    /** The blend pad: four corners (top-left, top-right, bottom-left, bottom-right) at (x, y). */
    public StudioGroove blend(List<StudioGroove> corners, double x, double y, double qpm, String label) {
        double[] w = Blend.cornerWeights(x, y);
        double top = 0;
        for (int c = 0; c < 4; c++) {
            if (w[c] > 1 - 1e-9) {
                StudioGroove g = corners.get(c);
                return new StudioGroove(g.groove().withQpm(qpm), label, g.z(), g.sampling(), g.inputs());
            }
            top = Math.max(top, w[c]);
        }
        List<float[]> zs = new ArrayList<>(4);
        List<Sampling> samplings = new ArrayList<>(4);
        for (StudioGroove g : corners) {
            zs.add(zOf(g));
            samplings.add(samplingOf(g));
        }
        float[] z = Blend.blend(zs, x, y);
        Sampling s = Blend.mix(samplings, w);
        Decoded d = decode(z, s, new Guide(mixedInputs(corners, w), feedback(1 - top)), qpm);
        return new StudioGroove(d.groove(), label, z, s, d.inputs());
    }

    /** The music of {@link #blend(List, double, double, double, String)}. */
    public Groove blend(List<StudioGroove> corners, double x, double y, double qpm) {
        return blend(corners, x, y, qpm, "").groove();
    }

    /**
     * {@code base} moved along the model's latent directions by the slider values in [-1, 1],
     * decoded with base's own draws; all sliders at 0 is base itself.
     */
    public StudioGroove steer(StudioGroove base, double[] values, String label) {
        return steer(base, values, label, null);
    }

    /**
     * As {@link #steer(StudioGroove, double[], String)}, keeping the cells of {@code lock} (null:
     * none; the studio locks lanes of base) exactly while the other lanes move.
     */
    public StudioGroove steer(StudioGroove base, double[] values, String label, Lock lock) {
        double distance = 0;
        for (double v : values) {
            distance = Math.max(distance, Math.abs(v));
        }
        if (distance == 0) {
            return base;
        }
        float[] z = Blend.steer(zOf(base), model.directions(), values);
        Sampling s = samplingOf(base);
        Decoded d = decode(List.of(z), List.of(s), new Guide(inputsOf(base), feedback(distance)), lock,
            base.groove().qpm()).get(0);
        return new StudioGroove(d.groove(), label, z, s, d.inputs());
    }

    /** The music of {@link #steer(StudioGroove, double[], String)}. */
    public Groove steer(StudioGroove base, double[] values) {
        return steer(base, values, "steered").groove();
    }

    /** One batched decode, every row with the same guide and lock (either may be null). */
    private List<Decoded> decode(List<float[]> zs, List<Sampling> samplings, Guide guide, Lock lock, double qpm) {
        long t0 = System.nanoTime();
        List<Guide> guides = new ArrayList<>(java.util.Collections.nCopies(zs.size(), guide));
        List<Lock> locks = new ArrayList<>(java.util.Collections.nCopies(zs.size(), lock));
        List<Decoded> d = lock == null ? model.decodeGuided(zs, samplings, guides, qpm)
            : model.decodeLocked(zs, samplings, guides, locks, qpm);
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        return d;
    }

    private Decoded decode(float[] z, Sampling sampling, Guide guide, double qpm) {
        long t0 = System.nanoTime();
        List<Guide> guides = new ArrayList<>(1);
        guides.add(guide);
        Decoded d = model.decodeGuided(List.of(z), List.of(sampling), guides, qpm).get(0);
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        return d;
    }

    private Groove decode(float[] z, double temperature, long seed, double qpm) {
        long t0 = System.nanoTime();
        Groove g = model.decode(List.of(z), temperature, seed, qpm).get(0);
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        return g;
    }
}
