package org.backbeat.model;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.groove.Groove;

/**
 * Every weight's name and shape, declared once ({@code docs/model.md}, "Weight names"): the
 * initializer, the inference path, both training engines and the Magenta importer name weights
 * through these constants, and {@link #of} lists what a config must hold.
 */
public final class WeightSchema {

    /** The encoder's two LSTM directions. */
    public static final String ENCODER_FW = "encoder/fw";
    public static final String ENCODER_BW = "encoder/bw";
    /** Dense layers from the encoder's features to mu and to sigma (before softplus). */
    public static final String ENCODER_MU = "encoder/mu";
    public static final String ENCODER_SIGMA = "encoder/sigma";
    /** Hierarchical only: z to the conductor's initial [c, h], and the conductor LSTM (no input weights). */
    public static final String CONDUCTOR_INIT = "conductor/init";
    public static final String CONDUCTOR_LSTM = "conductor/lstm";
    /** The condition (z or a bar embedding) to every decoder layer's initial [c, h]. */
    public static final String DECODER_INIT = "decoder/init";
    /** The top decoder layer's h to the 27 logits. */
    public static final String DECODER_OUT = "decoder/out";

    private static final String INPUT = "/Wx";
    private static final String RECURRENT = "/Wr";
    private static final String KERNEL = "/W";
    private static final String BIAS = "/b";

    private WeightSchema() {
    }

    /** Layer {@code l} of the (bottom) decoder LSTM. */
    public static String decoderLstm(int l) {
        return "decoder/lstm" + l;
    }

    /** An LSTM's input weights [nIn, 4H]. */
    public static String inputWeights(String lstm) {
        return lstm + INPUT;
    }

    /** An LSTM's recurrent weights [H, 4H]. */
    public static String recurrentWeights(String lstm) {
        return lstm + RECURRENT;
    }

    /** A dense layer's kernel [nIn, nOut]. */
    public static String kernel(String dense) {
        return dense + KERNEL;
    }

    /** The bias of an LSTM [4H] or a dense layer [nOut]. */
    public static String bias(String layer) {
        return layer + BIAS;
    }

    /** What a weight is, for its initialisation. */
    public enum Kind { KERNEL, LSTM_BIAS, DENSE_BIAS }

    /** One weight: its name, shape and kind. */
    public record Entry(String name, int[] shape, Kind kind) {
        public int size() {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** Every weight of a model of this config, in the model's order. */
    public static List<Entry> of(ModelConfig c) {
        List<Entry> out = new ArrayList<>();
        int f = Groove.FEATURES;
        int e = c.encoderSize();
        int z = c.zSize();
        lstm(out, ENCODER_FW, f, e, true);
        lstm(out, ENCODER_BW, f, e, true);
        dense(out, ENCODER_MU, 2 * e, z);
        dense(out, ENCODER_SIGMA, 2 * e, z);
        int condition = z;
        if (c.decoder() == DecoderType.HIERARCHICAL) {
            int cs = c.conductorSize();
            dense(out, CONDUCTOR_INIT, z, 2 * cs);
            lstm(out, CONDUCTOR_LSTM, 0, cs, false);
            condition = cs;
        }
        List<Integer> d = c.decoderSizes();
        dense(out, DECODER_INIT, condition, d.stream().mapToInt(h -> 2 * h).sum());
        for (int l = 0; l < d.size(); l++) {
            lstm(out, decoderLstm(l), l == 0 ? f + condition : d.get(l - 1), d.get(l), true);
        }
        dense(out, DECODER_OUT, c.decoderOutputSize(), f);
        return out;
    }

    private static void lstm(List<Entry> out, String name, int in, int h, boolean hasInput) {
        if (hasInput) {
            out.add(new Entry(inputWeights(name), new int[] {in, 4 * h}, Kind.KERNEL));
        }
        out.add(new Entry(recurrentWeights(name), new int[] {h, 4 * h}, Kind.KERNEL));
        out.add(new Entry(bias(name), new int[] {4 * h}, Kind.LSTM_BIAS));
    }

    private static void dense(List<Entry> out, String name, int in, int n) {
        out.add(new Entry(kernel(name), new int[] {in, n}, Kind.KERNEL));
        out.add(new Entry(bias(name), new int[] {n}, Kind.DENSE_BIAS));
    }
}
