package org.backbeat.model;

import static org.backbeat.model.WeightSchema.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.backbeat.groove.Groove;

/**
 * The inference path: GrooVAE in plain Java float arrays, exactly the math of
 * {@code docs/model.md}, batched so that one pass over each weight row serves every z in a call.
 * The z (or bar embedding) part of the decoder's first input projection is computed once per
 * sequence instead of once per step. Immutable and thread-safe: every call allocates its own state.
 * A call may use a second thread ({@link #setThreads}): the encoder's directions; a decode's
 * layers, split by hidden units (or, where a layer does not halve on vector boundaries, its rows).
 */
public final class FastGrooveModel implements GrooveModel {

    private static final int F = Groove.FEATURES;
    private static final int C = Groove.CLASSES;
    private static final int T = Groove.STEPS;

    private final StoredModel stored;
    private final ModelConfig config;
    private final Lstm encFw;
    private final Lstm encBw;
    private final Dense mu;
    private final Dense sigma;
    private final Dense conductorInit;
    private final Lstm conductor;
    private final Dense decoderInit;
    private final Lstm[] decoder;
    private final Dense out;

    /** An LSTM's weights: Wx [nIn, 4H], Wr [H, 4H], b [4H], gates [i, f, g, o]. */
    record Lstm(float[] wx, float[] wr, float[] b, int nIn, int h) {
    }

    /** A dense layer: W [nIn, nOut], b [nOut]. */
    record Dense(float[] w, float[] b, int nIn, int nOut) {
    }

    public FastGrooveModel(ModelConfig config, ModelWeights weights) {
        this(new StoredModel(config, weights, ModelCard.named("untitled", ""), List.of()));
    }

    public FastGrooveModel(StoredModel stored) {
        this.stored = stored;
        this.config = stored.config();
        ModelWeights w = stored.weights();
        int e = config.encoderSize();
        int z = config.zSize();
        encFw = lstm(w, ENCODER_FW, F, e);
        encBw = lstm(w, ENCODER_BW, F, e);
        mu = dense(w, ENCODER_MU, 2 * e, z);
        sigma = dense(w, ENCODER_SIGMA, 2 * e, z);
        int condition = z;
        if (config.decoder() == DecoderType.HIERARCHICAL) {
            int cs = config.conductorSize();
            conductorInit = dense(w, CONDUCTOR_INIT, z, 2 * cs);
            conductor = new Lstm(new float[0], w.get(recurrentWeights(CONDUCTOR_LSTM), cs, 4 * cs), w.get(bias(CONDUCTOR_LSTM), 4 * cs), 0, cs);
            condition = cs;
        } else {
            conductorInit = null;
            conductor = null;
        }
        List<Integer> d = config.decoderSizes();
        int stateSize = d.stream().mapToInt(h -> 2 * h).sum();
        decoderInit = dense(w, DECODER_INIT, condition, stateSize);
        decoder = new Lstm[d.size()];
        for (int l = 0; l < d.size(); l++) {
            decoder[l] = lstm(w, decoderLstm(l), l == 0 ? F + condition : d.get(l - 1), d.get(l));
        }
        out = dense(w, DECODER_OUT, config.decoderOutputSize(), F);
    }

    private static Lstm lstm(ModelWeights w, String name, int nIn, int h) {
        return new Lstm(w.get(inputWeights(name), nIn, 4 * h), w.get(recurrentWeights(name), h, 4 * h), w.get(bias(name), 4 * h), nIn, h);
    }

    private static Dense dense(ModelWeights w, String name, int nIn, int nOut) {
        return new Dense(w.get(kernel(name), nIn, nOut), w.get(bias(name), nOut), nIn, nOut);
    }

    public StoredModel stored() {
        return stored;
    }

    /** Always present: a model built from weights alone has a card of its own. */
    @Override
    public Optional<StoredModel> file() {
        return Optional.of(stored);
    }

