package org.backbeat.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.model.ModelWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of the trained weights (Polyak averaging), which the trainer
 * validates and saves instead of the last step's weights.
 *
 * <p>Why: at the learning rates a CPU budget allows, single steps move the weights around the
 * minimum; the average sits nearer the middle and validates better at the same steps (the
 * figures: docs/training-notes.md, models/README.md).
 *
 * <p>The decay warms up as TensorFlow's {@code ExponentialMovingAverage} with {@code num_updates}:
 * {@code min(decay, (1 + step) / (10 + step))}, so early in a run (or a short fine-tune) the average
 * follows the fast-moving weights closely instead of dragging the random start along.
 * Updates are in place ({@code shadow = d·shadow + (1-d)·live} by scaling and axpy on flat views),
 * so a step allocates no new data buffers for the garbage collector to free.
 */
final class WeightAverage {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    private final double decay;
    private final Map<String, INDArray> live;
    private final Map<String, INDArray> shadow = new LinkedHashMap<>();
    private final Map<String, INDArray> backup = new LinkedHashMap<>();

    /**
     * @param decay the average's decay per step once warmed up, in (0, 1)
     * @param live  the graph's weight arrays by name, updated in place by training
     * @param start the average to continue (a checkpoint's), or null to start from the live weights
     */
    WeightAverage(double decay, Map<String, INDArray> live, ModelWeights start) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in (0, 1), not " + decay);
        }
        this.decay = decay;
        this.live = live;
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            INDArray w = e.getValue();
            INDArray s = w.dup('c');
            if (start != null) {
                s.assign(Nd4j.create(start.get(e.getKey()).data(), w.shape(), 'c'));
            }
            shadow.put(e.getKey(), s);
            backup.put(e.getKey(), w.ulike());
        }
    }

    /** The decay applied by the update after training step {@code step} (counting from 1). */
    double decayAt(long step) {
        return decayAt(decay, step);
    }

    /** TensorFlow's warm-up with {@code num_updates}: both engines' averages use this one formula. */
    static double decayAt(double decay, long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** Folds the live weights into the average, after training step {@code step}. */
    void update(long step) {
        double d = decayAt(step);
        for (Map.Entry<String, INDArray> e : shadow.entrySet()) {
            INDArray s = e.getValue();
            s.muli(d);
            // axpy takes vectors: flat views of the (c-ordered) shadow; the live weights are read
            INDArray w = live.get(e.getKey());
            Nd4j.getBlasWrapper().axpy(1 - d, w.reshape(new long[] {w.length()}), s.reshape(new long[] {s.length()}));
        }
    }

    /**
     * Runs {@code work} with the average in the live arrays (the graph then computes with the
     * averaged weights) and puts the trained weights back afterwards, also when it fails.
     */
    <T> T withAveragedWeights(Supplier<T> work) {
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            backup.get(e.getKey()).assign(e.getValue());
            e.getValue().assign(shadow.get(e.getKey()));
        }
        try {
            return work.get();
        } finally {
            for (Map.Entry<String, INDArray> e : live.entrySet()) {
                e.getValue().assign(backup.get(e.getKey()));
            }
        }
    }

    /** The average as model weights, with the names, order and shapes of {@code like}. */
    ModelWeights weights(ModelWeights like) {
        ModelWeights.Builder b = ModelWeights.builder();
        for (String n : like.names()) {
            b.put(n, like.get(n).shape(), shadow.get(n).dup('c').data().asFloat());
        }
        return b.build();
    }
}
