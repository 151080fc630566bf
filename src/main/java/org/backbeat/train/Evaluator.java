package org.backbeat.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backbeat.data.ProgressListener;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.LatentCode;
import org.backbeat.model.Task;
import org.backbeat.model.TaskModels;
import org.backbeat.train.Evaluation.Metrics;
import org.backbeat.train.Evaluation.OffsetError;
import org.backbeat.train.Evaluation.VelocityError;

/**
 * Evaluation on 4-bar windows (hop 4 bars), through the same inference path the studio uses.
 *
 * <ul>
 *   <li>Reconstruction: encode the mean, decode at temperature 0. Step accuracy (all 9 hits of a
 *       step right), hit precision / recall / F1 over all cells, velocity MAE and offset MAE (ms,
 *       at each window's tempo) on true-positive hits.</li>
 *   <li>Negative ELBO with z = mean (teacher-forced reconstruction loss + KL) and KL in nats.</li>
 *   <li>Prior samples (z ~ N(0, I), temperature 1, seeded) against the data: overlapping area of
 *       the two histograms of each per-groove feature (as in Yang and Lerch's MGEval, with
 *       histograms instead of kernel density estimates): 0 = disjoint, 1 = identical.</li>
 *   <li>Baselines: the nearest training window by hit Hamming distance (model-free retrieval),
 *       offsets all on the grid, per-class mean velocity.</li>
 * </ul>
 */
public final class Evaluator {

    private static final int C = Groove.CLASSES;
    private static final int T = Groove.STEPS;
    private static final int F = Groove.FEATURES;

    private Evaluator() {
    }

    /** Counts for precision/recall and error sums, merged over windows. */
    static final class Tally {
        long steps;
        long stepsRight;
        long tp;
        long fp;
        long fn;
        double velErr;
        double offErrMs;

        void add(Groove target, Groove pred) {
            for (int s = 0; s < T; s++) {
                boolean allRight = true;
                for (int c = 0; c < C; c++) {
                    boolean t = target.hit(s, c);
                    boolean p = pred.hit(s, c);
                    if (t != p) {
                        allRight = false;
                    }
                    if (t && p) {
                        tp++;
                        velErr += Math.abs(target.velocity(s, c) - pred.velocity(s, c));
                        offErrMs += Math.abs(target.offset(s, c) - pred.offset(s, c)) * target.stepSeconds() * 1000;
                    } else if (p) {
                        fp++;
                    } else if (t) {
                        fn++;
                    }
                }
                steps++;
                if (allRight) {
                    stepsRight++;
                }
            }
        }

