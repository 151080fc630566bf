package org.backbeat.train;

import static org.backbeat.model.WeightSchema.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.Regression;

/**
 * The GrooVAE loss and its gradients with a hand-derived backward pass through time: the same
 * math as {@link GrooveGraph} (docs/model.md), which stays the reference the tests compare it with.
 *
 * <p>Per LSTM layer: the input projection of all 64 steps is one matrix product (T·B rows), each
 * step adds one recurrent product and one fused element-wise pass ({@link LstmRun}); backward, the
 * weight gradients of a layer are one product over all steps. Both cores: the batch is split into
 * {@code threads} contiguous parts, each worker runs the whole forward and backward pass of its
 * part with its own buffers, and the gradients are summed ({@code docs/model.md}, "Training engine",
 * says why data parallelism and not threads inside each product). Buffers are sized once per batch
 * shape and reused.
 *
 * <p>Gradients are of the batch-mean loss, exactly what {@link GrooveGraph}'s {@code loss} is.
 */
final class BackpropEngine implements AutoCloseable {

    private static final int T = Groove.STEPS;
    private static final int F = Groove.FEATURES;
    private static final int C = Groove.CLASSES;
    private static final double FREE_NATS = GrooveGraph.FREE_BITS * Math.log(2);

    private final ModelConfig config;
    private final Map<String, float[]> params = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, Blas.Resident> resident = new LinkedHashMap<>();
    private final int threads;
    private final ExecutorService pool;
    private final List<Worker> workers = new ArrayList<>();
    private int workerCapacity;

    BackpropEngine(ModelConfig config, ModelWeights init, int threads) {
        this.config = config;
        this.threads = Math.max(1, threads);
        for (Map.Entry<String, ModelWeights.Param> e : init.asMap().entrySet()) {
            params.put(e.getKey(), e.getValue().data().clone());
            int[] shape = e.getValue().shape().clone();
            shapes.put(e.getKey(), shape);
            if (shape.length == 2) {
                resident.put(e.getKey(), new Blas.Resident(shape[0], shape[1]));
            }
        }
        int wx0Rows = shapes.get(inputWeights(decoderLstm(0)))[0];
        resident.put(PREV_ROWS, resident.get(inputWeights(decoderLstm(0))).rows(0, F));
        resident.put(COND_ROWS, resident.get(inputWeights(decoderLstm(0))).rows(F, wx0Rows - F));
        weightsChanged();
        this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "backbeat-train-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    private static final String PREV_ROWS = "decoder/lstm0/Wx[prev]";
    private static final String COND_ROWS = "decoder/lstm0/Wx[cond]";

    ModelConfig config() {
        return config;
    }

    int threads() {
        return threads;
    }

    /** The live weights by name (the optimizer updates them in place, then calls {@link #weightsChanged}). */
    Map<String, float[]> parameters() {
        return params;
    }

    int[] shape(String name) {
        return shapes.get(name);
    }

    List<String> weightNames() {
        return List.copyOf(params.keySet());
    }

    /** Copies the weights into the products' direct buffers; call after every change of the weights. */
    void weightsChanged() {
        for (Map.Entry<String, Blas.Resident> e : resident.entrySet()) {
            float[] w = params.get(e.getKey());
            if (w != null) {
                e.getValue().load(w);
            }
        }
    }

    ModelWeights weights() {
        ModelWeights.Builder b = ModelWeights.builder();
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            b.put(e.getKey(), shapes.get(e.getKey()), e.getValue().clone());
        }
        return b.build();
    }

