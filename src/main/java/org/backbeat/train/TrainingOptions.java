package org.backbeat.train;

import java.util.List;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;

/**
 * Hyper-parameters of one training run. Defaults follow Magenta's {@code groovae_4bar}: Adam
 * 1e-3 decaying exponentially (rate 0.9999 a step) to 1e-5, dropout keep 0.3 on the decoder's
 * teacher-forced input, KL with 48 free bits and beta rising to 0.2.
 *
 * @param model                  sizes of a model trained from scratch (ignored with init-from)
 * @param batchSize              windows per step
 * @param maxSteps               stop after this many steps in total (0 = no limit)
 * @param maxMinutes             stop after this much wall time in this run (0 = no limit)
 * @param learningRate           initial Adam learning rate
 * @param minLearningRate        floor of the decay
 * @param decayRate              per-step decay factor of (lr - floor)
 * @param dropoutKeep            keep probability of the decoder's previous-step input (1 = none)
 * @param maxBeta                final KL weight
 * @param betaWarmupSteps        steps over which beta rises linearly from 0
 * @param seed                   everything random (order, dropout, eps) derives from it
 * @param validateEverySteps     validation loss (and best-model save) interval
 * @param checkpointEveryMinutes resume-checkpoint interval
 * @param augmentation           data augmentation of the training windows (off by default)
 * @param weightAverageDecay     decay of the moving average of the weights that is validated and
 *                               saved ({@link WeightAverage}); 0 = the last step's weights
 */
