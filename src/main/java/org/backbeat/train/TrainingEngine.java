package org.backbeat.train;

import java.util.List;
import java.util.function.Supplier;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;

/**
 * What the training loop needs of an engine: one optimizer step (gradients of the batch-mean loss,
 * Magenta's clipping, Adam), the loss parts of a batch without training, the weights, Adam's state
 * and the weight average. Two engines compute the same math ({@code docs/model.md}): the
 * hand-derived {@link Engine#BACKPROP} (default: fast, both cores) and the SameDiff graph
 * {@link Engine#SAMEDIFF} (the reference the tests compare against, and the GPU path of {@code -Pcuda}).
 * A checkpoint written by one resumes in the other: both keep Adam's moments by weight name.
 */
interface TrainingEngine extends AutoCloseable {

    /** The loss parts of a batch, batch means. */
    record Losses(double loss, double hit, double velocity, double offset, double kl) {
    }

    static TrainingEngine create(Engine kind, ModelConfig config, ModelWeights init, Trainer.DecaySchedule lr,
                                 int threads) {
        return create(kind, config, init, lr, threads, 1);
    }

    /** As above, with the hand-derived engine's OpenBLAS threads inside each product given. */
    static TrainingEngine create(Engine kind, ModelConfig config, ModelWeights init, Trainer.DecaySchedule lr,
                                 int threads, int blasThreads) {
        if (kind == Engine.SAMEDIFF) {
            Blas.setThreads(blasThreads);
            return new SameDiffTraining(config, init, lr);
        }
        return new BackpropTraining(config, init, lr, threads, blasThreads);
    }

    Engine kind();

    /** Workers the engine computes a step with. */
    int threads();

    List<String> weightNames();

    /** One training step ({@code step} counts from 0): gradients, clipping at global norm 1.0, Adam. */
    void step(Batch batch, long step);

    /** The loss parts of a batch with the current weights (no update). */
    Losses losses(Batch batch);

    ModelWeights weights();

    ModelWeights adamM();

    ModelWeights adamV();

    /** Restores Adam's moments (a resume). */
    void restoreAdam(ModelWeights m, ModelWeights v);

    /** Starts the moving average of the weights (decay in (0, 1)) from {@code start}, or the current weights. */
    void startAverage(double decay, ModelWeights start);

    /** Folds the weights into the average after step {@code step} (counting from 1); no-op without one. */
    void updateAverage(long step);

    /** Runs {@code work} with the averaged weights in place (the current ones without an average). */
    <T> T withAveragedWeights(Supplier<T> work);

    /** The average (the current weights without one). */
    ModelWeights averagedWeights();

    /** The global gradient norm of the last step, before clipping. */
    double lastGradientNorm();

    @Override
    void close();

    /**
     * A batch as both engines take it: [batch, 64, 27] encoder input, targets and decoder input,
     * [batch, Z] noise. The encoder input is the targets themselves for a generate model and their
     * transformation for a humanize or drumify one ({@link org.backbeat.model.Task#encoderInput}).
     */
    record Batch(float[] input, float[] x, float[] prev, float[] eps, int size, double beta) {
        /** A generate batch: the encoder sees the targets. */
        Batch(float[] x, float[] prev, float[] eps, int size, double beta) {
            this(x, x, prev, eps, size, beta);
        }
    }
}
