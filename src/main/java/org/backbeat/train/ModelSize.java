package org.backbeat.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;

/**
 * The sizes a model is trained at from scratch, each for either decoder: declared once here for
 * {@code train --size}, {@code bench --size}, the wizard and the memory benchmark.
 */
public enum ModelSize {
    /**
     * The smallest model with a default structure: the flat decoder's two layers, or the
     * hierarchical decoder's conductor and one bottom layer. The same graph, ops and training loop
     * per step as the full size at a fraction of the step time, for long memory runs; not offered by
     * {@code train}.
     */
    TINY,
    /** Quick experiments: encoder 64, z 32. */
    SMALL,
    /** Backbeat's size on a CPU, the shipped model's: encoder 256 per direction, z 256. */
    DEFAULT,
    /** The GrooVAE paper's ({@code groovae_4bar}): encoder 512, z 256. */
    PAPER;

    /** The sizes {@code train} offers (tiny is the benchmarks' only). */
    public static final List<ModelSize> TRAINABLE = List.of(SMALL, DEFAULT, PAPER);

    /** The name a flag spells: {@code tiny}, {@code small}, {@code default}, {@code paper}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The labels of {@code sizes} in order, for help texts and usage errors. */
    public static List<String> labels(List<ModelSize> sizes) {
        return sizes.stream().map(ModelSize::label).toList();
    }

    /** The size a label names, or null for any other name (callers word their own error). */
    public static ModelSize parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /** This size with decoder {@code d}. */
    public ModelConfig config(DecoderType d) {
        boolean flat = d == DecoderType.FLAT;
        return switch (this) {
            case TINY -> new ModelConfig(16, 8, d, flat ? List.of(16, 16) : List.of(16), flat ? 0 : 16,
                DrumMapping.ROLAND);
            case SMALL -> new ModelConfig(64, 32, d, flat ? List.of(64, 64) : List.of(64), flat ? 0 : 64,
                DrumMapping.ROLAND);
            case DEFAULT -> flat
                ? new ModelConfig(256, 256, d, List.of(256, 256), 0, DrumMapping.ROLAND)
                : new ModelConfig(256, 256, d, List.of(256), 256, DrumMapping.ROLAND);
            case PAPER -> flat ? ModelConfig.groovae4Bar() : ModelConfig.hierarchical4Bar();
        };
    }
}
