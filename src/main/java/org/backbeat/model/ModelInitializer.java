package org.backbeat.model;

import java.util.List;
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

    public static ModelWeights random(ModelConfig c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ModelWeights.Builder b = ModelWeights.builder();
        int e = c.encoderSize();
        int z = c.zSize();
        lstm(b, rnd, "encoder/fw", F, e);
        lstm(b, rnd, "encoder/bw", F, e);
        dense(b, rnd, "encoder/mu", 2 * e, z);
        dense(b, rnd, "encoder/sigma", 2 * e, z);
        List<Integer> d = c.decoderSizes();
        int condition = z;
        if (c.decoder() == DecoderType.HIERARCHICAL) {
            int cs = c.conductorSize();
            dense(b, rnd, "conductor/init", z, 2 * cs);
            b.put("conductor/lstm/Wr", new int[] {cs, 4 * cs}, glorot(rnd, cs, 4 * cs));
            b.put("conductor/lstm/b", new int[] {4 * cs}, lstmBias(cs));
            condition = cs;
        }
        int stateSize = d.stream().mapToInt(h -> 2 * h).sum();
        dense(b, rnd, "decoder/init", condition, stateSize);
        for (int l = 0; l < d.size(); l++) {
            int in = l == 0 ? F + condition : d.get(l - 1);
            lstm(b, rnd, "decoder/lstm" + l, in, d.get(l));
        }
        dense(b, rnd, "decoder/out", c.decoderOutputSize(), F);
        return b.build();
    }

    private static void lstm(ModelWeights.Builder b, SplittableRandom rnd, String name, int in, int h) {
        b.put(name + "/Wx", new int[] {in, 4 * h}, glorot(rnd, in, 4 * h));
        b.put(name + "/Wr", new int[] {h, 4 * h}, glorot(rnd, h, 4 * h));
        b.put(name + "/b", new int[] {4 * h}, lstmBias(h));
    }

    private static void dense(ModelWeights.Builder b, SplittableRandom rnd, String name, int in, int out) {
        b.put(name + "/W", new int[] {in, out}, glorot(rnd, in, out));
        b.put(name + "/b", new int[] {out}, new float[out]);
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
