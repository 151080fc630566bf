package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backbeat.data.WindowTensors;
import org.backbeat.memory.NativeHeap;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Provenance;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The one training loop, shared by {@code backbeat train} and the studio's wizard.
 *
 * <p>Writes two files: {@code out} (the best model by validation loss, a normal {@code .bbm}) and
 * {@code out + ".ckpt"} (the latest state, for {@code --resume}). With a weight average
 * ({@link TrainingOptions#weightAverageDecay()}, on in the presets) the validated and saved model is the
 * moving average of the weights, the checkpoint holds both. Both are written atomically;
 * a failed write stops the run with a clear message and leaves the previous files intact.
 * {@link #cancel()} stops after the current step and writes a checkpoint.
 *
 * <p>The steps are computed by a {@link TrainingEngine}: the hand-derived {@link Engine#BACKPROP}
 * (default) or the SameDiff graph {@link Engine#SAMEDIFF}. Both clip gradients at global norm 1.0,
 * as Magenta, and own Adam's state, which the checkpoint saves by weight name and a resume (on
 * either engine) restores.
 */
public final class Trainer {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    private static final int WINDOW = WindowTensors.WINDOW_FLOATS;
    /**
     * How often the run gives the C allocator's free memory back ({@link NativeHeap#trim()}, which
     * takes milliseconds): glibc keeps what ND4J frees, ~55 MB more resident memory on the tiny
     * training benchmark than a trimmed run (docs/benchmarks.md).
     */
    private static final long TRIM_EVERY_NANOS = 60_000_000_000L;

    private final TrainingOptions options;
    private final TrainingData data;
    private final Path out;
    private final TrainingListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Engine engineKind;
    private CheckpointWriter checkpointWriter = Checkpoint::save;

    /** Writes a checkpoint; replaceable so that tests can make the write fail. */
    @FunctionalInterface
    interface CheckpointWriter {
        void write(Checkpoint checkpoint, Path file) throws IOException;
    }

    public Trainer(TrainingOptions options, TrainingData data, Path out, TrainingListener listener) {
        this(options, data, out, listener, Engine.BACKPROP);
    }

    /** @param engine which engine computes the steps (the hand-derived one by default) */
    public Trainer(TrainingOptions options, TrainingData data, Path out, TrainingListener listener,
                   Engine engine) {
        this.engineKind = engine;
        this.options = options;
        this.data = data;
        this.out = out;
        this.listener = listener;
    }

    /** Stops after the current step; the run then writes its checkpoint and returns. */
    public void cancel() {
        cancelled.set(true);
    }

    public void setPaused(boolean p) {
        paused.set(p);
    }

    /** For tests: how checkpoints are written (normally {@link Checkpoint#save}). */
    void setCheckpointWriter(CheckpointWriter writer) {
        this.checkpointWriter = writer;
    }

    public static Path checkpointPath(Path model) {
        return Checkpoint.pathFor(model);
    }

    /** What a finished (or cancelled) run produced. */
    public record Result(Path model, Path checkpoint, long steps, double bestValidationLoss, double seconds,
                         boolean cancelled) {
    }

    /**
     * Runs until the step or time budget is spent or {@link #cancel()} is called.
     *
     * @param initFrom a model to fine-tune (its config wins over the options' model), or null
     * @param resume   continue from {@code out.ckpt} with identical optimizer state
     */
    public Result run(StoredModel initFrom, boolean resume) throws TrainingException {
        Path ckptPath = checkpointPath(out);
        Checkpoint ckpt = null;
        if (resume) {
            try {
                ckpt = Checkpoint.load(ckptPath);
            } catch (IOException e) {
                throw new TrainingException(e.getMessage(), e);
            }
        }
        ModelConfig config = ckpt != null ? ckpt.config() : initFrom != null ? initFrom.config() : options.model();
        ModelWeights init = ckpt != null ? ckpt.weights()
            : initFrom != null ? initFrom.weights() : ModelInitializer.random(config, options.seed());
        long seed = ckpt != null ? ckpt.seed() : options.seed();
        long step = ckpt != null ? ckpt.step() : 0;
        double best = ckpt != null ? ResumeBest.of(ckpt.bestValidationLoss(), out) : Double.NaN;
        double priorSeconds = ckpt != null ? ckpt.trainingSeconds() : 0;
        checkWritable();

        try (TrainingEngine engine = TrainingEngine.create(engineKind, config, init,
            new DecaySchedule(options.learningRate(), options.minLearningRate(), options.decayRate()),
            Runtime.getRuntime().availableProcessors())) {
            if (ckpt != null) {
                engine.restoreAdam(ckpt.adamM(), ckpt.adamV());
            }
            if (options.weightAverageDecay() > 0) {
                engine.startAverage(options.weightAverageDecay(), ckpt != null ? ckpt.average() : null);
            }
            return train(engine, config, seed, step, best, priorSeconds, ckptPath);
        }
    }

    private Result train(TrainingEngine engine, ModelConfig config, long seed, long step, double best,
                         double priorSeconds, Path ckptPath) throws TrainingException {
        int n = data.train().count();
        int batch = Math.min(options.batchSize(), n);
        long stepsPerEpoch = Math.max(1, n / batch);
        long start = System.nanoTime();
        long lastCheckpoint = start;
        long lastTrim = start;
        long runSteps = 0;
        double lastVal = Double.NaN;
        int[] order = null;
        int orderEpoch = -1;
        while (!cancelled.get()) {
            if (options.maxSteps() > 0 && step >= options.maxSteps()) {
                break;
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            if (options.maxMinutes() > 0 && minutes >= options.maxMinutes()) {
                break;
            }
            while (paused.get() && !cancelled.get()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled.set(true);
                }
            }
            if (cancelled.get()) {
                break;
            }
            int epoch = (int) (step / stepsPerEpoch);
            if (epoch != orderEpoch) {
                order = epochOrder(n, seed, epoch);
                orderEpoch = epoch;
            }
            int from = (int) ((step % stepsPerEpoch) * batch);
            TrainingEngine.Batch feed = trainingBatch(order, from, batch, seed, step, config.zSize(), config.task());
            engine.step(feed, step);
            step++;
            runSteps++;
            engine.updateAverage(step);
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean validate = options.validateEverySteps() > 0 && step % options.validateEverySteps() == 0;
            boolean report = runSteps <= 3 || step % 10 == 0 || validate;
            if (validate && data.validation().count() > 0) {
                lastVal = validationLoss(engine, config.zSize(), config.task());
                if (Double.isNaN(best) || lastVal < best) {
                    best = lastVal;
                    saveModel(engine, config, step, best, priorSeconds + seconds);
                }
            }
            if (report) {
                TrainingEngine.Losses losses = engine.losses(feed);
                double perStep = seconds / runSteps;
                double eta = eta(options.maxSteps(), options.maxMinutes(), step, runSteps, seconds);
                listener.onProgress(new TrainingProgress(step, options.maxSteps(), epoch, losses.loss(), losses.hit(),
                    losses.velocity(), losses.offset(), losses.kl(), options.betaAt(step), options.learningRateAt(step),
                    batch / perStep, eta, validate ? lastVal : Double.NaN, best, "", fractionDone(step, seconds)));
            }
            if (System.nanoTime() - lastTrim >= TRIM_EVERY_NANOS) {
                NativeHeap.trim();
                lastTrim = System.nanoTime();
            }
            if ((System.nanoTime() - lastCheckpoint) / 60e9 >= options.checkpointEveryMinutes()) {
                writeCheckpoint(engine, config, step, best, seed, priorSeconds + seconds);
                lastCheckpoint = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (data.validation().count() > 0 && runSteps > 0 && (options.validateEverySteps() <= 0
            || step % options.validateEverySteps() != 0)) {
            lastVal = validationLoss(engine, config.zSize(), config.task());
            if (Double.isNaN(best) || lastVal < best) {
                best = lastVal;
                saveModel(engine, config, step, best, priorSeconds + seconds);
            }
        }
        if (data.validation().count() == 0 || !Files.exists(out)) {
            saveModel(engine, config, step, best, priorSeconds + seconds);
        }
        writeCheckpoint(engine, config, step, best, seed, priorSeconds + seconds);
        listener.onProgress(new TrainingProgress(step, options.maxSteps(),
            (int) (step / stepsPerEpoch), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            options.betaAt(step), options.learningRateAt(step), runSteps * batch / Math.max(seconds, 1e-9), 0,
            lastVal, best, cancelled.get() ? "cancelled: checkpoint written" : "finished",
            cancelled.get() ? fractionDone(step, seconds) : 1.0));
        return new Result(out, ckptPath, step, best, priorSeconds + seconds, cancelled.get());
    }

    /** How much of the budget is spent: of the steps or of this run's minutes, whichever ends first. */
    private double fractionDone(long step, double runSeconds) {
        double bySteps = options.maxSteps() > 0 ? step / (double) options.maxSteps() : 0;
        double byTime = options.maxMinutes() > 0 ? runSeconds / (options.maxMinutes() * 60) : 0;
        return Math.min(1, Math.max(bySteps, byTime));
    }

    /**
     * Seconds left: whichever budget runs out first. By steps, the remaining steps at this run's
     * mean seconds a step; by time, what is left of {@code maxMinutes} (which counts this run only).
     * NaN when there is no budget at all.
     */
    static double eta(long maxSteps, double maxMinutes, long step, long runSteps, double seconds) {
        double bySteps = maxSteps > 0 && runSteps > 0 ? Math.max(0, maxSteps - step) * (seconds / runSteps) : Double.NaN;
        double byTime = maxMinutes > 0 ? Math.max(0, maxMinutes * 60 - seconds) : Double.NaN;
        if (Double.isNaN(bySteps)) {
            return byTime;
        }
        return Double.isNaN(byTime) ? bySteps : Math.min(bySteps, byTime);
    }

    private void checkWritable() throws TrainingException {
        Path dir = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".backbeat-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new TrainingException("cannot write to " + dir + " (" + e.getMessage() + "): choose another folder", e);
        }
    }

    /** The permutation of windows for an epoch: derived from (seed, epoch), so a resume needs no state. */
    static int[] epochOrder(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private TrainingEngine.Batch trainingBatch(int[] order, int from, int batch, long seed, long step, int z, Task task) {
        float[] src = data.train().data();
        float[] x = new float[batch * WINDOW];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(src, order[(from + b) % order.length] * WINDOW, x, b * WINDOW, WINDOW);
        }
        // its own stream, so that turning augmentation on leaves order, dropout and noise as they were
        options.augmentation().apply(x, batch, new SplittableRandom(seed ^ (0xC2B2AE3D27D4EB4FL * (step + 1))));
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)));
        float[] prev = Batches.shiftForTeacherForcing(x, batch);
        double keep = options.dropoutKeep();
        if (keep < 1) {
            // inverted dropout on the teacher-forced input, as tf.nn.dropout in GrooVAE's cells
            float scale = (float) (1 / keep);
            for (int i = 0; i < prev.length; i++) {
                prev[i] = r.nextDouble() < keep ? prev[i] * scale : 0f;
            }
        }
        float[] eps = new float[batch * z];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) r.nextGaussian();
        }
        // the encoder sees the task's transformation of the (augmented) windows; the decoder learns the windows
        return new TrainingEngine.Batch(task.encoderInput(x, batch), x, prev, eps, batch, options.betaAt(step));
    }

    /**
     * Validation loss of the weights the run saves (the moving average where there is one, else the
     * last step's): mean loss over the validation windows with eps = 0, teacher forcing, no dropout,
     * the final beta.
     */
    private double validationLoss(TrainingEngine engine, int z, Task task) {
        return engine.withAveragedWeights(() -> {
            WindowTensors v = data.validation();
            double sum = 0;
            int chunk = 128;
            for (int from = 0; from < v.count(); from += chunk) {
                int b = Math.min(chunk, v.count() - from);
                float[] x = java.util.Arrays.copyOfRange(v.data(), from * WINDOW, (from + b) * WINDOW);
                sum += engine.losses(new TrainingEngine.Batch(task.encoderInput(x, b), x, Batches.shiftForTeacherForcing(x, b),
                    new float[b * z], b, options.maxBeta())).loss() * b;
            }
            return sum / v.count();
        });
    }

    /** Saves the weights the run validates: the moving average where there is one, else the last step's. */
    private void saveModel(TrainingEngine engine, ModelConfig config, long step, double best, double seconds)
        throws TrainingException {
        ModelWeights weights = engine.averagedWeights();
        Provenance training = Provenance.of(data.description()).withRun(step, options.batchSize(),
            Math.round(seconds / 6.0) / 10.0, best,
            new Provenance.Recipe(options.learningRate(), options.minLearningRate(), options.decayRate(),
                options.dropoutKeep(), options.maxBeta(), GrooveGraph.FREE_BITS, options.seed(),
                options.augmentation().describe(), options.weightAverageDecay(), Map.of()),
            Hardware.describe(), engine.kind().label() + ", " + engine.threads() + " thread(s)", config.task().label());
        ModelCard card = new ModelCard(out.getFileName().toString().replaceFirst("\\.bbm$", ""),
            describe(config), training.toMap(), Map.of());
        boolean hadOne = Files.exists(out);
        try {
            ModelFile.save(out, new StoredModel(config, weights, card, List.of()));
        } catch (IOException e) {
            throw new TrainingException(e.getMessage() + (hadOne ? " (the previous best model is intact)"
                : " (no model was saved)"), e);
        }
    }

    /** The card's sentence for people: what the model does, and how its encoder input differs. */
    static String describe(ModelConfig config) {
        String kind = "GrooVAE (" + config.decoder().label() + " decoder)";
        return switch (config.task()) {
            case GENERATE -> kind + " trained by Backbeat.";
            case HUMANIZE -> kind + " humanize model trained by Backbeat: from a quantized pattern (hits only) it "
                + "plays velocities and micro-timing.";
            case DRUMIFY -> kind + " drumify model trained by Backbeat: from one channel of taps it plays a full groove.";
        };
    }

    private void writeCheckpoint(TrainingEngine engine, ModelConfig config, long step, double best, long seed,
                                 double seconds) throws TrainingException {
        ModelWeights weights = engine.weights();
        boolean hadOne = Files.exists(checkpointPath(out));
        try {
            checkpointWriter.write(new Checkpoint(config, weights, engine.adamM(), engine.adamV(), step, best, seed,
                seconds, options.recipe(), options.weightAverageDecay() > 0 ? engine.averagedWeights() : null),
                checkpointPath(out));
        } catch (IOException e) {
            throw new TrainingException("could not write the checkpoint " + checkpointPath(out) + ": " + e.getMessage()
                + (hadOne ? " (the previous checkpoint is intact)" : " (there was no earlier checkpoint: nothing to "
                    + "resume from)"), e);
        }
    }

    /** lr(step) = (lr0 - floor) * rate^step + floor: Magenta's exponential decay. */
    static final class DecaySchedule implements ISchedule, Adam.Schedule {
        private final double initial;
        private final double floor;
        private final double rate;

        DecaySchedule(double initial, double floor, double rate) {
            this.initial = initial;
            this.floor = floor;
            this.rate = rate;
        }

        /** The formula itself, shared with {@link TrainingOptions#learningRateAt} for progress reports. */
        static double valueAt(double initial, double floor, double rate, long step) {
            return (initial - floor) * Math.pow(rate, step) + floor;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return valueAt(initial, floor, rate, iteration);
        }

        @Override
        public double at(long step) {
            return valueAt(initial, floor, rate, step);
        }

        @Override
        public ISchedule clone() {
            return new DecaySchedule(initial, floor, rate);
        }
    }
}
