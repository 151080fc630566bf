package org.backbeat.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The two decoders of the MusicVAE family that Backbeat builds and compares. */
public enum DecoderType {
    /** GrooVAE's {@code groovae_4bar}: a stack of LSTMs over all 64 steps. */
    FLAT,
    /** MusicVAE's conductor LSTM over the 4 bars, then a bottom LSTM over each bar's 16 steps. */
    HIERARCHICAL;

    /** The name a model file, a flag and a menu spell: {@code flat}, {@code hierarchical}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The labels in order, for help texts and usage errors. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(DecoderType::label).toList();
    }

    /**
     * The decoder a label names, in any case (model files of every Backbeat wrote it in lower case);
     * the one place decoder names are read.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static DecoderType parse(String label) {
        for (DecoderType d : values()) {
            if (d.label().equals(label.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown decoder '" + label + "' (" + String.join(", ", labels()) + ")");
    }
}
