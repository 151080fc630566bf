package org.backbeat.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.LatentCode;
import org.backbeat.model.LatentDirection;

/**
 * The studio's latent sliders, computed from data: attribute vectors (mean z of the grooves with
 * the most of an attribute minus mean z of those with the least, as in MusicVAE's attribute
 * vectors) and the principal components of the encoded data. Each direction carries the standard
 * deviation of the data along it, so a slider spans a range the model has actually seen.
 */
public final class LatentAnalysis {

    /** Share of the data at each end that defines "with" and "without" an attribute. */
    static final double QUANTILE = 0.25;
    private static final int MAX_WINDOWS = 4000;
    private static final int PRINCIPAL_COMPONENTS = 3;

    /** A groove attribute with the slider's name and tooltip. */
    record Attribute(String name, String description, ToDoubleFunction<Groove> measure) {
    }

    static final List<Attribute> ATTRIBUTES = List.of(
        new Attribute("Busier", "more hits", g -> g.hitCount()),
        new Attribute("Louder", "higher velocities", LatentAnalysis::meanVelocity),
        new Attribute("More hi-hat", "more closed and open hi-hat hits",
            g -> g.hitCount(DrumClass.CLOSED_HIHAT.ordinal()) + g.hitCount(DrumClass.OPEN_HIHAT.ordinal())),
        new Attribute("Laid-back", "hits played later behind the grid (negative: pushing ahead)",
            LatentAnalysis::meanOffset),
        new Attribute("More toms & cymbals", "more tom, crash and ride hits", g -> {
            int n = 0;
            for (DrumClass c : List.of(DrumClass.LOW_TOM, DrumClass.MID_TOM, DrumClass.HIGH_TOM, DrumClass.CRASH,
                DrumClass.RIDE)) {
                n += g.hitCount(c.ordinal());
            }
            return n;
        }));

    private LatentAnalysis() {
    }

    /**
     * Computes the directions of the model in {@code file} on {@code windows} and stores them in
     * the file (atomically, replacing any it had).
     */
    public static List<LatentDirection> addTo(java.nio.file.Path file, List<Groove> windows, long seed)
        throws org.backbeat.model.ModelFileException {
        org.backbeat.model.StoredModel m = org.backbeat.model.ModelFile.load(file);
        List<LatentDirection> dirs = compute(new FastGrooveModel(m), windows, seed);
        org.backbeat.model.ModelFile.save(file, new org.backbeat.model.StoredModel(m.config(), m.weights(), m.card(), dirs));
        return dirs;
    }

    /** Encodes (a seeded sample of at most 4,000 of) {@code windows} and computes the directions. */
    public static List<LatentDirection> compute(FastGrooveModel model, List<Groove> windows, long seed) {
        List<Groove> sample = subsample(windows, MAX_WINDOWS, seed);
        List<float[]> zs = new ArrayList<>(sample.size());
        for (int from = 0; from < sample.size(); from += 64) {
            // a humanize or drumify model's z is that of the transformed groove, which its encoder was trained on
            List<Groove> in = sample.subList(from, Math.min(sample.size(), from + 64)).stream()
                .map(model.config().task()::encoderInput).toList();
            for (LatentCode c : model.encode(in)) {
                zs.add(c.mean());
            }
        }
        return directions(zs, sample, seed);
    }

