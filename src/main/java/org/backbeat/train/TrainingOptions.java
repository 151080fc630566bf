package org.backbeat.train;

import java.util.List;
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
        // every rule of a run's options is here, so no builder, wither or preset can skip one
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        // 0 means "no limit" for each budget, so a negative or NaN one used to mean "train forever"
        if (maxSteps < 0 || !(maxMinutes >= 0) || Double.isInfinite(maxMinutes) || maxSteps == 0 && maxMinutes == 0) {
            throw new IllegalArgumentException("a training needs a budget: a positive number of steps or minutes (got "
                + maxSteps + " steps, " + maxMinutes + " minutes)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch must hold at least 1 window, not " + batchSize);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("the learning rate must be in (0, 1], not " + learningRate);
        }
        if (!(dropoutKeep > 0 && dropoutKeep <= 1)) {
            throw new IllegalArgumentException("the dropout keep probability must be in (0, 1], not " + dropoutKeep);
        }
        if (!(weightAverageDecay >= 0 && weightAverageDecay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in [0, 1), not "
                + weightAverageDecay);
        }
    }

    /**
     * Options built by name rather than by position (fifteen numbers in a row were easy to swap).
     * It starts from Magenta's recipe (see the class comment), batch 64, validation every 100 steps,
     * a checkpoint every 5 minutes, seed 0, no augmentation and no weight average; a budget must be
     * given. {@link #build} checks everything, in the record's constructor.
     */
    public static Builder builder(ModelConfig model) {
        return new Builder(model);
    }

    /** A builder holding these options, to change some by name. */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.batchSize = batchSize;
        b.maxSteps = maxSteps;
        b.maxMinutes = maxMinutes;
        b.learningRate = learningRate;
        b.minLearningRate = minLearningRate;
        b.decayRate = decayRate;
        b.dropoutKeep = dropoutKeep;
        b.maxBeta = maxBeta;
        b.betaWarmupSteps = betaWarmupSteps;
        b.seed = seed;
        b.validateEverySteps = validateEverySteps;
        b.checkpointEveryMinutes = checkpointEveryMinutes;
        b.augmentation = augmentation;
        b.weightAverageDecay = weightAverageDecay;
        return b;
    }

    /** See {@link #builder}; each setter names a component of the record. */
    public static final class Builder {
        private ModelConfig model;
        private int batchSize = 64;
        private long maxSteps;
        private double maxMinutes;
        private double learningRate = 1e-3;
        private double minLearningRate = 1e-5;
        private double decayRate = 0.9999;
        private double dropoutKeep = 0.3;
        private double maxBeta = 0.2;
        private int betaWarmupSteps;
        private long seed;
        private int validateEverySteps = 100;
        private double checkpointEveryMinutes = 5;
        private Augmentation augmentation = Augmentation.NONE;
        private double weightAverageDecay;

        private Builder(ModelConfig model) {
            this.model = model;
        }

        public Builder model(ModelConfig m) {
            model = m;
            return this;
        }

        public Builder batchSize(int b) {
            batchSize = b;
            return this;
        }

        /** Total steps (0 = no limit; then minutes must be given). */
        public Builder steps(long s) {
            maxSteps = s;
            return this;
        }

        /** Wall time of this run (0 = no limit). */
        public Builder minutes(double m) {
            maxMinutes = m;
            return this;
        }

        /** Adam's initial rate, the floor of its decay and the per-step decay factor. */
        public Builder learningRate(double initial, double floor, double rate) {
            learningRate = initial;
            minLearningRate = floor;
            decayRate = rate;
            return this;
        }

        public Builder dropoutKeep(double keep) {
            dropoutKeep = keep;
            return this;
        }

        public Builder maxBeta(double beta) {
            maxBeta = beta;
            return this;
        }

        public Builder betaWarmup(int steps) {
            betaWarmupSteps = steps;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder validateEvery(int steps) {
            validateEverySteps = steps;
            return this;
        }

        public Builder checkpointEvery(double minutes) {
            checkpointEveryMinutes = minutes;
            return this;
        }

        public Builder augmentation(Augmentation a) {
            augmentation = a;
            return this;
        }

        /** Decay of the validated and saved moving average of the weights (0 = the last step's). */
        public Builder weightAverage(double decay) {
            weightAverageDecay = decay;
            return this;
        }

        /** The options, checked. */
        public TrainingOptions build() {
            return new TrainingOptions(model, batchSize, maxSteps, maxMinutes, learningRate, minLearningRate, decayRate,
                dropoutKeep, maxBeta, betaWarmupSteps, seed, validateEverySteps, checkpointEveryMinutes, augmentation,
                weightAverageDecay);
        }
    }

    /** Backbeat's default size on a CPU: encoder 256 per direction, z 256, decoder [256, 256]. */
    public static ModelConfig defaultModel(DecoderType decoder) {
        return ModelSize.DEFAULT.config(decoder);
    }

    /**
     * The presets' weight-average decay: a horizon of ~200 steps once warmed up (the runs that chose
     * it: {@code docs/training-notes.md}, "Weight average").
     */
    public static final double DEFAULT_WEIGHT_AVERAGE = 0.995;

    /** The name of Magenta's config, and of the preset that is exactly its recipe. */
    public static final String GROOVAE_4BAR = Preset.GROOVAE_4BAR.label();

    /** Steps of {@link #GROOVAE_4BAR}: {@code music_vae_train}'s default {@code --num_steps}. */
    public static final long GROOVAE_4BAR_STEPS = 200_000;

    /** The presets' names, for help texts and error messages. */
    public static final List<String> PRESETS = Preset.labels();

    /** The preset {@code name} names ({@link Preset}), for decoder {@code decoder}. */
    public static TrainingOptions preset(String name, DecoderType decoder) {
        return Preset.parse(name).options(decoder);
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
        return builder(m).batchSize(512).steps(GROOVAE_4BAR_STEPS).learningRate(1e-3, 1e-5, 0.9999).dropoutKeep(0.3)
            .maxBeta(0.2).betaWarmup(0).seed(0).validateEvery(100).checkpointEvery(5).build();
    }

    // The withers the trainer, the job and the tests use: one line each through the builder.

    public TrainingOptions withModel(ModelConfig m) {
        return toBuilder().model(m).build();
    }

    public TrainingOptions withBudget(long steps, double minutes) {
        return toBuilder().steps(steps).minutes(minutes).build();
    }

    public TrainingOptions withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    public TrainingOptions withBatchSize(int b) {
        return toBuilder().batchSize(b).build();
    }

    public TrainingOptions withValidateEvery(int steps) {
        return toBuilder().validateEvery(steps).build();
    }

    public TrainingOptions withCheckpointEvery(double minutes) {
        return toBuilder().checkpointEvery(minutes).build();
    }

    public TrainingOptions withDropoutKeep(double keep) {
        return toBuilder().dropoutKeep(keep).build();
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
        return toBuilder().batchSize(r.batchSize()).learningRate(r.learningRate(), r.minLearningRate(), r.decayRate())
            .dropoutKeep(r.dropoutKeep()).maxBeta(r.maxBeta()).betaWarmup(r.betaWarmupSteps())
            .augmentation(r.augmentation()).weightAverage(r.weightAverageDecay()).build();
    }

    /** Steps over which beta rises from 0 to its maximum; 0 = the maximum from the first step. */
    public TrainingOptions withBetaWarmup(int steps) {
        return toBuilder().betaWarmup(steps).build();
    }

    public TrainingOptions withAugmentation(Augmentation a) {
        return toBuilder().augmentation(a).build();
    }

    /** Adam's initial learning rate; the decay's floor is kept below it. */
    public TrainingOptions withLearningRate(double lr) {
        // the constructor refuses a rate outside (0, 1]; a NaN one must not slip through Math.min first
        double floor = lr > 0 ? Math.min(minLearningRate, lr) : minLearningRate;
        return toBuilder().learningRate(lr, floor, decayRate).build();
    }

    /** Validate and save a moving average of the weights with this decay (0 = the last step's weights). */
    public TrainingOptions withWeightAverage(double decay) {
        return toBuilder().weightAverage(decay).build();
    }

    double learningRateAt(long step) {
        return Trainer.DecaySchedule.valueAt(learningRate, minLearningRate, decayRate, step);
    }

    double betaAt(long step) {
        return betaWarmupSteps <= 0 ? maxBeta : maxBeta * Math.min(1.0, (double) step / betaWarmupSteps);
    }
}
