package org.backbeat.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backbeat.groove.Groove;

/**
 * Fresh weights for a config, with exactly the names and shapes of {@code docs/model.md}: this
 * class is the executable form of that table, so the training graph and the inference path build
 * from one list. Kernels are Glorot-uniform, biases zero except each LSTM's forget-gate block,
 * which starts at 1 (the bias TensorFlow adds at run time, folded in).
 */
public final class ModelInitializer {

    private static final int F = Groove.FEATURES;

    private ModelInitializer() {
    }

    /** How a weight starts: Glorot-uniform, an LSTM bias (forget block 1) or zeros. */
    private enum Kind { GLOROT, LSTM_BIAS, ZERO }

    private record Entry(String name, int[] shape, Kind kind) {
    }

    /** Every weight of {@code c} in file order, with its shape: the one list of docs/model.md. */
    private static List<Entry> layout(ModelConfig c) {
        List<Entry> l = new ArrayList<>();
        int e = c.encoderSize();
        int z = c.zSize();
        lstm(l, "encoder/fw", F, e);
        lstm(l, "encoder/bw", F, e);
        dense(l, "encoder/mu", 2 * e, z);
        dense(l, "encoder/sigma", 2 * e, z);
        List<Integer> d = c.decoderSizes();
        int condition = z;
        if (c.decoder() == DecoderType.HIERARCHICAL) {
            int cs = c.conductorSize();
            dense(l, "conductor/init", z, 2 * cs);
            l.add(new Entry("conductor/lstm/Wr", new int[] {cs, 4 * cs}, Kind.GLOROT));
            l.add(new Entry("conductor/lstm/b", new int[] {4 * cs}, Kind.LSTM_BIAS));
            condition = cs;
        }
        int stateSize = d.stream().mapToInt(h -> 2 * h).sum();
        dense(l, "decoder/init", condition, stateSize);
        for (int i = 0; i < d.size(); i++) {
            int in = i == 0 ? F + condition : d.get(i - 1);
            lstm(l, "decoder/lstm" + i, in, d.get(i));
        }
        dense(l, "decoder/out", c.decoderOutputSize(), F);
        return l;
    }

    /**
     * The names and shapes every weight of {@code c} must have, in file order, without making any
     * weights: what a model file is checked against before its weights are read.
     */
    public static Map<String, int[]> shapes(ModelConfig c) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Entry e : layout(c)) {
            m.put(e.name(), e.shape().clone());
        }
        return m;
    }

    public static ModelWeights random(ModelConfig c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ModelWeights.Builder b = ModelWeights.builder();
        for (Entry e : layout(c)) {
            int[] s = e.shape();
            float[] data = switch (e.kind()) {
                case GLOROT -> glorot(rnd, s[0], s[1]);
                case LSTM_BIAS -> lstmBias(s[0] / 4);
                case ZERO -> new float[s[0]];
            };
            b.put(e.name(), s, data);
        }
        return b.build();
    }

    private static void lstm(List<Entry> l, String name, int in, int h) {
        l.add(new Entry(name + "/Wx", new int[] {in, 4 * h}, Kind.GLOROT));
        l.add(new Entry(name + "/Wr", new int[] {h, 4 * h}, Kind.GLOROT));
        l.add(new Entry(name + "/b", new int[] {4 * h}, Kind.LSTM_BIAS));
    }

    private static void dense(List<Entry> l, String name, int in, int out) {
        l.add(new Entry(name + "/W", new int[] {in, out}, Kind.GLOROT));
        l.add(new Entry(name + "/b", new int[] {out}, Kind.ZERO));
    }

    /** Gate order [i, f, g, o]: the f block starts at 1. */
    private static float[] lstmBias(int h) {
        float[] bias = new float[4 * h];
        java.util.Arrays.fill(bias, h, 2 * h, 1f);
        return bias;
    }

    private static float[] glorot(SplittableRandom rnd, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }
}