    /** Attribute vectors then principal components, from codes {@code zs} of {@code grooves}. */
    static List<LatentDirection> directions(List<float[]> zs, List<Groove> grooves, long seed) {
        if (zs.size() != grooves.size()) {
            throw new IllegalArgumentException("one z per groove");
        }
        List<LatentDirection> out = new ArrayList<>();
        if (zs.size() < 8) {
            return out; // too few grooves to say anything about directions
        }
        for (Attribute a : ATTRIBUTES) {
            float[] v = attributeVector(zs, grooves, a.measure());
            if (v != null) {
                out.add(new LatentDirection(a.name(), a.description(), v, (float) spread(zs, v)));
            }
        }
        double[][] cov = covariance(zs);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < PRINCIPAL_COMPONENTS; k++) {
            double[] e = powerIteration(cov, r);
            double lambda = rayleigh(cov, e);
            if (!(lambda > 1e-9)) {
                break;
            }
            float[] v = new float[e.length];
            for (int i = 0; i < e.length; i++) {
                v[i] = (float) e[i];
            }
            out.add(new LatentDirection("Variation " + (k + 1),
                "principal component " + (k + 1) + " of the training grooves in z", v, (float) Math.sqrt(lambda)));
            deflate(cov, e, lambda);
        }
        return out;
    }

    /** Mean z of the top quarter by {@code measure} minus mean z of the bottom quarter. */
    static float[] attributeVector(List<float[]> zs, List<Groove> grooves, ToDoubleFunction<Groove> measure) {
        int n = zs.size();
        Integer[] order = new Integer[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            m[i] = measure.applyAsDouble(grooves.get(i));
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(m[a], m[b]));
        int q = Math.max(1, (int) Math.floor(n * QUANTILE));
        if (m[order[n - 1]] - m[order[0]] < 1e-12 || m[order[n - q]] <= m[order[q - 1]]) {
            return null; // the attribute does not vary in this data
        }
        int d = zs.get(0).length;
        float[] v = new float[d];
        for (int k = 0; k < q; k++) {
            float[] hi = zs.get(order[n - 1 - k]);
            float[] lo = zs.get(order[k]);
            for (int i = 0; i < d; i++) {
                v[i] += (hi[i] - lo[i]) / q;
            }
        }
        return v;
    }

    /** Standard deviation of the data projected on the unit vector along {@code v}. */
    static double spread(List<float[]> zs, float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-12) {
            return 0;
        }
        double sum = 0;
        double sq = 0;
        for (float[] z : zs) {
            double p = 0;
            for (int i = 0; i < v.length; i++) {
                p += z[i] * v[i];
            }
            p /= norm;
            sum += p;
            sq += p * p;
        }
        double mean = sum / zs.size();
        return Math.sqrt(Math.max(0, sq / zs.size() - mean * mean));
    }

    static double[][] covariance(List<float[]> zs) {
        int d = zs.get(0).length;
        double[] mean = new double[d];
        for (float[] z : zs) {
            for (int i = 0; i < d; i++) {
                mean[i] += z[i] / (double) zs.size();
            }
        }
        double[][] c = new double[d][d];
        double[] x = new double[d];
        for (float[] z : zs) {
            for (int i = 0; i < d; i++) {
                x[i] = z[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double xi = x[i];
                double[] row = c[i];
                for (int j = i; j < d; j++) {
                    row[j] += xi * x[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= zs.size();
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    static double[] powerIteration(double[][] c, SplittableRandom r) {
        int d = c.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = r.nextGaussian();
        }
        normalize(v);
        for (int it = 0; it < 500; it++) {
            double[] w = multiply(c, v);
            if (normalize(w) < 1e-15) {
                return v;
            }
            double diff = 0;
            for (int i = 0; i < d; i++) {
                diff += Math.abs(w[i] - v[i]);
            }
            v = w;
            if (diff < 1e-10) {
                break;
            }
        }
        // Fix the sign so that runs agree: the largest component is positive.
        int arg = 0;
        for (int i = 1; i < d; i++) {
            if (Math.abs(v[i]) > Math.abs(v[arg])) {
                arg = i;
            }
        }
        if (v[arg] < 0) {
            for (int i = 0; i < d; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    private static double rayleigh(double[][] c, double[] v) {
        double[] w = multiply(c, v);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * w[i];
        }
        return s;
    }

    private static void deflate(double[][] c, double[] e, double lambda) {
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                c[i][j] -= lambda * e[i] * e[j];
            }
        }
    }

    private static double[] multiply(double[][] c, double[] v) {
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += c[i][j] * v[j];
            }
            w[i] = s;
        }
        return w;
    }

    private static double normalize(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return n;
    }

    static double meanVelocity(Groove g) {
        double s = 0;
        int n = 0;
        for (int t = 0; t < Groove.STEPS; t++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(t, c)) {
                    s += g.velocity(t, c);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : s / n;
    }

    static double meanOffset(Groove g) {
        double s = 0;
        int n = 0;
        for (int t = 0; t < Groove.STEPS; t++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(t, c)) {
                    s += g.offset(t, c);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : s / n;
    }

    private static List<Groove> subsample(List<Groove> windows, int max, long seed) {
        if (windows.size() <= max) {
            return windows;
        }
        List<Groove> copy = new ArrayList<>(windows);
        java.util.Collections.shuffle(copy, new java.util.Random(seed));
        return copy.subList(0, max);
    }
}
