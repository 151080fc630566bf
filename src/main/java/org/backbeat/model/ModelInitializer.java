package org.backbeat.model;

import java.util.SplittableRandom;

/**
 * Fresh weights for a config, with exactly the names and shapes of {@link WeightSchema}
 * ({@code docs/model.md}). Kernels are Glorot-uniform, biases zero except each LSTM's forget-gate
 * block, which starts at 1 (the bias TensorFlow adds at run time, folded in).
 */
public final class ModelInitializer {

    private ModelInitializer() {
    }

    /**
     * The names and shapes every weight of {@code c} must have, in file order, without making any
     * weights: what a model file is checked against before its weights are read.
     */
    public static java.util.Map<String, int[]> shapes(ModelConfig c) {
        java.util.Map<String, int[]> m = new java.util.LinkedHashMap<>();
        for (WeightSchema.Entry e : WeightSchema.of(c)) {
            m.put(e.name(), e.shape().clone());
        }
        return m;
    }

    public static ModelWeights random(ModelConfig c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ModelWeights.Builder b = ModelWeights.builder();
        for (WeightSchema.Entry e : WeightSchema.of(c)) {
            float[] data = switch (e.kind()) {
                case KERNEL -> glorot(rnd, e.shape()[0], e.shape()[1]);
                case LSTM_BIAS -> lstmBias(e.shape()[0] / 4);
                case DENSE_BIAS -> new float[e.shape()[0]];
            };
            b.put(e.name(), e.shape(), data);
        }
        return b.build();
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