public record TrainingOptions(ModelConfig model, int batchSize, long maxSteps, double maxMinutes,
                              double learningRate, double minLearningRate, double decayRate, double dropoutKeep,
                              double maxBeta, int betaWarmupSteps, long seed, int validateEverySteps,
                              double checkpointEveryMinutes, Augmentation augmentation, double weightAverageDecay) {

    public TrainingOptions {
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        // 0 means "no limit" for each budget, so a negative or NaN one used to mean "train forever"
        if (maxSteps < 0 || !(maxMinutes >= 0) || Double.isInfinite(maxMinutes) || maxSteps == 0 && maxMinutes == 0) {
            throw new IllegalArgumentException("a training needs a budget: a positive number of steps or minutes (got "
                + maxSteps + " steps, " + maxMinutes + " minutes)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch must hold at least 1 window, not " + batchSize);
        }
        if (!(dropoutKeep > 0 && dropoutKeep <= 1)) {
            throw new IllegalArgumentException("the dropout keep probability must be in (0, 1], not " + dropoutKeep);
        }
        if (!(weightAverageDecay >= 0 && weightAverageDecay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in [0, 1), not "
                + weightAverageDecay);
        }
    }

    /** Without augmentation and without a weight average. */
    public TrainingOptions(ModelConfig model, int batchSize, long maxSteps, double maxMinutes, double learningRate,
                           double minLearningRate, double decayRate, double dropoutKeep, double maxBeta,
                           int betaWarmupSteps, long seed, int validateEverySteps, double checkpointEveryMinutes) {
        this(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate, dropoutKeep, maxBeta,
            betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes, Augmentation.NONE, 0);
    }

    /** Backbeat's default size on a CPU: encoder 256 per direction, z 256, decoder [256, 256]. */
    public static ModelConfig defaultModel(DecoderType decoder) {
        return decoder == DecoderType.FLAT
            ? new ModelConfig(256, 256, DecoderType.FLAT, List.of(256, 256), 0, DrumMapping.ROLAND)
            : new ModelConfig(256, 256, DecoderType.HIERARCHICAL, List.of(256), 256, DrumMapping.ROLAND);
    }

    /**
     * The presets' weight-average decay: a horizon of ~200 steps once warmed up. Of 0.99, 0.995 and
     * 0.998 tried alongside one run (the shipped model resumed), 0.99 and 0.995 scored best.
     */
    public static final double DEFAULT_WEIGHT_AVERAGE = 0.995;

    /** The name of Magenta's config, and of the preset that is exactly its recipe. */
    public static final String GROOVAE_4BAR = "groovae_4bar";

    /** Steps of {@link #GROOVAE_4BAR}: {@code music_vae_train}'s default {@code --num_steps}. */
    public static final long GROOVAE_4BAR_STEPS = 200_000;

    /** The presets' names, for help texts and error messages. */
    public static final List<String> PRESETS = List.of("quick", "standard", "full", GROOVAE_4BAR);

    /**
     * quick: a few minutes (fine-tuning a small folder); standard: an hour; full: a day;
     * groovae_4bar: Magenta's own recipe (see {@link #groovae4Bar}).
     */
    public static TrainingOptions preset(String name, DecoderType decoder) {
        ModelConfig m = defaultModel(decoder);
        TrainingOptions recipe = switch (name) {
            case "quick" -> new TrainingOptions(m, 32, 300, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 100, 0, 25, 2);
            case "standard" -> new TrainingOptions(m, 64, 3000, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 1000, 0, 200, 5);
            case "full" -> new TrainingOptions(m, 64, 50_000, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 5000, 0, 500, 10);
            case GROOVAE_4BAR -> groovae4Bar(decoder);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' ("
                + String.join(", ", PRESETS) + ")");
        };
        return name.equals(GROOVAE_4BAR) ? recipe : recipe.withWeightAverage(DEFAULT_WEIGHT_AVERAGE);
    }

    /**
     * Magenta's {@code groovae_4bar}, number for number: {@code configs.py} {@code CONFIG_MAP['groovae_4bar']}
     * (batch_size 512, z_size 256, enc_rnn_size [512], dec_rnn_size [256, 256], max_beta 0.2,
     * free_bits 48, dropout_keep_prob 0.3) over {@code base_model.py} {@code get_default_hparams()}
     * (learning_rate 0.001, decay_rate 0.9999 a step, min_learning_rate 0.00001, beta_rate 0.0,
     * grad_clip 1.0 with clip_mode global_norm), with {@code music_vae_train}'s default
     * {@code --num_steps} 200,000. Magenta's KL weight is {@code (1 - beta_rate^step) * max_beta}: with
     * beta_rate 0 that is 0.2 from step 1, so there is no warm-up. Free bits (48, {@link
     * GrooveGraph#FREE_BITS}) and global-norm clipping at 1.0 ({@link ClippedAdam}) are the trainer's for
     * every preset. No weight average: Magenta saves the raw weights ({@code --weight-average} adds one).
     *
     * <p>The flat decoder is Magenta's ([256, 256]); the hierarchical one is Backbeat's structure at
     * the same size ({@link ModelConfig#hierarchical4Bar}: encoder 512, z 256, conductor 256, bottom
     * [256]). Magenta's validation runs as a separate job every 60 s; here it runs every 100 steps (the
     * interval of Magenta's loss log) and keeps the best model by it.
     */
    static TrainingOptions groovae4Bar(DecoderType decoder) {
        ModelConfig m = decoder == DecoderType.FLAT ? ModelConfig.groovae4Bar() : ModelConfig.hierarchical4Bar();
        return new TrainingOptions(m, 512, GROOVAE_4BAR_STEPS, 0, 1e-3, 1e-5, 0.9999, 0.3, 0.2, 0, 0, 100, 5,
            Augmentation.NONE, 0);
    }

    public TrainingOptions withModel(ModelConfig m) {
        return new TrainingOptions(m, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes,
            augmentation, weightAverageDecay);
    }

    public TrainingOptions withBudget(long steps, double minutes) {
        return new TrainingOptions(model, batchSize, steps, minutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes,
            augmentation, weightAverageDecay);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, s, validateEverySteps, checkpointEveryMinutes,
            augmentation, weightAverageDecay);
    }

    public TrainingOptions withBatchSize(int b) {
        return new TrainingOptions(model, b, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes,
            augmentation, weightAverageDecay);
    }

    public TrainingOptions withValidateEvery(int steps) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, steps, checkpointEveryMinutes, augmentation,
            weightAverageDecay);
    }

    public TrainingOptions withCheckpointEvery(double minutes) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, minutes, augmentation, weightAverageDecay);
    }

    public TrainingOptions withDropoutKeep(double keep) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            keep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes, augmentation,
            weightAverageDecay);
    }

    /**
     * The options that shape the optimisation itself, as a checkpoint keeps them so that a resume
     * continues the same run: batch, learning-rate schedule, dropout, the KL weight's warm-up, augmentation
     * and the weight average.
     * Budget, validation interval and checkpoint interval belong to the run, not the recipe.
     */
    public record Recipe(int batchSize, double learningRate, double minLearningRate, double decayRate,
                         double dropoutKeep, double maxBeta, int betaWarmupSteps, Augmentation augmentation,
                         double weightAverageDecay) {
    }

    public Recipe recipe() {
        return new Recipe(batchSize, learningRate, minLearningRate, decayRate, dropoutKeep, maxBeta, betaWarmupSteps,
            augmentation, weightAverageDecay);
    }

    public TrainingOptions withRecipe(Recipe r) {
        return new TrainingOptions(model, r.batchSize(), maxSteps, maxMinutes, r.learningRate(), r.minLearningRate(),
            r.decayRate(), r.dropoutKeep(), r.maxBeta(), r.betaWarmupSteps(), seed, validateEverySteps,
            checkpointEveryMinutes, r.augmentation(), r.weightAverageDecay());
    }

    /** Steps over which beta rises from 0 to its maximum; 0 = the maximum from the first step. */
    public TrainingOptions withBetaWarmup(int steps) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, steps, seed, validateEverySteps, checkpointEveryMinutes, augmentation,
            weightAverageDecay);
    }

    public TrainingOptions withAugmentation(Augmentation a) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes, a,
            weightAverageDecay);
    }

    /** Adam's initial learning rate; the decay's floor is kept below it. */
    public TrainingOptions withLearningRate(double lr) {
        if (!(lr > 0 && lr <= 1)) {
            throw new IllegalArgumentException("the learning rate must be in (0, 1], not " + lr);
        }
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, lr, Math.min(minLearningRate, lr), decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes, augmentation,
            weightAverageDecay);
    }

    /** Validate and save a moving average of the weights with this decay (0 = the last step's weights). */
    public TrainingOptions withWeightAverage(double decay) {
        return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
            dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes,
            augmentation, decay);
    }

    double learningRateAt(long step) {
        return Trainer.DecaySchedule.valueAt(learningRate, minLearningRate, decayRate, step);
    }

    double betaAt(long step) {
        return betaWarmupSteps <= 0 ? maxBeta : maxBeta * Math.min(1.0, (double) step / betaWarmupSteps);
    }
}
