package org.backbeat.train;

import static org.backbeat.model.WeightSchema.*;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.groove.Groove;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.Regression;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GrooVAE training graph in SameDiff, exactly the math of {@code docs/model.md}.
 *
 * <p>Every LSTM is unrolled into plain ops. DL4J M2.1's native {@code lstmLayer} leaks off-heap
 * memory on every call and returns wrong gradients when initial states are supplied (which both
 * decoders need); the unrolled graph trains with flat memory and is faster
 * ({@code ../shared/notes/dl4j-m2.1.md}). Teacher forcing: the decoder reads the placeholder
 * {@code prev} (the target shifted by one step, prepared by the trainer with dropout applied), so
 * the graph has no data-dependent control flow.
 *
 * <p>Placeholders: {@code x} [B, 64, 27] targets and encoder input, {@code prev} [B, 64, 27],
 * {@code eps} [B, Z] reparameterisation noise, {@code beta} [1] KL weight.
 * Outputs: {@code loss} (scalar, minimised), {@code hitLoss}, {@code velocityLoss},
 * {@code offsetLoss}, {@code kl} (batch means), {@code mu} [B, Z], {@code logits} [B, 64, 27].
 */
public final class GrooveGraph {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    /** Magenta's free bits are bits: 48 bits = 48 ln 2 nats of KL are free. */
    public static final double FREE_BITS = 48;

    private static final int T = Groove.STEPS;
    private static final int F = Groove.FEATURES;
    private static final int C = Groove.CLASSES;

    private final SameDiff sd;
    private final ModelConfig config;
    private final Map<String, SDVariable> vars = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();

