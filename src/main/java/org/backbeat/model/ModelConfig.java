package org.backbeat.model;

import java.util.List;
import org.backbeat.groove.DrumMapping;

/**
 * The hyper-parameters that fix a model's shape. Sizes are not constants: the shipped model, a
 * Magenta.js import and a tiny test model differ only here. The exact math and the weight names
 * every size implies are specified in {@code docs/model.md}.
 *
 * @param encoderSize  LSTM units per direction of the bidirectional encoder
 * @param zSize        latent size
 * @param decoder      flat or hierarchical
 * @param decoderSizes LSTM layer sizes of the (bottom) decoder, first layer first
 * @param conductorSize LSTM units of the hierarchical conductor (0 for a flat decoder)
 * @param mapping      drum pitch table used to read MIDI for this model
 * @param task         what the model was trained for: which input its encoder sees ({@link Task})
 * @param regression   where its velocity and offset heads were trained ({@link Regression})
 */
public record ModelConfig(int encoderSize, int zSize, DecoderType decoder, List<Integer> decoderSizes,
                          int conductorSize, DrumMapping mapping, Task task, Regression regression) {

    public ModelConfig {
        decoderSizes = List.copyOf(decoderSizes);
        task = task == null ? Task.GENERATE : task;
        regression = regression == null ? Regression.ALL_STEPS : regression;
        if (encoderSize <= 0 || zSize <= 0 || decoderSizes.isEmpty()
            || decoderSizes.stream().anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("model sizes must be positive");
        }
        if (encoderSize > MAX_SIZE || zSize > MAX_SIZE || conductorSize > MAX_SIZE
            || decoderSizes.stream().anyMatch(s -> s > MAX_SIZE) || decoderSizes.size() > 16) {
            // beyond these a weight matrix no longer fits a Java array (and no file of sane size)
            throw new IllegalArgumentException("model sizes must be at most " + MAX_SIZE + " with at most 16 decoder "
                + "layers");
        }
        if (decoder == DecoderType.HIERARCHICAL && conductorSize <= 0) {
            throw new IllegalArgumentException("a hierarchical decoder needs a conductor size");
        }
        if (decoder == DecoderType.FLAT && conductorSize != 0) {
            throw new IllegalArgumentException("a flat decoder has no conductor");
        }
    }

    /** A model of {@code task} whose heads were trained at every step, as GrooVAE's. */
    public ModelConfig(int encoderSize, int zSize, DecoderType decoder, List<Integer> decoderSizes, int conductorSize,
                       DrumMapping mapping, Task task) {
        this(encoderSize, zSize, decoder, decoderSizes, conductorSize, mapping, task, Regression.ALL_STEPS);
    }

    /** A generate model (the encoder sees the groove itself). */
    public ModelConfig(int encoderSize, int zSize, DecoderType decoder, List<Integer> decoderSizes, int conductorSize,
                       DrumMapping mapping) {
        this(encoderSize, zSize, decoder, decoderSizes, conductorSize, mapping, Task.GENERATE);
    }

    /** The same shape trained for {@code t}: fine-tuning a generate model into a humanize one keeps every weight. */
    public ModelConfig withTask(Task t) {
        return new ModelConfig(encoderSize, zSize, decoder, decoderSizes, conductorSize, mapping, t, regression);
    }

    /** The same shape with its heads trained at {@code r}. */
    public ModelConfig withRegression(Regression r) {
        return new ModelConfig(encoderSize, zSize, decoder, decoderSizes, conductorSize, mapping, task, r);
    }

    /** Largest layer size a model may have (the paper's are 512 and 256). */
    public static final int MAX_SIZE = 8192;

    /** Magenta's {@code groovae_4bar}: encoder 512 per direction, z 256, flat LSTM [256, 256]. */
    public static ModelConfig groovae4Bar() {
        return new ModelConfig(512, 256, DecoderType.FLAT, List.of(256, 256), 0, DrumMapping.ROLAND);
    }

    /** The hierarchical alternative at comparable size: conductor 256, bottom LSTM [256]. */
    public static ModelConfig hierarchical4Bar() {
        return new ModelConfig(512, 256, DecoderType.HIERARCHICAL, List.of(256), 256, DrumMapping.ROLAND);
    }

    /** Size of the last decoder layer, which feeds the output projection. */
    public int decoderOutputSize() {
        return decoderSizes.get(decoderSizes.size() - 1);
    }
}