    public ModelCard card() {
        return stored.card();
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public List<LatentDirection> directions() {
        return stored.directions();
    }

    /**
     * Waits until model calls use the fastest kernel (a fresh JVM starts on the scalar one while the
     * Vector API kernel is compiled in the background; see {@code Kernels}). For benchmarks that time
     * steady-state speed. Returns false if it did not happen within {@code millis}.
     */
    public static boolean awaitFastKernels(long millis) throws InterruptedException {
        return !(Kernels.INSTANCE instanceof Kernels.Tiered t) || t.awaitSwitch(millis);
    }

    /**
     * Holds back (true) or lets go (false) the background compilation of the fast kernel. The studio
     * holds it while its window is built: on 2 cores that compilation would take the core JavaFX
     * needs, and the scalar kernel decodes the first groove fast enough. Calls are never blocked.
     */
    public static void holdKernelWarmUp(boolean hold) {
        if (Kernels.INSTANCE instanceof Kernels.Tiered t) {
            t.hold(hold);
        }
    }

    /**
     * Sets how many threads one model call may use (1: the calling thread only). The encoder's two
     * directions run on two; a decode's layers are split by hidden units between two (a batch's
     * rows, where the layers do not halve on vector boundaries, across all).
     * Default {@code -Dbackbeat.inference.threads}, else two where there are two cores (the CLI and
     * the benchmarks); the studio asks for one ({@link #useOneThreadUnlessAsked}). Results are the
     * same for every count.
     */
    public static void setThreads(int threads) {
        InferenceThreads.set(threads);
    }

    /**
     * One thread per model call, unless {@code -Dbackbeat.inference.threads} asks otherwise: the
     * studio's choice, so that the player and the UI keep a core while a batch decodes. Measured
     * with {@code backbeat bench-playback --while batch} on 2 cores: a batch decoding without pause
     * on two threads raised the player's p99 from 1.4 to 3.8 ms; on one thread it stayed at the
     * idle figure (docs/benchmarks.md).
     */
    public static void useOneThreadUnlessAsked() {
        if (System.getProperty(InferenceThreads.PROPERTY) == null) {
            InferenceThreads.set(1);
        }
    }

    /** How many threads one model call may use now. */
    public static int threads() {
        return InferenceThreads.get();
    }

    @Override
    public String backend() {
        return "CPU, " + Kernels.INSTANCE.name();
    }

    // ---------------------------------------------------------------- encoder

    @Override
    public List<LatentCode> encode(List<Groove> grooves) {
        float[][] tensors = new float[grooves.size()][T * F];
        for (int i = 0; i < tensors.length; i++) {
            grooves.get(i).toTensor(tensors[i], 0);
        }
        return encodeTensors(tensors);
    }

    /** Encodes 64 x 27 tensors given row-major (Magenta's layout and offset convention). */
    public List<LatentCode> encodeTensors(float[][] tensors) {
        int batch = tensors.length;
        if (batch == 0) {
            return List.of();
        }
        int e = config.encoderSize();
        Kernels kern = Kernels.INSTANCE.forCall(); // one kernel for the whole call: same input, same output
        float[] x = new float[batch * T * F];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(tensors[b], 0, x, b * T * F, T * F);
        }
        float[] final2 = new float[batch * 2 * e];
        // the two directions are independent (each writes its own half of final2): one per thread
        Runnable fw = () -> runEncoderDirection(kern, encFw, x, batch, false, final2, 0);
        Runnable bw = () -> runEncoderDirection(kern, encBw, x, batch, true, final2, e);
        InferenceThreads.runAll(InferenceThreads.get() > 1 ? List.of(fw, bw) : List.of(() -> {
            fw.run();
            bw.run();
        }));
        float[] m = denseForward(kern, mu, final2, batch);
        float[] s = denseForward(kern, sigma, final2, batch);
        int z = config.zSize();
        List<LatentCode> codes = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] mb = new float[z];
            float[] sb = new float[z];
            for (int i = 0; i < z; i++) {
                mb[i] = m[b * z + i];
                sb[i] = softplus(s[b * z + i]);
            }
            codes.add(new LatentCode(mb, sb));
        }
        return codes;
    }

    private void runEncoderDirection(Kernels kern, Lstm l, float[] x, int batch, boolean reverse, float[] dst, int dstOff) {
        int g4 = 4 * l.h();
        // input projection of every step at once: [batch * T, F] x [F, 4H]
        float[] proj = new float[batch * T * g4];
        kern.matmulAdd(x, 0, F, batch * T, F, l.wx(), g4, proj, 0, g4);
        float[] h = new float[batch * l.h()];
        float[] c = new float[batch * l.h()];
        float[] gates = new float[batch * g4];
        for (int step = 0; step < T; step++) {
            int t = reverse ? T - 1 - step : step;
            for (int b = 0; b < batch; b++) {
                int src = (b * T + t) * g4;
                for (int j = 0; j < g4; j++) {
                    gates[b * g4 + j] = proj[src + j] + l.b()[j];
                }
            }
            cell(kern, l, h, c, gates, batch);
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h, b * l.h(), dst, b * 2 * config.encoderSize() + dstOff, l.h());
        }
    }

    // ---------------------------------------------------------------- decoder

    /** Logits and step outputs (row-major 64 x 27 each) of a batch of decodes. */
    public record DecodeResult(float[][] logits, float[][] outputs) {
    }

    @Override
    public List<Groove> decode(List<float[]> zs, double temperature, long seed, double qpm) {
        return grooves(decodeDetailed(zs, temperature, seed, null), qpm);
    }

    @Override
    public List<Decoded> decodeGuided(List<float[]> zs, List<Sampling> samplings, List<Guide> guides, double qpm) {
        return decodeLocked(zs, samplings, guides, java.util.Collections.nCopies(zs.size(), null), qpm);
    }

    @Override
    public List<Decoded> decodeLocked(List<float[]> zs, List<Sampling> samplings, List<Guide> guides,
                                      List<Lock> locks, double qpm) {
        if (samplings.size() != zs.size() || guides.size() != zs.size() || locks.size() != zs.size()) {
            throw new IllegalArgumentException(samplings.size() + " samplings, " + guides.size() + " guides and "
                + locks.size() + " locks for " + zs.size() + " z");
        }
        float[][] inputs = new float[zs.size()][T * F];
        Locked[] locked = new Locked[zs.size()];
        for (int b = 0; b < locked.length; b++) {
            Lock l = locks.get(b);
            if (l != null && !l.isEmpty()) {
                float[] ref = new float[T * F];
                l.reference().toTensor(ref, 0);
                locked[b] = new Locked(ref, l.cells());
            }
        }
        DecodeResult r = decodeDetailed(zs, samplings.toArray(new Sampling[0]), null,
            new Guides(guides.toArray(new Guide[0]), inputs, locked));
        List<Groove> grooves = grooves(r, qpm);
        List<Decoded> out = new ArrayList<>(grooves.size());
        for (int b = 0; b < grooves.size(); b++) {
            out.add(new Decoded(grooves.get(b), inputs[b]));
        }
        return out;
    }

    /**
     * Per-z guides and locks (entries may be null) and where to record the inputs each decode saw.
     */
    private record Guides(Guide[] guides, float[][] inputs, Locked[] locks) {
    }

    /** A lock as the decoder applies it: the reference's tensor (64 x 27) and its locked cells (64 x 9). */
    private record Locked(float[] tensor, boolean[] cells) {
    }

    private static List<Groove> grooves(DecodeResult r, double qpm) {
        List<Groove> grooves = new ArrayList<>(r.outputs().length);
        float[][] rows = new float[T][F];
        for (float[] o : r.outputs()) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(o, t * F, rows[t], 0, F);
            }
            grooves.add(Groove.fromTensor(rows, qpm));
        }
        return grooves;
    }

    /**
     * Decodes a batch of z, the b-th with the draws of the b-th split of a generator seeded by
     * {@code seed}. With {@code teacher} (one 64 x 27 target per z), step t's input is the
     * target's step t-1 instead of the model's own output: the training graph's teacher forcing,
     * used to compare the two paths logit by logit.
     */
    public DecodeResult decodeDetailed(List<float[]> zs, double temperature, long seed, float[][] teacher) {
        Sampling[] samplings = new Sampling[zs.size()];
        SplittableRandom root = new SplittableRandom(seed);
        for (int b = 0; b < samplings.length; b++) {
            samplings[b] = Sampling.of(temperature, root.split());
        }
        return decodeDetailed(zs, samplings, teacher, null);
    }

    private DecodeResult decodeDetailed(List<float[]> zs, Sampling[] rng, float[][] teacher, Guides guides) {
        int batch = zs.size();
        Kernels kern = Kernels.INSTANCE.forCall(); // one kernel for the whole call: same input, same output
        float[][] logits = new float[batch][];
        float[][] outputs = new float[batch][];
        if (InferenceThreads.get() > 1 && batch <= columnSplitMaxBatch() && splitsByColumns(kern)) {
            // Two threads in lock step, each computing half of every layer's hidden units for all
            // rows: the only split a single decode has, and one that keeps each core's half of the
            // weights in its own L2 cache where the whole would not fit one (docs/benchmarks.md).
            DecodeResult[] result = new DecodeResult[1];
            SplitStep step = new SplitStep(batch);
            PairTeam.run((team, member) -> {
                step.team = team;
                try {
                    result[0] = decodeRows(kern, zs, rng, teacher, guides, step);
                } finally {
                    step.finish();
                }
            }, (team, member) -> step.helperLoop(kern, team));
            return result[0];
        }
        // Rows are independent (own z, own draws, own guide): a run of rows per thread. Each row's
        // arithmetic does not depend on which rows share its kernel call (Kernels), so the result
        // does not depend on the thread count.
        int[] at = InferenceThreads.split(batch, InferenceThreads.get());
        List<Runnable> parts = new ArrayList<>(at.length - 1);
        for (int p = 0; p + 1 < at.length; p++) {
            int lo = at[p];
            int hi = at[p + 1];
            parts.add(() -> {
                DecodeResult r = decodeRows(kern, zs.subList(lo, hi), java.util.Arrays.copyOfRange(rng, lo, hi),
                    teacher == null ? null : java.util.Arrays.copyOfRange(teacher, lo, hi),
                    guides == null ? null : new Guides(java.util.Arrays.copyOfRange(guides.guides(), lo, hi),
                        java.util.Arrays.copyOfRange(guides.inputs(), lo, hi),
                        java.util.Arrays.copyOfRange(guides.locks(), lo, hi)), null);
                System.arraycopy(r.logits(), 0, logits, lo, hi - lo);
                System.arraycopy(r.outputs(), 0, outputs, lo, hi - lo);
            });
        }
        InferenceThreads.runAll(parts);
        return new DecodeResult(logits, outputs);
    }

    private DecodeResult decodeRows(Kernels kern, List<float[]> zs, Sampling[] rng, float[][] teacher, Guides guides,
                                    SplitStep split) {
        int batch = zs.size();
        int z = config.zSize();
        float[] zFlat = new float[batch * z];
        for (int b = 0; b < batch; b++) {
            if (zs.get(b).length != z) {
                throw new IllegalArgumentException("z has " + zs.get(b).length + " values, the model needs " + z);
            }
            System.arraycopy(zs.get(b), 0, zFlat, b * z, z);
        }
        float[][] logits = new float[batch][T * F];
        float[][] outputs = new float[batch][T * F];
        float[] prev = new float[batch * F];
        if (config.decoder() == DecoderType.FLAT) {
            decodeSegment(kern, zFlat, z, batch, 0, T, prev, rng, teacher, guides, logits, outputs, split);
        } else {
            int cs = config.conductorSize();
            float[] init = denseForward(kern, conductorInit, zFlat, batch);
            tanhInPlace(init);
            float[] c = new float[batch * cs];
            float[] h = new float[batch * cs];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(init, b * 2 * cs, c, b * cs, cs);
                System.arraycopy(init, b * 2 * cs + cs, h, b * cs, cs);
            }
            float[] gates = new float[batch * 4 * cs];
            int steps = Groove.STEPS_PER_BAR;
            for (int bar = 0; bar < Groove.BARS; bar++) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(conductor.b(), 0, gates, b * 4 * cs, 4 * cs);
                }
                cell(kern, conductor, h, c, gates, batch);
                decodeSegment(kern, h.clone(), cs, batch, bar * steps, steps, prev, rng, teacher, guides, logits,
                    outputs, split);
            }
        }
        return new DecodeResult(logits, outputs);
    }

    /** Runs the (bottom) decoder over steps [from, from + steps) conditioned on {@code cond} [batch, condSize]. */
    private void decodeSegment(Kernels kern, float[] cond, int condSize, int batch, int from, int steps, float[] prev,
                               Sampling[] rng, float[][] teacher, Guides guides,
                               float[][] logits, float[][] outputs, SplitStep split) {
        int layers = decoder.length;
        boolean headsAtHits = config.regression() == Regression.AT_HITS;
        float[] init = denseForward(kern, decoderInit, cond, batch);
        tanhInPlace(init);
        int stateSize = decoderInit.nOut();
        float[][] h = new float[layers][];
        float[][] c = new float[layers][];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int hs = decoder[l].h();
            h[l] = new float[batch * hs];
            c[l] = new float[batch * hs];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(init, b * stateSize + off, c[l], b * hs, hs);
                System.arraycopy(init, b * stateSize + off + hs, h[l], b * hs, hs);
            }
            off += 2 * hs;
        }
        // layer 0: bias + condition part of the input projection, once per segment
        Lstm l0 = decoder[0];
        int g0 = 4 * l0.h();
        float[] condProj = new float[batch * g0];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(l0.b(), 0, condProj, b * g0, g0);
        }
        float[] wxCond = java.util.Arrays.copyOfRange(l0.wx(), F * g0, (F + condSize) * g0);
        kern.matmulAdd(cond, 0, condSize, batch, condSize, wxCond, g0, condProj, 0, g0);
        float[][] gates = new float[layers][];
        for (int l = 0; l < layers; l++) {
            gates[l] = new float[batch * 4 * decoder[l].h()];
        }
        float[] logit = new float[batch * F];
        if (split != null) {
            split.startSegment(h, c, condProj, prev);
        }
        for (int t = from; t < from + steps; t++) {
            if (teacher != null) {
                for (int b = 0; b < batch; b++) {
                    if (t == 0) {
                        java.util.Arrays.fill(prev, b * F, b * F + F, 0f);
                    } else {
                        System.arraycopy(teacher[b], (t - 1) * F, prev, b * F, F);
                    }
                }
            }
            if (guides != null) {
                for (int b = 0; b < batch; b++) {
                    Guide gd = guides.guides()[b];
                    if (gd != null) {
                        double a = gd.feedback();
                        float[] ref = gd.inputs();
                        for (int j = 0; j < F; j++) {
                            prev[b * F + j] = (float) (a * prev[b * F + j] + (1 - a) * ref[t * F + j]);
                        }
                    }
                    Locked lock = guides.locks()[b];
                    if (gd != null && lock != null && t > 0) { // a guide does not loosen a lock
                        int at = (t - 1) * F;
                        for (int k = 0; k < C; k++) {
                            if (lock.cells()[(t - 1) * C + k]) {
                                prev[b * F + k] = lock.tensor()[at + k];
                                prev[b * F + C + k] = lock.tensor()[at + C + k];
                                prev[b * F + 2 * C + k] = lock.tensor()[at + 2 * C + k];
                            }
                        }
                    }
                    System.arraycopy(prev, b * F, guides.inputs()[b], t * F, F);
                }
            }
            float[] topH;
            if (split != null) {
                topH = split.layers(kern);
            } else {
                System.arraycopy(condProj, 0, gates[0], 0, condProj.length);
                kern.matmulAdd(prev, 0, F, batch, F, l0.wx(), g0, gates[0], 0, g0);
                cell(kern, l0, h[0], c[0], gates[0], batch);
                for (int l = 1; l < layers; l++) {
                    Lstm ll = decoder[l];
                    int g = 4 * ll.h();
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(ll.b(), 0, gates[l], b * g, g);
                    }
                    kern.matmulAdd(h[l - 1], 0, decoder[l - 1].h(), batch, decoder[l - 1].h(), ll.wx(), g, gates[l], 0, g);
                    cell(kern, ll, h[l], c[l], gates[l], batch);
                }
                topH = h[layers - 1];
            }
            int top = decoder[layers - 1].h();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(out.b(), 0, logit, b * F, F);
            }
            kern.matmulAdd(topH, 0, top, batch, top, out.w(), F, logit, 0, F);
            for (int b = 0; b < batch; b++) {
                float[] o = outputs[b];
                int at = t * F;
                System.arraycopy(logit, b * F, logits[b], at, F);
                for (int k = 0; k < C; k++) {
                    float lg = logit[b * F + k];
                    o[at + k] = rng[b].hit(lg, t, k) ? 1f : 0f;
                    o[at + C + k] = sigmoid(logit[b * F + C + k]);
                    o[at + 2 * C + k] = (float) Math.tanh(logit[b * F + 2 * C + k]);
                    if (headsAtHits) {
                        if (o[at + k] == 0f) {
                            // heads trained at hits only say nothing here; the decoder was taught
                            // (teacher forcing) with 0 where there is no hit, so 0 is fed back
                            o[at + C + k] = 0f;
                            o[at + 2 * C + k] = 0f;
                        }
                    } else if (rng[b].given(t, k)) {
                        givenHit(o, at, k, sigmoid(lg));
                    }
                }
                Locked lock = guides == null ? null : guides.locks()[b];
                if (lock != null) {
                    // the locked cells replace the model's before they are fed back as step t + 1's input
                    for (int k = 0; k < C; k++) {
                        if (lock.cells()[t * C + k]) {
                            o[at + k] = lock.tensor()[at + k];
                            o[at + C + k] = lock.tensor()[at + C + k];
                            o[at + 2 * C + k] = lock.tensor()[at + 2 * C + k];
                        }
                    }
                }
                System.arraycopy(o, at, prev, b * F, F);
            }
        }
    }

    /** The least hit probability {@link #givenHit} divides by: a hit the model all but ruled out. */
    static final float GIVEN_HIT_FLOOR = 0.05f;

    /**
     * The velocity of a hit that is played whatever the model's probability {@code p} (humanize
     * plays the input's hits). Training fits the velocity head by squared error to targets that are
     * 0 where there is no hit, so its output is about {@code p * E[velocity | hit]}: a hit the model
     * thought unlikely would come out near silent. Dividing by {@code p} reads the head as given the
     * hit, which is the question humanize asks. Offsets stay as they are: their targets are signed
     * and centred on 0, and the same reading made them worse on the validation split (docs/model.md).
     */
    static void givenHit(float[] o, int at, int k, float p) {
        o[at + C + k] = Math.min(1f, o[at + C + k] / Math.max(GIVEN_HIT_FLOOR, p));
    }

    // ---------------------------------------------------------------- a decode split by hidden units

    /**
     * Batches up to this size decode on two threads split by hidden units ({@link SplitStep}),
     * larger ones by rows; {@code -Dbackbeat.inference.columnBatch=N} sets it (0: always by rows).
     * By default every batch: side by side on the AVX-512 Xeon, splitting by units made decode(11)
     * 17.5 ms against 25.4 by rows and sample(5) 13.4 against 15.8, as each core then streams half
     * the weights, from its own L2, for all rows (docs/benchmarks.md, 2026-12-02).
     */
    static int columnSplitMaxBatch() {
        return Integer.getInteger("backbeat.inference.columnBatch", Integer.MAX_VALUE);
    }

    /** Whether every decoder layer halves on the kernel's column boundaries (see {@link Kernels#columnAlignment}). */
    private boolean splitsByColumns(Kernels kern) {
        for (Lstm l : decoder) {
            if (l.h() % (2 * kern.columnAlignment()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One half of a decoder layer's weights, its hidden units [part*u, (part+1)*u) with u = H/2:
     * the columns of those units of the four gates, packed side by side ([nIn, 4u], [H, 4u], [4u]),
     * so that each thread streams one contiguous matrix. Column for column the products are those
     * of the whole matrix (same k order, same vector lanes), so a split decode is bit-identical.
     */
    private record HalfLstm(float[] wx, float[] wr, float[] b, int u) {
        static HalfLstm of(Lstm l, int part, int inputRows) {
            int h = l.h();
            int u = h / 2;
            return new HalfLstm(columns(l.wx(), inputRows, h, part, u), columns(l.wr(), h, h, part, u),
                columns(l.b(), 1, h, part, u), u);
        }

        private static float[] columns(float[] w, int rows, int h, int part, int u) {
            float[] out = new float[rows * 4 * u];
            for (int k = 0; k < rows; k++) {
                for (int gate = 0; gate < 4; gate++) {
                    System.arraycopy(w, k * 4 * h + gate * h + part * u, out, k * 4 * u + gate * u, u);
                }
            }
            return out;
        }
    }

    private volatile HalfLstm[][] halves;

    /** The decoder's layers halved, [layer][part], made once per model on the first split decode. */
    private HalfLstm[][] halves() {
        HalfLstm[][] hv = halves;
        if (hv == null) {
            hv = new HalfLstm[decoder.length][2];
            for (int l = 0; l < decoder.length; l++) {
                for (int part = 0; part < 2; part++) {
                    // layer 0's condition rows are not here: their product is made once per segment
                    hv[l][part] = HalfLstm.of(decoder[l], part, l == 0 ? F : decoder[l].nIn());
                }
            }
            halves = hv;
        }
        return hv;
    }

    /**
     * The decoder's layers of one step on two threads, each computing half of every layer's hidden
     * units for all rows, meeting after each layer (the next layer needs all of h). The caller
     * writes the shared state (this object's fields) only between a step's last sync and the next
     * step's first; the helper reads it only after a sync. h is double-buffered: a step reads the
     * previous h whole while both halves of the new one are written.
     */
    private final class SplitStep {
        private final int batch;
        private final HalfLstm[][] half = halves();
        /** [part][layer] gate buffers, batch x 4u. */
        private final float[][][] gates;
        volatile PairTeam team;
        private float[][] hOld;
        private float[][] hNew;
        private float[][] c;
        private float[] condProj;
        private float[] prev;
        private boolean fresh;
        private boolean stop;

        SplitStep(int batch) {
            this.batch = batch;
            gates = new float[2][decoder.length][];
            for (int part = 0; part < 2; part++) {
                for (int l = 0; l < decoder.length; l++) {
                    gates[part][l] = new float[batch * 4 * half[l][part].u()];
                }
            }
        }

        /** A segment starts from these states (h, c per layer), condition product and input row. */
        void startSegment(float[][] h, float[][] cells, float[] cond, float[] input) {
            hOld = h;
            hNew = new float[h.length][];
            for (int l = 0; l < h.length; l++) {
                hNew[l] = new float[h[l].length];
            }
            c = cells;
            condProj = cond;
            prev = input;
            fresh = true;
        }

        /** The caller's side of one step; returns the top layer's new h. */
        float[] layers(Kernels kern) {
            if (!fresh) {
                float[][] t = hOld;
                hOld = hNew;
                hNew = t;
            }
            fresh = false;
            team.sync(0);
            parts(kern, team, 0);
            return hNew[decoder.length - 1];
        }

        /** The helper's side: a step each time the caller starts one, until {@link #finish}. */
        void helperLoop(Kernels kern, PairTeam t) {
            while (true) {
                t.sync(1);
                if (stop) {
                    return;
                }
                parts(kern, t, 1);
            }
        }

        void finish() {
            stop = true;
            if (team != null) {
                team.sync(0);
            }
        }

        private void parts(Kernels kern, PairTeam t, int member) {
            boolean both = t.solo();
            for (int l = 0; l < decoder.length; l++) {
                if (both) {
                    layerHalf(kern, l, 0);
                    layerHalf(kern, l, 1);
                } else {
                    layerHalf(kern, l, member);
                }
                t.sync(member);
            }
        }

        /** Layer l's hidden units of one half: the same operations, in the same order, as the whole layer. */
        private void layerHalf(Kernels kern, int l, int part) {
            HalfLstm hl = half[l][part];
            int h = decoder[l].h();
            int u = hl.u();
            int g = 4 * u;
            float[] gt = gates[part][l];
            for (int b = 0; b < batch; b++) {
                for (int gate = 0; gate < 4; gate++) {
                    if (l == 0) {
                        System.arraycopy(condProj, b * 4 * h + gate * h + part * u, gt, b * g + gate * u, u);
                    } else {
                        System.arraycopy(hl.b(), gate * u, gt, b * g + gate * u, u);
                    }
                }
            }
            if (l == 0) {
                kern.matmulAdd(prev, 0, F, batch, F, hl.wx(), g, gt, 0, g);
            } else {
                int below = decoder[l - 1].h();
                kern.matmulAdd(hNew[l - 1], 0, below, batch, below, hl.wx(), g, gt, 0, g);
            }
            kern.matmulAdd(hOld[l], 0, h, batch, h, hl.wr(), g, gt, 0, g);
            for (int b = 0; b < batch; b++) {
                kern.cell(gt, b * g, u, c[l], b * h + part * u, hNew[l], b * h + part * u);
            }
        }
    }

    // ---------------------------------------------------------------- shared pieces

    /** gates already hold x·Wx + b; adds h·Wr, then updates h and c in place. Gate order [i, f, g, o]. */
    private static void cell(Kernels kern, Lstm l, float[] h, float[] c, float[] gates, int batch) {
        int hs = l.h();
        int g4 = 4 * hs;
        kern.matmulAdd(h, 0, hs, batch, hs, l.wr(), g4, gates, 0, g4);
        for (int b = 0; b < batch; b++) {
            kern.cell(gates, b * g4, hs, c, b * hs, h, b * hs);
        }
    }

    private static float[] denseForward(Kernels kern, Dense d, float[] x, int batch) {
        float[] y = new float[batch * d.nOut()];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(d.b(), 0, y, b * d.nOut(), d.nOut());
        }
        kern.matmulAdd(x, 0, d.nIn(), batch, d.nIn(), d.w(), d.nOut(), y, 0, d.nOut());
        return y;
    }

    private static void tanhInPlace(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.tanh(v[i]);
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh through one exp (an intrinsic), ~4x cheaper than Math.tanh and within 1e-7 of it. */
    static float tanh(float x) {
        if (x > 15f) {
            return 1f;
        }
        if (x < -15f) {
            return -1f;
        }
        double e = Math.exp(2.0 * x);
        return (float) ((e - 1.0) / (e + 1.0));
    }

    static float softplus(float x) {
        return (float) (x > 20 ? x : Math.log1p(Math.exp(x)));
    }

    // ---------------------------------------------------------------- API conveniences

    @Override
    public List<Groove> sample(int count, double temperature, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> zs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] z = new float[config.zSize()];
            for (int k = 0; k < z.length; k++) {
                z[k] = (float) r.nextGaussian();
            }
            zs.add(z);
        }
        return decode(zs, temperature, r.nextLong(), Groove.DEFAULT_QPM);
    }

    @Override
    public List<Groove> interpolate(Groove a, Groove b, int steps, Interpolation mode) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps");
        }
        List<LatentCode> codes = encode(List.of(a, b));
        List<float[]> zs = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            zs.add(Latent.interpolate(codes.get(0).mean(), codes.get(1).mean(), i / (double) (steps - 1), mode));
        }
        DecodeResult r = decodeDetailed(zs, 0, 0, null);
        List<Groove> out = new ArrayList<>(steps);
        float[][] rows = new float[T][F];
        for (int i = 0; i < steps; i++) {
            double qpm = a.qpm() + (b.qpm() - a.qpm()) * i / (steps - 1);
            for (int t = 0; t < T; t++) {
                System.arraycopy(r.outputs()[i], t * F, rows[t], 0, F);
            }
            out.add(Groove.fromTensor(rows, qpm));
        }
        return out;
    }
}