    private GrooveGraph(ModelConfig config, ModelWeights init, double freeBits) {
        this.config = config;
        this.sd = SameDiff.create();
        for (Map.Entry<String, ModelWeights.Param> e : init.asMap().entrySet()) {
            int[] shape = e.getValue().shape();
            long[] ls = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                ls[i] = shape[i];
            }
            INDArray arr = Nd4j.create(e.getValue().data().clone(), ls, DataType.FLOAT);
            vars.put(e.getKey(), sd.var(sdName(e.getKey()), arr));
            shapes.put(e.getKey(), shape);
        }
        build(freeBits);
    }

    public static GrooveGraph build(ModelConfig config, ModelWeights init) {
        return new GrooveGraph(config, init, FREE_BITS);
    }

    static String sdName(String weightName) {
        return weightName.replace('/', '_');
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * A forward pass (no training) for the named outputs. Use this, not {@code sameDiff().output}:
     * SameDiff M2.1 keeps one {@code InferenceSession} per thread across calls, and the session adds
     * the id of every array it releases to a set it never clears ({@code freedArrays}), ~3,500 ids a
     * pass for the training graph. With a loss report every 10 steps that is ~22 MB of Java heap per
     * 1,000 steps that can never be collected, and the collector's own tables grow with the heap it
     * commits. Dropping the session after each pass starts the next from an empty set; a new session
     * costs nothing measurable against the pass.
     */
    public Map<String, INDArray> output(Map<String, INDArray> feed, String... outputs) {
        try {
            return sd.output(feed, outputs);
        } finally {
            sd.getSessions().clear();
        }
    }

    /** Names (model weight names) of the trainable variables, in the model's order. */
    public List<String> weightNames() {
        return List.copyOf(vars.keySet());
    }

    /** The graph's own weight arrays under the model's names (live: training updates them in place). */
    Map<String, INDArray> weightArrays() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, SDVariable> e : vars.entrySet()) {
            m.put(e.getKey(), e.getValue().getArr());
        }
        return m;
    }

    /** The current weights, copied out of the graph under the model's names. */
    public ModelWeights weights() {
        ModelWeights.Builder b = ModelWeights.builder();
        for (Map.Entry<String, SDVariable> e : vars.entrySet()) {
            INDArray arr = e.getValue().getArr();
            b.put(e.getKey(), shapes.get(e.getKey()), arr.dup('c').data().asFloat());
        }
        return b.build();
    }

    private SDVariable v(String name) {
        return vars.get(name);
    }

    private void build(double freeBits) {
        int e = config.encoderSize();
        int z = config.zSize();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, T, F);
        // what the encoder reads: x itself for a generate model, its transformation for humanize or drumify
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, T, F);
        SDVariable prev = sd.placeHolder("prev", DataType.FLOAT, -1, T, F);
        SDVariable eps = sd.placeHolder("eps", DataType.FLOAT, -1, z);
        SDVariable beta = sd.placeHolder("beta", DataType.FLOAT, 1);

        // ---- encoder: one input projection for all steps, then the recurrences
        SDVariable xTime = input.permute(1, 0, 2).reshape(-1, F);          // [T*B, F]
        SDVariable hFw = encoderDirection(xTime, ENCODER_FW, e, false);
        SDVariable hBw = encoderDirection(xTime, ENCODER_BW, e, true);
        SDVariable f = sd.concat(1, hFw, hBw);                              // [B, 2E]
        SDVariable mu = sd.identity("mu", f.mmul(v(kernel(ENCODER_MU))).add(v(bias(ENCODER_MU))));
        SDVariable sigma = sd.nn().softplus(f.mmul(v(kernel(ENCODER_SIGMA))).add(v(bias(ENCODER_SIGMA))));
        SDVariable zs = mu.add(sigma.mul(eps));

        // ---- decoder over teacher-forced inputs
        SDVariable prevTime = prev.permute(1, 0, 2).reshape(-1, F);        // [T*B, F]
        SDVariable[] tops;
        if (config.decoder() == DecoderType.FLAT) {
            tops = decoderSegment(zs, z, prevTime, 0, T, T);
        } else {
            int cs = config.conductorSize();
            SDVariable c = sd.math().tanh(zs.mmul(cols(v(kernel(CONDUCTOR_INIT)), 0, cs, z)).add(cols1(v(bias(CONDUCTOR_INIT)), 0, cs)));
            SDVariable h = sd.math().tanh(zs.mmul(cols(v(kernel(CONDUCTOR_INIT)), cs, cs, z)).add(cols1(v(bias(CONDUCTOR_INIT)), cs, cs)));
            tops = new SDVariable[T];
            int steps = Groove.STEPS_PER_BAR;
            for (int bar = 0; bar < Groove.BARS; bar++) {
                SDVariable gates = h.mmul(v(recurrentWeights(CONDUCTOR_LSTM))).add(v(bias(CONDUCTOR_LSTM)));
                SDVariable[] st = cell(gates, c, cs);
                h = st[0];
                c = st[1];
                SDVariable[] seg = decoderSegment(h, cs, prevTime, bar * steps, steps, T);
                System.arraycopy(seg, 0, tops, bar * steps, steps);
            }
        }
        int top = config.decoderOutputSize();
        SDVariable hTop = sd.stack(0, tops).reshape(-1, top);               // [T*B, D]
        SDVariable logitsTime = hTop.mmul(v(kernel(DECODER_OUT))).add(v(bias(DECODER_OUT))).reshape(T, -1, F);
        SDVariable logits = sd.identity("logits", logitsTime.permute(1, 0, 2)); // [B, T, F]

        // ---- losses (per example, summed over steps and features, as Magenta's GrooVAE)
        SDVariable[] lg = sd.split(logits, 3, 2);
        SDVariable[] tg = sd.split(x, 3, 2);
        SDVariable hitLogit = lg[0];
        SDVariable bce = sd.nn().relu(hitLogit, 0).sub(hitLogit.mul(tg[0]))
            .add(sd.math().log1p(sd.math().exp(sd.math().abs(hitLogit).mul(-1.0))));
        SDVariable hitLoss = bce.sum(1, 2);
        SDVariable velSq = sd.nn().sigmoid(lg[1]).squaredDifference(tg[1]);
        SDVariable offSq = sd.math().tanh(lg[2]).squaredDifference(tg[2]);
        if (config.regression() == Regression.AT_HITS) { // no error where the target has no hit
            velSq = velSq.mul(tg[0]);
            offSq = offSq.mul(tg[0]);
        }
        SDVariable velLoss = velSq.sum(1, 2);
        SDVariable offLoss = offSq.sum(1, 2);
        SDVariable kl = mu.mul(mu).add(sigma.mul(sigma)).sub(1.0).mul(0.5)
            .sub(sd.math().log(sigma.add(1e-8))).sum(1);
        SDVariable klCost = sd.nn().relu(kl.sub(freeBits * Math.log(2)), 0);
        SDVariable perExample = hitLoss.add(velLoss).add(offLoss).add(klCost.mul(beta));
        sd.mean("loss", perExample, 0);
        sd.mean("hitLoss", hitLoss, 0);
        sd.mean("velocityLoss", velLoss, 0);
        sd.mean("offsetLoss", offLoss, 0);
        sd.mean("kl", kl, 0);
        sd.setLossVariables("loss");
    }

    private SDVariable encoderDirection(SDVariable xTime, String name, int hs, boolean reverse) {
        SDVariable proj = xTime.mmul(v(inputWeights(name))).add(v(bias(name))).reshape(T, -1, 4 * hs);
        SDVariable[] steps = sd.unstack(proj, 0, T);
        SDVariable h = null;
        SDVariable c = null;
        for (int i = 0; i < T; i++) {
            SDVariable g = steps[reverse ? T - 1 - i : i];
            if (h != null) {
                g = g.add(h.mmul(v(recurrentWeights(name))));
            }
            SDVariable[] st = cell(g, c, hs);
            h = st[0];
            c = st[1];
        }
        return h;
    }

    /**
     * The (bottom) decoder over steps [from, from + steps), conditioned on {@code cond} [B, condSize]
     * (z for the flat decoder, the bar embedding for the hierarchical one). Returns the top
     * layer's h per step.
     */
    private SDVariable[] decoderSegment(SDVariable cond, int condSize, SDVariable prevTime, int from, int steps, int total) {
        List<Integer> d = config.decoderSizes();
        int layers = d.size();
        SDVariable[] h = new SDVariable[layers];
        SDVariable[] c = new SDVariable[layers];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int hs = d.get(l);
            int stateSize = d.stream().mapToInt(s -> 2 * s).sum();
            c[l] = sd.math().tanh(cond.mmul(cols(v(kernel(DECODER_INIT)), off, hs, condSize)).add(cols1(v(bias(DECODER_INIT)), off, hs)));
            h[l] = sd.math().tanh(cond.mmul(cols(v(kernel(DECODER_INIT)), off + hs, hs, condSize)).add(cols1(v(bias(DECODER_INIT)), off + hs, hs)));
            off += 2 * hs;
        }
        int g0 = 4 * d.get(0);
        SDVariable wx0 = v(inputWeights(decoderLstm(0)));
        SDVariable wxPrev = sd.slice(wx0, new int[] {0, 0}, F, g0);
        SDVariable wxCond = sd.slice(wx0, new int[] {F, 0}, condSize, g0);
        SDVariable condProj = cond.mmul(wxCond).add(v(bias(decoderLstm(0))));    // [B, 4D0], once per segment
        SDVariable prevProj = prevTime.mmul(wxPrev).reshape(total, -1, g0);
        SDVariable[] prevSteps = sd.unstack(prevProj, 0, total);
        SDVariable[] out = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            SDVariable g = prevSteps[from + t].add(condProj).add(h[0].mmul(v(recurrentWeights(decoderLstm(0)))));
            SDVariable[] st = cell(g, c[0], d.get(0));
            h[0] = st[0];
            c[0] = st[1];
            for (int l = 1; l < layers; l++) {
                String n = decoderLstm(l);
                SDVariable gl = h[l - 1].mmul(v(inputWeights(n))).add(v(bias(n))).add(h[l].mmul(v(recurrentWeights(n))));
                SDVariable[] sl = cell(gl, c[l], d.get(l));
                h[l] = sl[0];
                c[l] = sl[1];
            }
            out[t] = h[layers - 1];
        }
        return out;
    }

    /** One LSTM cell; gates hold x·Wx + h·Wr + b in [i, f, g, o] order. {@code c} null = zero state. */
    private SDVariable[] cell(SDVariable gates, SDVariable c, int hs) {
        SDVariable[] g = sd.split(gates, 4, 1);
        SDVariable input = sd.nn().sigmoid(g[0]).mul(sd.math().tanh(g[2]));
        SDVariable cNew = c == null ? input : sd.nn().sigmoid(g[1]).mul(c).add(input);
        SDVariable hNew = sd.nn().sigmoid(g[3]).mul(sd.math().tanh(cNew));
        return new SDVariable[] {hNew, cNew};
    }

    /** Columns [from, from + n) of a [rows, *] weight. */
    private SDVariable cols(SDVariable w, int from, int n, int rows) {
        return sd.slice(w, new int[] {0, from}, rows, n);
    }

    private SDVariable cols1(SDVariable b, int from, int n) {
        return sd.slice(b, new int[] {from}, n);
    }
}
