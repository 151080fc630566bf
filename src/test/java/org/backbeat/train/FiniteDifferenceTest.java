package org.backbeat.train;

import static org.backbeat.model.WeightSchema.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.WeightSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's gradients against central finite differences of the loss, computed in double
 * precision by a plain, per-example implementation of docs/model.md written independently of both
 * engines: one weight element per weight array (the one with the largest gradient).
 */
class FiniteDifferenceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flat", "hierarchical"})
    void gradientsMatchFiniteDifferencesOfTheLoss(String decoder) {
        ModelConfig c = decoder.equals("flat") ? BackpropEngineTest.TINY_FLAT : BackpropEngineTest.TINY_HIER;
        ModelWeights w = BackpropEngineTest.weights(c, 2.5); // KL above the free bits: its gradient counts too
        BackpropEngineTest.Batch b = BackpropEngineTest.Batch.random(3, c.zSize(), 9);
        Map<String, float[]> grads;
        try (BackpropEngine engine = new BackpropEngine(c, w, 1)) {
            grads = engine.newGradients();
            engine.gradients(b.x(), b.prev(), b.eps(), b.size(), b.beta(), grads);
        }
        Map<String, double[]> wd = new HashMap<>();
        for (String n : w.names()) {
            float[] f = w.get(n).data();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            wd.put(n, d);
        }
        double worst = 0;
        for (WeightSchema.Entry e : WeightSchema.of(c)) {
            float[] g = grads.get(e.name());
            int at = 0;
            for (int i = 1; i < g.length; i++) {
                if (Math.abs(g[i]) > Math.abs(g[at])) {
                    at = i;
                }
            }
            double[] p = wd.get(e.name());
            double keep = p[at];
            double h = 1e-5;
            p[at] = keep + h;
            double up = new Reference(c, wd).loss(b);
            p[at] = keep - h;
            double down = new Reference(c, wd).loss(b);
            p[at] = keep;
            double numeric = (up - down) / (2 * h);
            double rel = Math.abs(numeric - g[at]) / Math.max(Math.abs(numeric), 1e-6);
            worst = Math.max(worst, rel);
            assertTrue(rel < 1e-3, e.name() + "[" + at + "]: engine " + g[at] + ", finite difference " + numeric);
        }
        System.out.printf("%s: engine vs double-precision finite differences, worst relative error %.2e%n", decoder, worst);
    }

    /** The loss of docs/model.md in double precision, one example at a time. */
    record Reference(ModelConfig c, Map<String, double[]> w) {

        double loss(BackpropEngineTest.Batch b) {
            double sum = 0;
            for (int i = 0; i < b.size(); i++) {
                sum += example(b, i);
            }
            return sum / b.size();
        }

        private double example(BackpropEngineTest.Batch b, int i) {
            int e = c.encoderSize();
            int z = c.zSize();
            double[][] x = rows(b.x(), i);
            double[][] prev = rows(b.prev(), i);
            double[] hf = new double[e];
            double[] cf = new double[e];
            double[] hb = new double[e];
            double[] cb = new double[e];
            for (int t = 0; t < 64; t++) {
                cell(ENCODER_FW, x[t], hf, cf, e);
                cell(ENCODER_BW, x[63 - t], hb, cb, e);
            }
            double[] f = concat(hf, hb);
            double[] mu = dense(ENCODER_MU, f);
            double[] sp = dense(ENCODER_SIGMA, f);
            double[] zs = new double[z];
            double kl = 0;
            for (int k = 0; k < z; k++) {
                double s = Math.log1p(Math.exp(sp[k]));
                zs[k] = mu[k] + s * b.eps()[i * z + k];
                kl += 0.5 * (mu[k] * mu[k] + s * s - 1) - Math.log(s + 1e-8);
            }
            double loss = b.beta() * Math.max(0, kl - GrooveGraph.FREE_BITS * Math.log(2));
            List<Integer> d = c.decoderSizes();
            boolean hier = c.decoder() == DecoderType.HIERARCHICAL;
            int segments = hier ? 4 : 1;
            double[] ch = null;
            double[] cc = null;
            if (hier) {
                double[] s = tanh(dense(CONDUCTOR_INIT, zs));
                int cs = c.conductorSize();
                cc = java.util.Arrays.copyOfRange(s, 0, cs);
                ch = java.util.Arrays.copyOfRange(s, cs, 2 * cs);
            }
            for (int seg = 0; seg < segments; seg++) {
                double[] cond = zs;
                if (hier) {
                    cell(CONDUCTOR_LSTM, new double[0], ch, cc, c.conductorSize());
                    cond = ch.clone();
                }
                double[] s = tanh(dense(DECODER_INIT, cond));
                double[][] h = new double[d.size()][];
                double[][] cs = new double[d.size()][];
                int off = 0;
                for (int l = 0; l < d.size(); l++) {
                    cs[l] = java.util.Arrays.copyOfRange(s, off, off + d.get(l));
                    h[l] = java.util.Arrays.copyOfRange(s, off + d.get(l), off + 2 * d.get(l));
                    off += 2 * d.get(l);
                }
                int steps = 64 / segments;
                for (int k = 0; k < steps; k++) {
                    int t = seg * steps + k;
                    double[] in = concat(prev[t], cond);
                    for (int l = 0; l < d.size(); l++) {
                        cell(decoderLstm(l), in, h[l], cs[l], d.get(l));
                        in = h[l];
                    }
                    double[] logits = dense(DECODER_OUT, in);
                    for (int cl = 0; cl < 9; cl++) {
                        double lg = logits[cl];
                        loss += Math.max(lg, 0) - lg * x[t][cl] + Math.log1p(Math.exp(-Math.abs(lg)));
                        double v = 1 / (1 + Math.exp(-logits[9 + cl])) - x[t][9 + cl];
                        double o = Math.tanh(logits[18 + cl]) - x[t][18 + cl];
                        loss += v * v + o * o;
                    }
                }
            }
            return loss;
        }

        /** One LSTM step in place: gates [i, f, g, o] = x·Wx + h·Wr + b. */
        private void cell(String name, double[] in, double[] h, double[] cst, int n) {
            double[] a = w.get(bias(name)).clone();
            if (in.length > 0) {
                addVecMat(in, w.get(inputWeights(name)), a);
            }
            addVecMat(h, w.get(recurrentWeights(name)), a);
            for (int j = 0; j < n; j++) {
                double ig = sig(a[j]);
                double fg = sig(a[n + j]);
                double gg = Math.tanh(a[2 * n + j]);
                double og = sig(a[3 * n + j]);
                cst[j] = fg * cst[j] + ig * gg;
                h[j] = og * Math.tanh(cst[j]);
            }
        }

        private double[] dense(String name, double[] in) {
            double[] out = w.get(bias(name)).clone();
            addVecMat(in, w.get(kernel(name)), out);
            return out;
        }

        private static void addVecMat(double[] v, double[] m, double[] out) {
            int n = out.length;
            for (int k = 0; k < v.length; k++) {
                for (int j = 0; j < n; j++) {
                    out[j] += v[k] * m[k * n + j];
                }
            }
        }

        private static double[][] rows(float[] data, int example) {
            double[][] r = new double[64][27];
            for (int t = 0; t < 64; t++) {
                for (int k = 0; k < 27; k++) {
                    r[t][k] = data[(example * 64 + t) * 27 + k];
                }
            }
            return r;
        }

        private static double[] concat(double[] a, double[] b) {
            double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }

        private static double[] tanh(double[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.tanh(a[i]);
            }
            return a;
        }

        private static double sig(double x) {
            return 1 / (1 + Math.exp(-x));
        }
    }
}