        Metrics metrics() {
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            return new Metrics(r4(steps == 0 ? 0 : (double) stepsRight / steps), r4(precision), r4(recall),
                r4(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)),
                r4(tp == 0 ? Double.NaN : velErr / tp), r4(tp == 0 ? Double.NaN : offErrMs / tp));
        }
    }

    public static Evaluation evaluate(FastGrooveModel model, List<Groove> windows, List<Groove> training,
                                      int priorSamples, long seed, ProgressListener progress) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no windows to evaluate");
        }
        Tally rec = new Tally();
        double kl = 0;
        double nll = 0;
        int chunk = 32;
        long total = windows.size() + priorSamples + (training.isEmpty() ? 0 : windows.size());
        long done = 0;
        for (int from = 0; from < windows.size(); from += chunk) {
            List<Groove> batch = windows.subList(from, Math.min(windows.size(), from + chunk));
            List<LatentCode> codes = model.encode(batch);
            List<float[]> zs = new ArrayList<>();
            float[][] teacher = new float[batch.size()][T * F];
            for (int i = 0; i < batch.size(); i++) {
                zs.add(codes.get(i).mean());
                batch.get(i).toTensor(teacher[i], 0);
                kl += kl(codes.get(i));
            }
            List<Groove> recon = model.decode(zs, 0, 0, Groove.DEFAULT_QPM);
            FastGrooveModel.DecodeResult tf = model.decodeDetailed(zs, 0, 0, teacher);
            for (int i = 0; i < batch.size(); i++) {
                rec.add(batch.get(i), recon.get(i).withQpm(batch.get(i).qpm()));
                nll += reconstructionLoss(tf.logits()[i], teacher[i]);
            }
            done += batch.size();
            progress.progress(done, total, "reconstructing");
        }
        int n = windows.size();

        List<Groove> samples = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int from = 0; from < priorSamples; from += 50) {
            int count = Math.min(50, priorSamples - from);
            samples.addAll(model.sample(count, 1.0, r.nextLong()));
            done += count;
            progress.progress(done, total, "sampling the prior");
        }
        Map<String, Double> prior = samples.isEmpty() ? null : priorOverlap(windows, samples);

        Metrics nearestWindow = null;
        if (!training.isEmpty()) {
            Tally nearest = new Tally();
            long[][] packed = training.stream().map(Evaluator::pack).toArray(long[][]::new);
            for (Groove w : windows) {
                nearest.add(w, training.get(nearestIndex(pack(w), packed)).withQpm(w.qpm()));
                done++;
                if (done % 50 == 0) {
                    progress.progress(done, total, "nearest-neighbour baseline");
                }
            }
            nearestWindow = nearest.metrics();
        }
        Evaluation.Baselines baseline = new Evaluation.Baselines(nearestWindow, new OffsetError(r4(onGridOffsetMs(windows))),
            new VelocityError(r4(classMeanVelocityMae(training.isEmpty() ? windows : training, windows))));
        progress.progress(total, total, "done");
        return new Evaluation(n, rec.metrics(), r4(kl / n), r4((nll + kl) / n), prior, baseline);
    }

    /**
     * Evaluation of a humanize or drumify model: each window's transformation (its quantized hits,
     * or its taps) is encoded to the mean and decoded at temperature 0, and the output is scored
     * against the real window with {@link Tally} (hit F1; velocity and offset MAE on the hits both
     * have). A humanize model plays the window's own hits ({@link TaskModels#humanize}, so its MAEs
     * are over every hit, like the baselines'); its free decode, which may change the pattern, is
     * {@code freeHits}. Baselines, each given the same input:
     * <ul>
     *   <li>humanize: {@code velocityClassMean} (each hit at its class's mean training velocity),
     *       {@code offsetsOnGrid} (every hit on the grid), {@code nearestTrainingWindow} (kNN as in
     *       the GrooVAE paper: the training window with the most similar hit pattern, its velocity
     *       and offset copied onto each hit; a hit it lacks gets the class mean, on the grid). These
     *       keep the input's hits exactly, so their MAEs are over every hit.</li>
     *   <li>drumify: {@code nearestTrainingWindow}: the training window whose taps are nearest
     *       (Hamming distance over the 64 steps), copied whole.</li>
     * </ul>
     */
    public static TaskEvaluation evaluateTask(FastGrooveModel model, List<Groove> windows, List<Groove> training,
                                              ProgressListener progress) {
        Task task = model.config().task();
        if (task == Task.GENERATE) {
            throw new IllegalArgumentException("a generate model is evaluated by evaluate()");
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no windows to evaluate");
        }
        long total = 2L * windows.size();
        long done = 0;
        Tally out = new Tally();
        Tally free = new Tally();
        int chunk = 32;
        for (int from = 0; from < windows.size(); from += chunk) {
            List<Groove> batch = windows.subList(from, Math.min(windows.size(), from + chunk));
            List<float[]> zs = new ArrayList<>();
            for (LatentCode c : model.encode(batch.stream().map(task::encoderInput).toList())) {
                zs.add(c.mean());
            }
            List<Groove> pred = model.decode(zs, 0, 0, Groove.DEFAULT_QPM);
            List<Groove> kept = task == Task.HUMANIZE ? TaskModels.humanize(model, batch, 0, 0) : null;
            for (int i = 0; i < batch.size(); i++) {
                (task == Task.HUMANIZE ? free : out).add(batch.get(i), pred.get(i).withQpm(batch.get(i).qpm()));
                if (kept != null) {
                    out.add(batch.get(i), kept.get(i));
                }
            }
            done += batch.size();
            progress.progress(done, total, task.label() + ": model");
        }
        // the humanize command's and the studio's way (the input's hits played exactly) is the output; Magenta
        // Studio's, where the model may change the pattern, is freeHits (its MAEs are on the hits it kept)
        Metrics freeHits = task == Task.HUMANIZE ? free.metrics() : null;
        List<Groove> reference = training.isEmpty() ? windows : training;
        VelocityError classMeanVelocity = null;
        OffsetError onGrid = null;
        if (task == Task.HUMANIZE) {
            classMeanVelocity = new VelocityError(r4(classMeanVelocityMae(reference, windows)));
            onGrid = new OffsetError(r4(onGridOffsetMs(windows)));
        }
        Metrics nearestWindow = null;
        if (!training.isEmpty()) {
            Tally nearest = new Tally();
            double[] classMean = classMeanVelocities(training);
            long[][] packed = training.stream().map(g -> pack(task.encoderInput(g))).toArray(long[][]::new);
            for (Groove w : windows) {
                Groove near = training.get(nearestIndex(pack(task.encoderInput(w)), packed));
                nearest.add(w, task == Task.HUMANIZE ? copyPerformance(w, near, classMean) : near.withQpm(w.qpm()));
                done++;
                if (done % 50 == 0) {
                    progress.progress(done, total, task.label() + ": nearest-neighbour baseline");
                }
            }
            nearestWindow = nearest.metrics();
        }
        progress.progress(total, total, "done");
        return new TaskEvaluation(task.label(), windows.size(), out.metrics(), freeHits,
            new TaskEvaluation.Baselines(classMeanVelocity, onGrid, nearestWindow));
    }

    /** {@code w}'s hits with {@code from}'s velocity and offset where it has the hit, else the class mean on the grid. */
    static Groove copyPerformance(Groove w, Groove from, double[] classMean) {
        boolean[][] h = new boolean[T][C];
        float[][] v = new float[T][C];
        float[][] o = new float[T][C];
        for (int s = 0; s < T; s++) {
            for (int c = 0; c < C; c++) {
                if (w.hit(s, c)) {
                    h[s][c] = true;
                    boolean has = from.hit(s, c);
                    v[s][c] = has ? from.velocity(s, c) : (float) classMean[c];
                    o[s][c] = has ? from.offset(s, c) : 0f;
                }
            }
        }
        return Groove.of(h, v, o, w.qpm());
    }

    /** Mean velocity of each class's hits in {@code reference} (0.5 for a class without hits). */
    static double[] classMeanVelocities(List<Groove> reference) {
        double[] sum = new double[C];
        long[] count = new long[C];
        for (Groove g : reference) {
            for (int s = 0; s < T; s++) {
                for (int c = 0; c < C; c++) {
                    if (g.hit(s, c)) {
                        sum[c] += g.velocity(s, c);
                        count[c]++;
                    }
                }
            }
        }
        double[] mean = new double[C];
        for (int c = 0; c < C; c++) {
            mean[c] = count[c] == 0 ? 0.5 : sum[c] / count[c];
        }
        return mean;
    }

    static double kl(LatentCode code) {
        double kl = 0;
        for (int i = 0; i < code.mean().length; i++) {
            double m = code.mean()[i];
            double s = Math.max(code.sigma()[i], 1e-8);
            kl += 0.5 * (m * m + s * s - 1) - Math.log(s);
        }
        return kl;
    }

    /** Hits BCE + velocity and offset squared error, summed over the window (the training loss). */
    static double reconstructionLoss(float[] logits, float[] target) {
        double loss = 0;
        for (int s = 0; s < T; s++) {
            for (int c = 0; c < C; c++) {
                double l = logits[s * F + c];
                double y = target[s * F + c];
                loss += Math.max(l, 0) - l * y + Math.log1p(Math.exp(-Math.abs(l)));
                double v = 1 / (1 + Math.exp(-logits[s * F + C + c])) - target[s * F + C + c];
                double o = Math.tanh(logits[s * F + 2 * C + c]) - target[s * F + 2 * C + c];
                loss += v * v + o * o;
            }
        }
        return loss;
    }

    /** Per-groove features whose distributions are compared between data and prior samples. */
    static Map<String, double[]> features(List<Groove> grooves) {
        Map<String, double[]> f = new LinkedHashMap<>();
        int n = grooves.size();
        for (DrumClass c : DrumClass.values()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = grooves.get(i).hitCount(c.ordinal()) / (double) Groove.BARS;
            }
            f.put("hitsPerBar." + c.name().toLowerCase(), v);
        }
        double[] velMean = new double[n];
        double[] velSpread = new double[n];
        double[] offSpread = new double[n];
        double[] sync = new double[n];
        for (int i = 0; i < n; i++) {
            Groove g = grooves.get(i);
            double sv = 0;
            double sv2 = 0;
            double so = 0;
            double so2 = 0;
            int hits = 0;
            int offbeat = 0;
            for (int s = 0; s < T; s++) {
                for (int c = 0; c < C; c++) {
                    if (g.hit(s, c)) {
                        hits++;
                        sv += g.velocity(s, c);
                        sv2 += g.velocity(s, c) * g.velocity(s, c);
                        so += g.offset(s, c);
                        so2 += g.offset(s, c) * g.offset(s, c);
                        if (s % 2 == 1 && c != DrumClass.CLOSED_HIHAT.ordinal() && c != DrumClass.RIDE.ordinal()) {
                            offbeat++;
                        }
                    }
                }
            }
            velMean[i] = hits == 0 ? 0 : sv / hits;
            velSpread[i] = hits == 0 ? 0 : Math.sqrt(Math.max(0, sv2 / hits - velMean[i] * velMean[i]));
            double om = hits == 0 ? 0 : so / hits;
            offSpread[i] = hits == 0 ? 0 : Math.sqrt(Math.max(0, so2 / hits - om * om));
            sync[i] = hits == 0 ? 0 : offbeat / (double) hits;
        }
        f.put("velocityMean", velMean);
        f.put("velocitySpread", velSpread);
        f.put("offsetSpread", offSpread);
        f.put("syncopation", sync);
        return f;
    }

    static Map<String, Double> priorOverlap(List<Groove> data, List<Groove> samples) {
        Map<String, double[]> a = features(data);
        Map<String, double[]> b = features(samples);
        Map<String, Double> out = new LinkedHashMap<>();
        double min = 1;
        double sum = 0;
        for (String k : a.keySet()) {
            double oa = overlap(a.get(k), b.get(k), 25);
            out.put(k, r4(oa));
            min = Math.min(min, oa);
            sum += oa;
        }
        out.put("minimum", r4(min));
        out.put("mean", r4(sum / a.size()));
        return out;
    }

    /** Overlapping area of two empirical distributions on shared histogram bins. */
    static double overlap(double[] x, double[] y, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            return 1;
        }
        double[] hx = new double[bins];
        double[] hy = new double[bins];
        for (double v : x) {
            hx[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))] += 1.0 / x.length;
        }
        for (double v : y) {
            hy[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))] += 1.0 / y.length;
        }
        double oa = 0;
        for (int i = 0; i < bins; i++) {
            oa += Math.min(hx[i], hy[i]);
        }
        return oa;
    }

    static long[] pack(Groove g) {
        long[] bits = new long[(T * C + 63) / 64];
        for (int s = 0; s < T; s++) {
            for (int c = 0; c < C; c++) {
                if (g.hit(s, c)) {
                    int i = s * C + c;
                    bits[i >> 6] |= 1L << (i & 63);
                }
            }
        }
        return bits;
    }

    static int nearestIndex(long[] target, long[][] candidates) {
        int best = 0;
        int bestDist = Integer.MAX_VALUE;
        for (int i = 0; i < candidates.length; i++) {
            int d = 0;
            for (int k = 0; k < target.length && d < bestDist; k++) {
                d += Long.bitCount(target[k] ^ candidates[i][k]);
            }
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        return best;
    }

    static double onGridOffsetMs(List<Groove> windows) {
        double sum = 0;
        long n = 0;
        for (Groove g : windows) {
            for (int s = 0; s < T; s++) {
                for (int c = 0; c < C; c++) {
                    if (g.hit(s, c)) {
                        sum += Math.abs(g.offset(s, c)) * g.stepSeconds() * 1000;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    static double classMeanVelocityMae(List<Groove> reference, List<Groove> windows) {
        double[] mean = classMeanVelocities(reference);
        double err = 0;
        long n = 0;
        for (Groove g : windows) {
            for (int s = 0; s < T; s++) {
                for (int c = 0; c < C; c++) {
                    if (g.hit(s, c)) {
                        err += Math.abs(g.velocity(s, c) - mean[c]);
                        n++;
                    }
                }
            }
        }
        return n == 0 ? 0 : err / n;
    }

    private static double r4(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 10000) / 10000.0;
    }
}
