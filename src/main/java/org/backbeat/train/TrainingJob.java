package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.io.AtomicFiles;
import org.backbeat.io.Errors;
import org.backbeat.io.OutputLock;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Provenance;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Regression;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;

/**
 * One training run from a folder of MIDI files, as {@code backbeat train} and the studio's wizard
 * both set it up: read the data, pick the options, then hand over to {@link Trainer}. Neither the
 * CLI nor the wizard has training logic of its own.
 */
public final class TrainingJob {

    /**
     * What to train.
     *
     * @param data            folder of MIDI files (or a GMD folder with info.csv)
     * @param out             model file to write; {@code out.ckpt} is its checkpoint
     * @param preset          quick, standard or full
     * @param decoder         decoder of a model trained from scratch
     * @param size            small, default or paper (from scratch only); null for the preset's own
     *                        (paper for groovae_4bar, default for the others)
     * @param initFrom        model to fine-tune, or null to train from scratch
     * @param resume          continue from {@code out.ckpt}
     * @param validationShare share of a plain folder's files held out for validation
     * @param seed            random seed
     * @param budget          how long to train; {@link Budget#PRESET} for the preset's steps
     * @param overrides       the parts of the recipe given explicitly, which win over the preset's,
     *                        the fine-tuning recipe and a resumed checkpoint's
     * @param hopBars         bars between the starts of two training windows (1: a window at every bar,
     *                        Backbeat's default; 4: non-overlapping, as Magenta's GrooveConverter cuts a
     *                        whole file); validation windows never overlap
     * @param overwrite       replace an existing {@code out} and its checkpoint (without it, and
     *                        without {@code resume}, an existing one stops the run before it starts)
     * @param otherDrumChannel read a file with nothing on channel 10 from the channel whose notes look
     *                        like a drum clip ({@link ReadOptions#withOtherDrumChannel}); many DAWs
     *                        export drum clips on channel 1
     * @param task            what the model learns (which input its encoder sees, {@link Task}); null:
     *                        the fine-tuned model's or the resumed checkpoint's, else generate
     */
    public record Plan(Path data, Path out, Preset preset, DecoderType decoder, ModelSize size, Path initFrom,
                       boolean resume, double validationShare, long seed, Budget budget, Overrides overrides,
                       int hopBars, boolean overwrite, boolean otherDrumChannel, Task task) {

        public Plan {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(overrides, "overrides");
            Objects.requireNonNull(preset, "preset");
            if (size != null && !ModelSize.TRAINABLE.contains(size)) {
                throw new IllegalArgumentException("unknown size '" + size.label() + "' ("
                    + String.join(", ", ModelSize.labels(ModelSize.TRAINABLE)) + ")");
            }
            if (!(validationShare >= 0 && validationShare < 1)) {
                throw new IllegalArgumentException("the validation share must be in [0, 1), not " + validationShare);
            }
        }

        /** As the canonical constructor, the task not given. */
        public Plan(Path data, Path out, Preset preset, DecoderType decoder, ModelSize size, Path initFrom,
                    boolean resume, double validationShare, long seed, Budget budget, Overrides overrides,
                    int hopBars, boolean overwrite, boolean otherDrumChannel) {
            this(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                hopBars, overwrite, otherDrumChannel, null);
        }

        /** The model learns {@code t} (null: the fine-tuned model's or the checkpoint's task, else generate). */
        public Plan withTask(Task t) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                hopBars, overwrite, otherDrumChannel, t);
        }

        /** As the canonical constructor, with the default hop of 1 bar. */
        public Plan(Path data, Path out, Preset preset, DecoderType decoder, ModelSize size, Path initFrom,
                    boolean resume, double validationShare, long seed, Budget budget, Overrides overrides) {
            this(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                DatasetOptions.defaults().trainHopBars(), false, false);
        }

        /** As the canonical constructor, channel 10 only. */
        public Plan(Path data, Path out, Preset preset, DecoderType decoder, ModelSize size, Path initFrom,
                    boolean resume, double validationShare, long seed, Budget budget, Overrides overrides,
                    int hopBars, boolean overwrite) {
            this(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                hopBars, overwrite, false);
        }

        /** Reads drums from another channel where a file has none on channel 10 (or not). */
        public Plan withOtherDrumChannel(boolean other) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                hopBars, overwrite, other, task);
        }

        public Plan withHopBars(int bars) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides,
                bars, overwrite, otherDrumChannel, task);
        }

        public Plan withSize(ModelSize s) {
            return new Plan(data, out, preset, decoder, s, initFrom, resume, validationShare, seed, budget, overrides,
                hopBars, overwrite, otherDrumChannel, task);
        }

        /** Standard preset at its own size, flat decoder from scratch, 10% validation, hop 1 bar. */
        public static Plan of(Path data, Path out) {
            return new Plan(data, out, Preset.STANDARD, DecoderType.FLAT, null, null, false, 0.1, 0, Budget.PRESET,
                Overrides.NONE);
        }

        public Plan withPreset(Preset p) {
            return new Plan(data, out, p, decoder, size, initFrom, resume, validationShare, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withDecoder(DecoderType d) {
            return new Plan(data, out, preset, d, size, initFrom, resume, validationShare, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withInitFrom(Path m) {
            return new Plan(data, out, preset, decoder, size, m, resume, validationShare, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withResume(boolean r) {
            return new Plan(data, out, preset, decoder, size, initFrom, r, validationShare, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withValidationShare(double share) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, share, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withOut(Path o) {
            return new Plan(data, o, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withOverwrite(boolean o) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, overrides, hopBars, o, otherDrumChannel, task);
        }

        public Plan withBudget(Budget b) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, b, overrides, hopBars, overwrite, otherDrumChannel, task);
        }

        public Plan withOverrides(Overrides o) {
            return new Plan(data, out, preset, decoder, size, initFrom, resume, validationShare, seed, budget, o, hopBars,
                overwrite, otherDrumChannel, task);
        }

        /** {@code s} steps (winning over epochs; a time limit still holds). */
        public Plan withSteps(long s) {
            return withBudget(new Budget(s, budget.epochs(), budget.minutes()));
        }

        public Plan withValidateEvery(Integer every) {
            return withOverrides(overrides.withValidateEvery(every));
        }

        public Plan withDropoutKeep(Double keep) {
            return withOverrides(overrides.withDropoutKeep(keep));
        }

        public Plan withAugmentation(Augmentation a) {
            return withOverrides(overrides.withAugmentation(a));
        }

        public Plan withWeightAverage(Double decay) {
            return withOverrides(overrides.withWeightAverage(decay));
        }

        public Plan withLearningRate(Double lr) {
            return withOverrides(overrides.withLearningRate(lr));
        }
    }

    /**
     * How long to train: any of a step count, passes over the training windows, minutes (null for
     * not given). Steps win over epochs; minutes stop the run early, or alone set a time-only budget.
     */
    public record Budget(Long steps, Double epochs, Double minutes) {

        /** Each given part is positive and finite: a zero, negative or NaN budget used to mean none at all. */
        public Budget {
            if (steps != null && steps < 1) {
                throw new IllegalArgumentException("the step budget must be at least 1, not " + steps);
            }
            if (epochs != null && !(epochs > 0 && epochs < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the epoch budget must be a positive number, not " + epochs);
            }
            if (minutes != null && !(minutes > 0 && minutes < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the time budget must be a positive number of minutes, not "
                    + minutes);
            }
        }

        /** The preset's step count, no time limit. */
        public static final Budget PRESET = new Budget(null, null, null);

        /** The run's total steps (0 for a time-only budget) given the preset's and the data. */
        long totalSteps(long presetSteps, int trainWindows, int batch) {
            if (steps != null) {
                return steps;
            }
            if (epochs != null) {
                return Math.max(1, (long) Math.ceil(epochs * trainWindows / (double) batch));
            }
            return minutes != null ? 0 : presetSteps;
        }

        /** The run's time limit in minutes, 0 for none. */
        double minuteLimit() {
            return minutes == null ? 0 : minutes;
        }
    }

    /**
     * The parts of the training recipe given explicitly (null: not given, the preset's, the
     * fine-tuning recipe's or the resumed checkpoint's holds).
     *
     * @param batch         windows per step
     * @param dropoutKeep   decoder-input keep probability
     * @param validateEvery steps between validation passes
     * @param augmentation  data augmentation ({@link Augmentation#NONE} to turn it off)
     * @param weightAverage decay of the saved weight average (0 = off)
     * @param learningRate  Adam's initial learning rate
     */
    public record Overrides(Integer batch, Double dropoutKeep, Integer validateEvery, Augmentation augmentation,
                            Double weightAverage, Double learningRate) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);

        public Overrides withBatch(Integer b) {
            return new Overrides(b, dropoutKeep, validateEvery, augmentation, weightAverage, learningRate);
        }

        public Overrides withDropoutKeep(Double keep) {
            return new Overrides(batch, keep, validateEvery, augmentation, weightAverage, learningRate);
        }

        public Overrides withValidateEvery(Integer every) {
            return new Overrides(batch, dropoutKeep, every, augmentation, weightAverage, learningRate);
        }

        public Overrides withAugmentation(Augmentation a) {
            return new Overrides(batch, dropoutKeep, validateEvery, a, weightAverage, learningRate);
        }

        public Overrides withWeightAverage(Double decay) {
            return new Overrides(batch, dropoutKeep, validateEvery, augmentation, decay, learningRate);
        }

        public Overrides withLearningRate(Double lr) {
            return new Overrides(batch, dropoutKeep, validateEvery, augmentation, weightAverage, lr);
        }

        /**
         * The options with what is given here put in.
         *
         * @throws IllegalArgumentException for a value the options refuse (e.g. a negative learning rate)
         */
        TrainingOptions applyTo(TrainingOptions opts) {
            TrainingOptions o = opts;
            if (batch != null) {
                o = o.withBatchSize(batch);
            }
            if (dropoutKeep != null) {
                o = o.withDropoutKeep(dropoutKeep);
            }
            if (validateEvery != null) {
                o = o.withValidateEvery(validateEvery);
            }
            if (augmentation != null) {
                o = o.withAugmentation(augmentation);
            }
            if (weightAverage != null) {
                o = o.withWeightAverage(weightAverage);
            }
            if (learningRate != null) {
                o = o.withLearningRate(learningRate);
            }
            return o;
        }
    }

    private final Plan plan;
    private final Dataset dataset;
    private final StoredModel init;
    private final TrainingOptions options;
    private final TrainingData data;
    private volatile Trainer trainer;
    private volatile boolean paused;
    private volatile boolean cancelled;

    private TrainingJob(Plan plan, Dataset dataset, StoredModel init, TrainingOptions options, TrainingData data) {
        this.plan = plan;
        this.dataset = dataset;
        this.init = init;
        this.options = options;
        this.data = data;
    }

    /**
     * Reads the data and settles the options. Fails with a one-line reason when the folder has no
     * usable 4-bar windows, the init model cannot be read, or the options are inconsistent.
     */
    public static TrainingJob prepare(Plan plan, ProgressListener progress) throws TrainingException {
        TrainingOptions opts;
        try {
            opts = plan.preset().options(plan.decoder()).withSeed(plan.seed());
            if (plan.size() != null) {
                opts = opts.withModel(plan.size().config(plan.decoder()));
            }
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        refuseToReplace(plan);
        refuseIfLocked(plan.out());
        StoredModel init = null;
        if (plan.initFrom() != null && !plan.resume()) {
            try {
                init = ModelFile.load(plan.initFrom());
            } catch (ModelFileException e) {
                throw new TrainingException("cannot fine-tune: " + e.getMessage(), e);
            }
        }
        if (init != null) {
            opts = fineTuningRecipe(opts, init);
            if (plan.task() != null && plan.task() != init.config().task()) {
                // the same weights learn another task: fine-tuning the generate model into a humanize
                // one is how the shipped task models are trained quickly
                init = new StoredModel(init.config().withTask(plan.task()), init.weights(), init.card(),
                    init.directions());
            }
        } else if (plan.task() != null && !plan.resume()) {
            opts = opts.withModel(opts.model().withTask(plan.task()));
        }
        // A new run trains the heads where its task uses them (Regression.forTask: humanize at the
        // hits); a resume keeps its checkpoint's objective.
        if (init != null) {
            Regression r = Regression.forTask(init.config().task());
            if (r != init.config().regression()) {
                init = new StoredModel(init.config().withRegression(r), init.weights(), init.card(), init.directions());
            }
        } else if (!plan.resume()) {
            opts = opts.withModel(opts.model().withRegression(Regression.forTask(opts.model().task())));
        }
        if (plan.resume()) {
            Path ckpt = Checkpoint.pathFor(plan.out());
            if (!Files.exists(ckpt)) {
                throw new TrainingException("nothing to resume: " + ckpt + " does not exist");
            }
            // A resume continues the same run: its batch, schedule and dropout, not the preset's
            // (resuming a no-dropout run with the preset's dropout silently changed the objective).
            // --batch, --dropout-keep, --[no-]augment, --weight-average and --learning-rate given now
            // still win below.
            try {
                Checkpoint.Header h = Checkpoint.loadHeader(ckpt);
                if (plan.task() != null && plan.task() != h.config().task()) {
                    throw new TrainingException("cannot resume: " + ckpt.getFileName() + " trains a "
                        + h.config().task().label() + " model, not " + plan.task().label()
                        + " (a resume continues the same run; --init-from starts a new task from a model)");
                }
                opts = opts.withModel(h.config());
                if (h.recipe() != null) {
                    opts = opts.withRecipe(h.recipe());
                }
            } catch (ModelFileException e) {
                throw new TrainingException("cannot resume: " + e.getMessage(), e);
            }
        }
        ReadOptions read = ReadOptions.training().withMapping(init != null ? init.config().mapping() : opts.model().mapping())
            .withOtherDrumChannel(plan.otherDrumChannel());
        Dataset ds;
        DatasetOptions dataOptions;
        boolean gmd = Files.isRegularFile(plan.data().resolve("info.csv"));
        double validationShare = plan.validationShare();
        String shareNotice = "";
        Double runShare = plan.resume() && !gmd ? runValidationShare(plan.out()) : null;
        if (runShare != null && runShare != validationShare) {
            // Another share holds out other files: the run would train on files it validated on.
            shareNotice = "resuming with the run's validation share " + runShare + ", not " + validationShare
                + ", so the files it held out stay held out";
            validationShare = runShare;
        }
        try {
            dataOptions = DatasetOptions.defaults().withRead(read).withValidationShare(validationShare)
                .withTrainHopBars(plan.hopBars());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        try {
            ds = Dataset.open(plan.data(), dataOptions, progress);
        } catch (IOException e) {
            throw new TrainingException("cannot read " + plan.data() + ": " + e.getMessage(), e);
        }
        DatasetReport rep = ds.report();
        int trainWindows = rep.windows().getOrDefault(Split.TRAIN, 0);
        boolean validationOff = false;
        if (trainWindows == 0 && !gmd && rep.windows().getOrDefault(Split.VALIDATION, 0) > 0) {
            // Too little data for a held-out share: every usable window was held out ("no windows to
            // train on", though 4 were read). Train on all of it, without validation, and say so.
            try {
                ds = Dataset.open(plan.data(), DatasetOptions.defaults().withRead(read).withValidationShare(0),
                    progress);
            } catch (IOException e) {
                throw new TrainingException("cannot read " + plan.data() + ": " + e.getMessage(), e);
            }
            rep = ds.report();
            trainWindows = rep.windows().getOrDefault(Split.TRAIN, 0);
            validationOff = true;
        }
        if (trainWindows == 0) {
            throw new TrainingException("no 4-bar 4/4 drum windows to train on in " + plan.data() + " ("
                + rep.files() + " files read, " + rep.skipped().size() + " skipped)");
        }
        try {
            opts = plan.overrides().applyTo(opts);
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        Budget budget = plan.budget();
        try {
            opts = opts.withBudget(budget.totalSteps(opts.maxSteps(), trainWindows, opts.batchSize()),
                budget.minuteLimit());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put(TrainingData.DATA, plan.data().toAbsolutePath().normalize().toString());
        description.put("files", rep.files());
        description.put("windows", Map.of("train", trainWindows, "validation",
            rep.windows().getOrDefault(Split.VALIDATION, 0)));
        description.put("split", rep.windows().getOrDefault(Split.TEST, 0) > 0
            ? "info.csv train split; validation split for model selection"
            : validationOff ? "all files (too few to hold any out: validation off)"
            : "files held out by path hash: " + validationShare);
        // What eval needs to rebuild exactly these training windows (its nearest-window baseline).
        description.put(TrainingData.HOP_BARS, dataOptions.trainHopBars());
        description.put(TrainingData.MIN_HITS, dataOptions.minHits());
        description.put(TrainingData.VALIDATION_SHARE, dataOptions.validationShare());
        description.put(TrainingData.SPLIT_SEED, dataOptions.seed());
        description.put("preset", plan.preset().label());
        if (plan.otherDrumChannel()) {
            description.put("otherDrumChannel", true);
        }
        if (plan.initFrom() != null) {
            description.put("initFrom", plan.initFrom().toString());
        }
        TrainingData td = new TrainingData(ds.tensors(Split.TRAIN), ds.tensors(Split.VALIDATION), description);
        TrainingJob job = new TrainingJob(plan, ds, init, opts, td);
        job.notice = shareNotice;
        if (validationOff) {
            job.notice = "too little data to hold any out for validation: training on all " + rep.files()
                + (rep.files() == 1 ? " file" : " files") + " (" + trainWindows + " windows), validation is off and "
                + "the model is saved at the end";
        }
        return job;
    }

    private String notice = "";

    /**
     * The validation share the run writing {@code model} held its files out with, as its card
     * records it; null when there is no model yet (killed before its first validation) or no card.
     */
    private static Double runValidationShare(Path model) {
        if (!Files.isRegularFile(model)) {
            return null;
        }
        try {
            return ModelFile.loadCard(model).provenance().validationShare();
        } catch (ModelFileException | RuntimeException e) {
            return null;
        }
    }

    /**
     * What the run does differently from what was asked, for the user ("" when nothing): e.g. that
     * validation is off because the folder was too small to hold any of it out.
     */
    public String notice() {
        return notice;
    }

    /** Adam's initial learning rate when fine-tuning (see {@link #fineTuningRecipe}). */
    public static final double FINE_TUNING_LEARNING_RATE = 3e-5;

    /**
     * Fine-tuning continues a trained model, so two parts of a from-scratch recipe would undo what it
     * learnt. The KL weight starts at its maximum: a warm-up from 0 lets the posterior drift from
     * the prior the trained latent space is built around, and "Generate" samples from that prior.
     * The decoder-input dropout is the init model's own (from its card), not the preset's: a model
     * trained without dropout would spend a short fine-tune re-adapting to a new input.
     * {@code --dropout-keep} still wins.
     *
     * <p>The learning rate is {@link #FINE_TUNING_LEARNING_RATE}, not the preset's 1e-3: a fresh Adam
     * moves every weight by about the learning rate in its first steps, whatever the gradient.
     * {@code --learning-rate} still wins. The runs behind both choices: docs/training-notes.md.
     */
    static TrainingOptions fineTuningRecipe(TrainingOptions opts, StoredModel init) {
        TrainingOptions tuned = opts.withBetaWarmup(0).withLearningRate(FINE_TUNING_LEARNING_RATE);
        Provenance.Recipe recipe = init.card().provenance().hyperParameters();
        Double keep = recipe == null ? null : recipe.dropoutKeep();
        if (keep != null && keep > 0 && keep <= 1) {
            tuned = tuned.withDropoutKeep(keep);
        }
        return tuned;
    }

    public Plan plan() {
        return plan;
    }

    public DatasetReport report() {
        return dataset.report();
    }

    public Dataset dataset() {
        return dataset;
    }

    public TrainingOptions options() {
        return options;
    }

    /** What the model card's {@code training} map will say about the data (folder, windows, settings). */
    public Map<String, Object> dataDescription() {
        return data.description();
    }

    /** The model being trained: the init model's shape when fine-tuning, else the options'. */
    public ModelConfig config() {
        return init != null ? init.config() : options.model();
    }

    /**
     * An existing model or checkpoint at {@code out} is a result of an earlier run: a new run
     * replaces it only when asked ({@link Plan#overwrite()}); a resume continues it. A 341-step
     * model once silently became a 3-step one.
     */
    static void refuseToReplace(Plan plan) throws TrainingException {
        if (plan.resume() || plan.overwrite()) {
            return;
        }
        Path ckpt = Checkpoint.pathFor(plan.out());
        Path existing = Files.exists(plan.out()) ? plan.out() : Files.exists(ckpt) ? ckpt : null;
        if (existing != null) {
            throw new TrainingException(existing + " already exists (an earlier run's); --resume continues that run, "
                + "--overwrite replaces it, or choose another --out");
        }
    }

    /**
     * Fails at once, before any data is read, when another run is writing {@code out} (the run
     * takes the lock itself in {@link #run}; this only looks, where the folder already exists).
     */
    private static void refuseIfLocked(Path out) throws TrainingException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (OutputLock probe = OutputLock.acquire(out, "backbeat train (preparing)")) {
            // free: released at once
        } catch (OutputLock.LockedException e) {
            throw new TrainingException(e.getMessage(), e);
        } catch (IOException e) {
            // not writable, say: the run's own checks name that
        }
    }

    /**
     * Runs the training on the calling thread until done, cancelled or out of budget, on the default
     * engine ({@link Engine#BACKPROP}). Holds the
     * output's {@link OutputLock} throughout, so a second run onto the same output stops at once with
     * a message naming this one; under the lock it removes what killed runs of the same output left
     * (hidden temporary files) and, with {@link Plan#overwrite()}, the earlier run's checkpoint.
     */
    public Trainer.Result run(TrainingListener listener) throws TrainingException {
        return run(listener, Engine.BACKPROP);
    }

    /** As {@link #run(TrainingListener)}, on the given engine ({@code backbeat train --engine}). */
    public Trainer.Result run(TrainingListener listener, Engine engine) throws TrainingException {
        Path out = plan.out();
        try (OutputLock lock = OutputLock.acquire(out, "backbeat train")) {
            refuseToReplace(plan); // again: another run may have finished onto it since prepare()
            AtomicFiles.removeStaleTemporaries(out);
            AtomicFiles.removeStaleTemporaries(Checkpoint.pathFor(out));
            if (plan.overwrite() && !plan.resume()) {
                Files.deleteIfExists(Checkpoint.pathFor(out));
            }
            Trainer t = new Trainer(options, data, out, listener, engine);
            trainer = t; // first, so a pause or cancel from now on reaches it directly
            t.setPaused(paused);
            if (cancelled) {
                t.cancel();
            }
            Trainer.Result r = t.run(init, plan.resume());
            if (Files.exists(out)) {
                // The studio's latent sliders for the new model, from the grooves it was trained on.
                try {
                    LatentAnalysis.addTo(out, dataset.windows(Split.TRAIN), plan.seed());
                } catch (ModelFileException e) {
                    throw new TrainingException("trained, but could not add latent directions: " + e.getMessage(), e);
                }
            }
            return r;
        } catch (OutputLock.LockedException e) {
            throw new TrainingException(e.getMessage(), e);
        } catch (IOException e) {
            throw new TrainingException("cannot write " + out + ": " + Errors.describe(e), e);
        }
    }

    /** Stops after the current step; the run writes its checkpoint. Safe from any thread. */
    public void cancel() {
        cancelled = true;
        Trainer t = trainer;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * Holds (or releases) the run before its next step; safe from any thread, and kept when given
     * before the run has started (while the data is still being read).
     */
    public void setPaused(boolean paused) {
        this.paused = paused;
        Trainer t = trainer;
        if (t != null) {
            t.setPaused(paused);
        }
    }
}
