package org.backbeat.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backbeat.model.DecoderType;

/**
 * The training presets, declared once: {@code train --preset}, the wizard's menu and the card's
 * {@code preset} key spell them by {@link #label()}.
 */
public enum Preset {
    /** A few minutes (fine-tuning a small folder). */
    QUICK,
    /** An hour. */
    STANDARD,
    /** A day. */
    FULL,
    /** Magenta's own recipe of that name ({@link TrainingOptions#groovae4Bar}). */
    GROOVAE_4BAR;

    /** {@code quick}, {@code standard}, {@code full}, {@code groovae_4bar}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The labels in order, for help texts and usage errors. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Preset::label).toList();
    }

    /**
     * The preset a label names.
     *
     * @throws IllegalArgumentException naming the presets, for any other name
     */
    public static Preset parse(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equals(label)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + label + "' ("
                + String.join(", ", labels()) + ")"));
    }

    /** This preset's options for a model trained from scratch with decoder {@code decoder}. */
    public TrainingOptions options(DecoderType decoder) {
        TrainingOptions.Builder b = TrainingOptions.builder(TrainingOptions.defaultModel(decoder))
            .learningRate(1e-3, 1e-5, 0.9999).dropoutKeep(0.3).maxBeta(0.2).seed(0)
            .weightAverage(TrainingOptions.DEFAULT_WEIGHT_AVERAGE);
        return switch (this) {
            case QUICK -> b.batchSize(32).steps(300).betaWarmup(100).validateEvery(25).checkpointEvery(2).build();
            case STANDARD -> b.batchSize(64).steps(3000).betaWarmup(1000).validateEvery(200).checkpointEvery(5).build();
            case FULL -> b.batchSize(64).steps(50_000).betaWarmup(5000).validateEvery(500).checkpointEvery(10).build();
            case GROOVAE_4BAR -> TrainingOptions.groovae4Bar(decoder);
        };
    }
}