    /** A zeroed gradient array per weight. */
    Map<String, float[]> newGradients() {
        Map<String, float[]> g = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            g.put(e.getKey(), new float[e.getValue().length]);
        }
        return g;
    }

    /**
     * Loss parts and, into {@code grads} (overwritten), the gradients of the batch-mean loss.
     *
     * @param x    [batch, 64, 27] targets and encoder input (a generate model)
     * @param prev [batch, 64, 27] the decoder's teacher-forced input (dropout applied)
     * @param eps  [batch, Z] reparameterisation noise
     */
    TrainingEngine.Losses gradients(float[] x, float[] prev, float[] eps, int batch, double beta, Map<String, float[]> grads) {
        return run(x, x, prev, eps, batch, beta, grads);
    }

    /**
     * As above with the encoder's input apart from the targets: a humanize or drumify model's
     * encoder sees a transformation of the groove its decoder is trained to output.
     *
     * @param input [batch, 64, 27] what the encoder reads
     * @param x     [batch, 64, 27] the targets the losses compare with
     */
    TrainingEngine.Losses gradients(float[] input, float[] x, float[] prev, float[] eps, int batch, double beta,
                                    Map<String, float[]> grads) {
        return run(input, x, prev, eps, batch, beta, grads);
    }

    /** Loss parts only (no backward pass): the loss report and validation. */
    TrainingEngine.Losses losses(float[] x, float[] prev, float[] eps, int batch, double beta) {
        return run(x, x, prev, eps, batch, beta, null);
    }

    /** Loss parts only, the encoder reading {@code input}. */
    TrainingEngine.Losses losses(float[] input, float[] x, float[] prev, float[] eps, int batch, double beta) {
        return run(input, x, prev, eps, batch, beta, null);
    }

    private TrainingEngine.Losses run(float[] input, float[] x, float[] prev, float[] eps, int batch, double beta,
                                      Map<String, float[]> grads) {
        int parts = Math.min(threads, batch);
        int per = (batch + parts - 1) / parts;
        ensureWorkers(parts, per, grads != null);
        List<Future<double[]>> futures = new ArrayList<>();
        double[][] sums = new double[parts][];
        for (int p = 1; p < parts; p++) {
            int from = p * per;
            int n = Math.min(per, batch - from);
            Worker w = workers.get(p);
            futures.add(pool.submit(() -> w.run(input, x, prev, eps, from, n, batch, beta, grads != null)));
        }
        sums[0] = workers.get(0).run(input, x, prev, eps, 0, Math.min(per, batch), batch, beta, grads != null);
        try {
            for (int p = 1; p < parts; p++) {
                sums[p] = futures.get(p - 1).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        if (grads != null) {
            for (Map.Entry<String, float[]> e : grads.entrySet()) {
                float[] g = e.getValue();
                System.arraycopy(workers.get(0).grads.get(e.getKey()), 0, g, 0, g.length);
                for (int p = 1; p < parts; p++) {
                    float[] o = workers.get(p).grads.get(e.getKey());
                    for (int i = 0; i < g.length; i++) {
                        g[i] += o[i];
                    }
                }
            }
        }
        double[] s = new double[5];
        for (double[] part : sums) {
            for (int i = 0; i < 5; i++) {
                s[i] += part[i];
            }
        }
        return new TrainingEngine.Losses(s[0] / batch, s[1] / batch, s[2] / batch, s[3] / batch, s[4] / batch);
    }

    private void ensureWorkers(int parts, int per, boolean withGrads) {
        if (per > workerCapacity) {
            workers.clear();
            workerCapacity = per;
        }
        while (workers.size() < parts) {
            workers.add(new Worker(workerCapacity));
        }
        if (withGrads) {
            for (int p = 0; p < parts; p++) {
                if (workers.get(p).grads == null) {
                    workers.get(p).grads = newGradients();
                }
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private Blas.Resident r(String name) {
        return resident.get(name);
    }

    private float[] p(String name) {
        return params.get(name);
    }

    /** One thread's share of a batch: its own buffers, sized for up to {@code capacity} examples. */
    private final class Worker {
        final int capacity;
        final Blas blas = new Blas();
        final int e = config.encoderSize();
        final int z = config.zSize();
        final boolean hier = config.decoder() == DecoderType.HIERARCHICAL;
        final boolean atHits = config.regression() == Regression.AT_HITS;
        final int cs = config.conductorSize();
        final int condSize = hier ? cs : z;
        final int segments = hier ? Groove.BARS : 1;
        final List<Integer> d = config.decoderSizes();
        final int stateSize = d.stream().mapToInt(s -> 2 * s).sum();
        final float[] xt;
        final float[] pt;
        final LstmRun encF;
        final LstmRun encB;
        final float[] feat;
        final float[] mu;
        final float[] sp;
        final float[] sigma;
        final float[] zs;
        final float[] klPerExample;
        final float[] condInit;
        final LstmRun conductor;
        final float[][] cond;
        final float[][] sInit;
        final float[][] add0;
        final LstmRun[] dec;
        final float[] logits;
        final float[][] dH;
        final float[] dEnc;
        final float[][] dAdd;
        final float[][] dCond;
        final float[][] dS;
        final float[] dCondInit;
        final float[] dConductorH;
        final float[] dz;
        final float[] dmu;
        final float[] dsp;
        final float[] dfeat;
        /** Every LSTM run of this worker, for setting the batch in use. */
        final List<LstmRun> runs = new ArrayList<>();
        Map<String, float[]> grads;
        int b;
        private float[] target;
        private int fromRow;

        Worker(int capacity) {
            this.capacity = capacity;
            int rows = T * capacity;
            xt = new float[rows * F];
            pt = new float[rows * F];
            encF = new LstmRun(e, capacity, T, 1, false, false);
            encB = new LstmRun(e, capacity, T, 1, true, false);
            feat = new float[capacity * 2 * e];
            mu = new float[capacity * z];
            sp = new float[capacity * z];
            sigma = new float[capacity * z];
            zs = new float[capacity * z];
            klPerExample = new float[capacity];
            condInit = hier ? new float[capacity * 2 * cs] : null;
            conductor = hier ? new LstmRun(cs, capacity, Groove.BARS, 1, false, true) : null;
            cond = new float[segments][];
            sInit = new float[segments][capacity * stateSize];
            add0 = new float[segments][capacity * 4 * d.get(0)];
            dAdd = new float[segments][capacity * 4 * d.get(0)];
            dCond = new float[segments][capacity * condSize];
            dS = new float[segments][capacity * stateSize];
            for (int s = 0; s < segments; s++) {
                cond[s] = hier ? new float[capacity * cs] : zs;
            }
            dec = new LstmRun[d.size()];
            dH = new float[d.size()][];
            for (int l = 0; l < d.size(); l++) {
                dec[l] = new LstmRun(d.get(l), capacity, T, segments, false, true);
                dH[l] = new float[rows * d.get(l)];
            }
            logits = new float[rows * F];
            dEnc = new float[rows * e];
            dCondInit = hier ? new float[capacity * 2 * cs] : null;
            dConductorH = hier ? new float[Groove.BARS * capacity * cs] : null;
            dz = new float[capacity * z];
            dmu = new float[capacity * z];
            dsp = new float[capacity * z];
            dfeat = new float[capacity * 2 * e];
            runs.addAll(List.of(encF, encB));
            if (conductor != null) {
                runs.add(conductor);
            }
            runs.addAll(List.of(dec));
        }

        /** Forward (and backward) of examples [from, from + n); returns summed loss parts. */
        double[] run(float[] input, float[] x, float[] prev, float[] eps, int from, int n, int total, double beta,
                     boolean backward) {
            if (n > capacity) {
                throw new IllegalArgumentException(n + " examples for a worker of " + capacity);
            }
            b = n;
            for (LstmRun run : runs) {
                run.setBatch(n);
            }
            target = x;
            fromRow = from;
            double[] sums = forward(input, x, prev, eps, from, beta);
            if (backward) {
                for (float[] g : grads.values()) {
                    Arrays.fill(g, 0f);
                }
                backward(eps, from, 1.0 / total, beta);
            }
            return sums;
        }


        private double[] forward(float[] input, float[] x, float[] prev, float[] eps, int from, double beta) {
            int rows = T * b;
            timeMajor(input, from, xt); // the encoder's input (and its Wx gradient's); x stays the target
            timeMajor(prev, from, pt);
            // encoder: [T·B, F]·Wx + b for all steps, then the recurrences
            blas.mul(xt, 0, rows, F, r(inputWeights(ENCODER_FW)), false, p(bias(ENCODER_FW)), encF.gates, 0, Blas.Into.SET);
            encF.forward(blas, r(recurrentWeights(ENCODER_FW)), null);
            blas.mul(xt, 0, rows, F, r(inputWeights(ENCODER_BW)), false, p(bias(ENCODER_BW)), encB.gates, 0, Blas.Into.SET);
            encB.forward(blas, r(recurrentWeights(ENCODER_BW)), null);
            int lastFw = encF.stateOffset(T - 1);
            int lastBw = encB.stateOffset(0);
            for (int i = 0; i < b; i++) {
                System.arraycopy(encF.h, lastFw + i * e, feat, i * 2 * e, e);
                System.arraycopy(encB.h, lastBw + i * e, feat, i * 2 * e + e, e);
            }
            // z = mu + softplus(f·Ws + bs) * eps                                      [B, Z]
            blas.mul(feat, 0, b, 2 * e, r(kernel(ENCODER_MU)), false, p(bias(ENCODER_MU)), mu, 0, Blas.Into.SET);
            blas.mul(feat, 0, b, 2 * e, r(kernel(ENCODER_SIGMA)), false, p(bias(ENCODER_SIGMA)), sp, 0, Blas.Into.SET);
            for (int i = 0; i < b * z; i++) {
                double v = sp[i];
                sigma[i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
                zs[i] = mu[i] + sigma[i] * eps[from * z + i];
            }
            // the conditioning of each decoder segment: z (flat) or the conductor's bar embeddings
            if (hier) {
                blas.mul(zs, 0, b, z, r(kernel(CONDUCTOR_INIT)), false, p(bias(CONDUCTOR_INIT)), condInit, 0, Blas.Into.SET);
                Fused.tanh(condInit, 0, b * 2 * cs);
                for (int i = 0; i < b; i++) {
                    System.arraycopy(condInit, i * 2 * cs, conductor.c0[0], i * cs, cs);
                    System.arraycopy(condInit, i * 2 * cs + cs, conductor.h0[0], i * cs, cs);
                }
                float[] bias = p(bias(CONDUCTOR_LSTM));
                for (int row = 0; row < Groove.BARS * b; row++) {
                    System.arraycopy(bias, 0, conductor.gates, row * 4 * cs, 4 * cs);
                }
                conductor.forward(blas, r(recurrentWeights(CONDUCTOR_LSTM)), null);
                for (int s = 0; s < segments; s++) {
                    System.arraycopy(conductor.h, conductor.stateOffset(s), cond[s], 0, b * cs);
                }
            }
            // initial states of every layer, per segment: tanh(cond·W + b) split [c_0, h_0, c_1, h_1, ...]
            for (int s = 0; s < segments; s++) {
                blas.mul(cond[s], 0, b, condSize, r(kernel(DECODER_INIT)), false, p(bias(DECODER_INIT)), sInit[s], 0,
                    Blas.Into.SET);
                Fused.tanh(sInit[s], 0, b * stateSize);
                int off = 0;
                for (int l = 0; l < d.size(); l++) {
                    int hs = d.get(l);
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(sInit[s], i * stateSize + off, dec[l].c0[s], i * hs, hs);
                        System.arraycopy(sInit[s], i * stateSize + off + hs, dec[l].h0[s], i * hs, hs);
                    }
                    off += 2 * hs;
                }
            }
            // decoder layer 0: prev·Wx[prev rows] for all steps + (cond·Wx[cond rows] + b) per segment
            blas.mul(pt, 0, rows, F, r(PREV_ROWS), false, null, dec[0].gates, 0, Blas.Into.SET);
            for (int s = 0; s < segments; s++) {
                blas.mul(cond[s], 0, b, condSize, r(COND_ROWS), false, p(bias(decoderLstm(0))), add0[s], 0, Blas.Into.SET);
            }
            dec[0].forward(blas, r(recurrentWeights(decoderLstm(0))), add0);
            for (int l = 1; l < d.size(); l++) {
                String n = decoderLstm(l);
                blas.mul(dec[l - 1].h, 0, rows, d.get(l - 1), r(inputWeights(n)), false, p(bias(n)), dec[l].gates, 0,
                    Blas.Into.SET);
                dec[l].forward(blas, r(recurrentWeights(n)), null);
            }
            LstmRun top = dec[d.size() - 1];
            blas.mul(top.h, 0, rows, top.hidden, r(kernel(DECODER_OUT)), false, p(bias(DECODER_OUT)), logits, 0,
                Blas.Into.SET);
            return losses(x, from, beta);
        }

        /** Loss sums over this worker's examples; {@link #logits} becomes dL/dlogits (of the mean over {@code total}). */
        private double[] losses(float[] x, int from, double beta) {
            double hit = 0;
            double vel = 0;
            double off = 0;
            double kl = 0;
            double cost = 0;
            for (int i = 0; i < b; i++) {
                double k = 0;
                for (int j = 0; j < z; j++) {
                    double m = mu[i * z + j];
                    double s = sigma[i * z + j];
                    k += 0.5 * (m * m + s * s - 1) - Math.log(s + 1e-8);
                }
                klPerExample[i] = (float) k;
                kl += k;
                cost += beta * Math.max(0, k - FREE_NATS);
            }
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < b; i++) {
                    int lr = (t * b + i) * F;
                    int tr = ((from + i) * T + t) * F;
                    for (int cl = 0; cl < C; cl++) {
                        double l = logits[lr + cl];
                        double tg = x[tr + cl];
                        hit += Math.max(l, 0) - l * tg + Math.log1p(Math.exp(-Math.abs(l)));
                        // at-hits regression: no velocity or offset error where the target has no hit
                        double mask = atHits ? tg : 1;
                        double v = 1 / (1 + Math.exp(-logits[lr + C + cl]));
                        double dv = v - x[tr + C + cl];
                        vel += mask * dv * dv;
                        double o = Math.tanh(logits[lr + 2 * C + cl]);
                        double dof = o - x[tr + 2 * C + cl];
                        off += mask * dof * dof;
                    }
                }
            }
            return new double[] {hit + vel + off + cost, hit, vel, off, kl};
        }

        private void backward(float[] eps, int from, double scale, double beta) {
            int rows = T * b;
            dLogits(scale);
            LstmRun top = dec[d.size() - 1];
            blas.accumulateTransposed(top.h, 0, top.hidden, logits, 0, F, rows, g(kernel(DECODER_OUT)), 0);
            Fused.addColumnSums(logits, 0, rows, F, g(bias(DECODER_OUT)));
            blas.mul(logits, 0, rows, F, r(kernel(DECODER_OUT)), true, null, dH[d.size() - 1], 0, Blas.Into.SET);
            for (int l = d.size() - 1; l >= 0; l--) {
                String n = decoderLstm(l);
                int g4 = 4 * d.get(l);
                dec[l].backward(blas, r(recurrentWeights(n)), dH[l], g(recurrentWeights(n)));
                Fused.addColumnSums(dec[l].gates, 0, rows, g4, g(bias(n)));
                if (l > 0) {
                    blas.accumulateTransposed(dec[l - 1].h, 0, d.get(l - 1), dec[l].gates, 0, g4, rows, g(inputWeights(n)), 0);
                    blas.mul(dec[l].gates, 0, rows, g4, r(inputWeights(n)), true, null, dH[l - 1], 0, Blas.Into.SET);
                }
            }
            // layer 0's input weights: the prev rows over all steps, the cond rows once per segment
            int g40 = 4 * d.get(0);
            blas.accumulateTransposed(pt, 0, F, dec[0].gates, 0, g40, rows, g(inputWeights(decoderLstm(0))), 0);
            int segLen = dec[0].segmentLength();
            for (int s = 0; s < segments; s++) {
                float[] da = dAdd[s];
                Arrays.fill(da, 0, b * g40, 0f);
                for (int k = 0; k < segLen; k++) {
                    Fused.addInto(dec[0].gates, dec[0].gateOffset(dec[0].time(s, k)), da, 0, b * g40);
                }
                blas.accumulateTransposed(cond[s], 0, condSize, da, 0, g40, b, g(inputWeights(decoderLstm(0))), F * g40);
                blas.mul(da, 0, b, g40, r(COND_ROWS), true, null, dCond[s], 0, Blas.Into.SET);
            }
            // initial states: d(tanh) then the init projection, per segment
            for (int s = 0; s < segments; s++) {
                float[] ds = dS[s];
                int off = 0;
                for (int l = 0; l < d.size(); l++) {
                    int hs = d.get(l);
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(dec[l].dc0[s], i * hs, ds, i * stateSize + off, hs);
                        System.arraycopy(dec[l].dh0[s], i * hs, ds, i * stateSize + off + hs, hs);
                    }
                    off += 2 * hs;
                }
                tanhBackward(ds, sInit[s], b * stateSize);
                blas.accumulateTransposed(cond[s], 0, condSize, ds, 0, stateSize, b, g(kernel(DECODER_INIT)), 0);
                Fused.addColumnSums(ds, 0, b, stateSize, g(bias(DECODER_INIT)));
                blas.mul(ds, 0, b, stateSize, r(kernel(DECODER_INIT)), true, null, dCond[s], 0, Blas.Into.ADD);
            }
            // the conductor (hierarchical) or z itself (flat)
            if (hier) {
                for (int s = 0; s < segments; s++) {
                    System.arraycopy(dCond[s], 0, dConductorH, conductor.stateOffset(s), b * cs);
                }
                conductor.backward(blas, r(recurrentWeights(CONDUCTOR_LSTM)), dConductorH, g(recurrentWeights(CONDUCTOR_LSTM)));
                Fused.addColumnSums(conductor.gates, 0, Groove.BARS * b, 4 * cs, g(bias(CONDUCTOR_LSTM)));
                for (int i = 0; i < b; i++) {
                    System.arraycopy(conductor.dc0[0], i * cs, dCondInit, i * 2 * cs, cs);
                    System.arraycopy(conductor.dh0[0], i * cs, dCondInit, i * 2 * cs + cs, cs);
                }
                tanhBackward(dCondInit, condInit, b * 2 * cs);
                blas.accumulateTransposed(zs, 0, z, dCondInit, 0, 2 * cs, b, g(kernel(CONDUCTOR_INIT)), 0);
                Fused.addColumnSums(dCondInit, 0, b, 2 * cs, g(bias(CONDUCTOR_INIT)));
                blas.mul(dCondInit, 0, b, 2 * cs, r(kernel(CONDUCTOR_INIT)), true, null, dz, 0, Blas.Into.SET);
            } else {
                System.arraycopy(dCond[0], 0, dz, 0, b * z);
            }
            // z = mu + sigma * eps, sigma = softplus(sp); KL with free bits: beta * relu(kl - free)
            for (int i = 0; i < b; i++) {
                boolean klActive = klPerExample[i] > FREE_NATS;
                double kw = beta * scale;
                for (int j = 0; j < z; j++) {
                    int q = i * z + j;
                    double dm = dz[q];
                    double dsg = dz[q] * eps[from * z + q];
                    if (klActive) {
                        dm += kw * mu[q];
                        dsg += kw * (sigma[q] - 1 / (sigma[q] + 1e-8));
                    }
                    dmu[q] = (float) dm;
                    dsp[q] = (float) (dsg / (1 + Math.exp(-sp[q])));
                }
            }
            blas.accumulateTransposed(feat, 0, 2 * e, dmu, 0, z, b, g(kernel(ENCODER_MU)), 0);
            Fused.addColumnSums(dmu, 0, b, z, g(bias(ENCODER_MU)));
            blas.accumulateTransposed(feat, 0, 2 * e, dsp, 0, z, b, g(kernel(ENCODER_SIGMA)), 0);
            Fused.addColumnSums(dsp, 0, b, z, g(bias(ENCODER_SIGMA)));
            blas.mul(dmu, 0, b, z, r(kernel(ENCODER_MU)), true, null, dfeat, 0, Blas.Into.SET);
            blas.mul(dsp, 0, b, z, r(kernel(ENCODER_SIGMA)), true, null, dfeat, 0, Blas.Into.ADD);
            // the encoder's final states get the features' gradient; nothing else reaches its h from above
            encoderBackward(encF, ENCODER_FW, T - 1, 0);
            encoderBackward(encB, ENCODER_BW, 0, e);
        }

        private void encoderBackward(LstmRun run, String name, int lastStep, int featOff) {
            int rows = T * b;
            int at = run.stateOffset(lastStep);
            Arrays.fill(dEnc, 0, rows * e, 0f);
            for (int i = 0; i < b; i++) {
                System.arraycopy(dfeat, i * 2 * e + featOff, dEnc, at + i * e, e);
            }
            run.backward(blas, r(recurrentWeights(name)), dEnc, g(recurrentWeights(name)));
            blas.accumulateTransposed(xt, 0, F, run.gates, 0, 4 * e, rows, g(inputWeights(name)), 0);
            Fused.addColumnSums(run.gates, 0, rows, 4 * e, g(bias(name)));
        }

        /** dL/dlogits of the batch-mean loss, in place over {@link #logits}. */
        private void dLogits(double scale) {
            int rows = T * b;
            for (int r = 0; r < rows; r++) {
                int lr = r * F;
                int t = r / b;
                int i = r % b;
                int tr = ((fromRow + i) * T + t) * F;
                for (int cl = 0; cl < C; cl++) {
                    double l = logits[lr + cl];
                    logits[lr + cl] = (float) (scale * (1 / (1 + Math.exp(-l)) - target[tr + cl]));
                    double mask = atHits ? target[tr + cl] : 1;
                    double v = 1 / (1 + Math.exp(-logits[lr + C + cl]));
                    logits[lr + C + cl] = (float) (scale * mask * 2 * (v - target[tr + C + cl]) * v * (1 - v));
                    double o = Math.tanh(logits[lr + 2 * C + cl]);
                    logits[lr + 2 * C + cl] = (float) (scale * mask * 2 * (o - target[tr + 2 * C + cl]) * (1 - o * o));
                }
            }
        }

        /** {@code ds *= 1 - y^2} where y = tanh(.) of the forward pass. */
        private void tanhBackward(float[] ds, float[] y, int count) {
            for (int i = 0; i < count; i++) {
                ds[i] *= 1 - y[i] * y[i];
            }
        }

        private float[] g(String name) {
            return grads.get(name);
        }

        /** [batch, T, F] rows [from, from + b) to time-major [T·b, F]. */
        private void timeMajor(float[] src, int from, float[] dst) {
            for (int i = 0; i < b; i++) {
                for (int t = 0; t < T; t++) {
                    System.arraycopy(src, ((from + i) * T + t) * F, dst, (t * b + i) * F, F);
                }
            }
        }
    }
}
