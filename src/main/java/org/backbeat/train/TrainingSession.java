package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;

/**
 * What the training wizard decides and measures, without JavaFX: which runs can be continued,
 * how fast this machine trains the chosen model, whether a settings change means a new run, how
 * "train more" continues a finished one, and how the result compares with the starting model.
 * The wizard's controller only binds these to its pages.
 */
public final class TrainingSession {

    private TrainingSession() {
    }

    // ------------------------------------------------------------------ runs that can be continued

    /** The checkpoint suffix: {@code NAME.bbm.ckpt} beside {@code NAME.bbm}. */
    public static final String CHECKPOINT_SUFFIX = ModelFile.EXTENSION + ".ckpt";

    /** Checkpoints ({@code *.bbm.ckpt}) directly in {@code dir}, sorted; none when it does not exist. */
    public static List<Path> checkpointsIn(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(CHECKPOINT_SUFFIX) && Files.isRegularFile(p))
                .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The model a checkpoint belongs to ({@code a.bbm.ckpt} → {@code a.bbm}). */
    public static Path modelOf(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (!name.endsWith(".ckpt")) {
            throw new IllegalArgumentException("not a checkpoint: " + checkpoint);
        }
        return checkpoint.resolveSibling(name.substring(0, name.length() - ".ckpt".length()));
    }

    /** The data folder a model's card says it was trained on, when the model exists and says so. */
    public static Optional<Path> dataFolderOf(Path model) {
        try {
            String d = ModelFile.loadCard(model).provenance().data();
            return d == null ? Optional.empty() : Optional.of(Path.of(d));
        } catch (ModelFileException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code NAME.bbm} in {@code dir}, or {@code NAME-2.bbm}, {@code NAME-3.bbm}... when an earlier
     * model (or its checkpoint) has that name: the suggested output never replaces one.
     */
    public static Path freeModelName(Path dir, String name) {
        Path p = dir.resolve(name + ModelFile.EXTENSION);
        for (int i = 2; Files.exists(p) || Files.exists(Trainer.checkpointPath(p)); i++) {
            p = dir.resolve(name + "-" + i + ModelFile.EXTENSION);
        }
        return p;
    }

    /** The decoder of a model file (what fine-tuning it trains). */
    public static DecoderType decoderOf(Path model) throws ModelFileException {
        return ModelFile.load(model).config().decoder();
    }

    // ------------------------------------------------------------------ drums on other channels

    /**
     * Files the scan skipped for an empty channel 10 that read as a drum clip from another channel
     * ({@link ReadOptions#withOtherDrumChannel}): what the "read drums from other channels" choice adds.
     */
    public static int clipsOnOtherChannels(Path dir, DatasetReport r) {
        int n = 0;
        for (DatasetReport.Skipped s : r.skipped()) {
            if (s.reason().contains("nothing on MIDI channel 10")
                && MidiFiles.scan(dir.resolve(s.file()), ReadOptions.training().withOtherDrumChannel(true)).ok()) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ the speed probe

    /** Steps of a probe that only compile and warm up (the first steps of a run are slow: JIT, buffers). */
    public static final int WARMUP_STEPS = 3;

    /** Steps a probe runs in all: the warm-up, then two timed stretches (steps 3-10 and 10-20). */
    public static final int PROBE_STEPS = 20;

    /**
     * Seconds per training step measured after warm-up: the slowest and fastest stretch of steps
     * (a range, since another program's load or the garbage collector moves it), and the first step's
     * own time (the warm-up, paid once per run).
     */
    public record Speed(double low, double high, double firstStep) {

        public Speed {
            if (!(low > 0 && high >= low)) {
                throw new IllegalArgumentException("a speed range needs 0 < low <= high, not " + low + ", " + high);
            }
        }

        /** Seconds {@code steps} steps take at the fast end of the range, one warm-up included. */
        public double lowSeconds(long steps) {
            return firstStep + low * Math.max(0, steps - 1);
        }

        /** As {@link #lowSeconds}, at the slow end. */
        public double highSeconds(long steps) {
            return firstStep + high * Math.max(0, steps - 1);
        }

        /**
         * The range from step times: {@code stepNanos} maps a finished step number (1 = the first) to
         * when it finished; steps up to {@code warmup} are left out of the range, and each stretch
         * between two later timestamps gives one per-step figure.
         */
        public static Speed of(SortedMap<Long, Long> stepNanos, long startNanos, int warmup) {
            List<Map.Entry<Long, Long>> timed = new ArrayList<>();
            for (Map.Entry<Long, Long> e : stepNanos.entrySet()) {
                if (e.getKey() >= warmup) {
                    timed.add(e);
                }
            }
            if (timed.size() < 2 || !stepNanos.containsKey(1L)) {
                throw new IllegalArgumentException("too few steps after the warm-up to time: " + stepNanos.keySet());
            }
            double low = Double.POSITIVE_INFINITY;
            double high = 0;
            for (int i = 1; i < timed.size(); i++) {
                long steps = timed.get(i).getKey() - timed.get(i - 1).getKey();
                double perStep = (timed.get(i).getValue() - timed.get(i - 1).getValue()) / 1e9 / steps;
                low = Math.min(low, perStep);
                high = Math.max(high, perStep);
            }
            return new Speed(low, high, (stepNanos.get(1L) - startNanos) / 1e9);
        }
    }

    /**
     * Runs {@link #PROBE_STEPS} real training steps of {@code plan}'s model on its data in a
     * temporary folder (nothing of the user's is written) and times them after the warm-up. Runs on
     * the calling thread for about {@code 20 ×} a step.
     */
    public static Speed measureSpeed(TrainingJob.Plan plan, ProgressListener reading) throws TrainingException {
        return measureSpeed(plan, reading, j -> { });
    }

    /**
     * As {@link #measureSpeed(TrainingJob.Plan, ProgressListener)}, handing the probe's job to
     * {@code started} so that it can be cancelled (a real run should not share the CPU with it);
     * a cancelled probe fails with "cancelled".
     */
    public static Speed measureSpeed(TrainingJob.Plan plan, ProgressListener reading,
                                     java.util.function.Consumer<TrainingJob> started) throws TrainingException {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("backbeat-measure");
        } catch (IOException e) {
            throw new TrainingException("cannot make a temporary folder to measure in: " + e.getMessage(), e);
        }
        try {
            TrainingJob j = TrainingJob.prepare(plan.withOut(tmp.resolve("probe" + ModelFile.EXTENSION))
                .withResume(false).withOverwrite(false).withSteps(PROBE_STEPS).withValidateEvery(1_000_000), reading);
            started.accept(j);
            SortedMap<Long, Long> at = new TreeMap<>();
            long start = System.nanoTime();
            Trainer.Result r = j.run(p -> {
                if (p.message().isEmpty() && p.step() >= 1) {
                    at.put(p.step(), System.nanoTime());
                }
            });
            if (r.cancelled()) {
                throw new TrainingException("cancelled");
            }
            return Speed.of(at, start, WARMUP_STEPS);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }

    // ------------------------------------------------------------------ runs

    /**
     * Whether {@code wanted} asks for the run {@code done} already is: the same settings, the output
     * aside (the wizard suggests a fresh name for a new run, so the name alone is no new request).
     */
    public static boolean sameRun(TrainingJob.Plan wanted, TrainingJob.Plan done) {
        return done != null && wanted.withOut(done.out()).withOverwrite(done.overwrite()).equals(done);
    }

    /**
     * "Train more": the finished (or stopped) run continued from its checkpoint for {@code more}
     * steps beyond where it ended, with its own settings, optimizer state and best-model record.
     */
    public static TrainingJob.Plan continued(TrainingJob.Plan done, Trainer.Result result, long more) {
        if (more < 1) {
            throw new IllegalArgumentException("train at least one more step, not " + more);
        }
        return done.withOut(result.model()).withResume(true).withOverwrite(false).withSteps(result.steps() + more);
    }

    // ------------------------------------------------------------------ the result

    /**
     * The new model and the starting one measured on the same held-out windows ({@code before} null
     * when there was none); on the training windows when none were held out ({@code onTraining}).
     */
    public record Comparison(Evaluation now, Evaluation before, boolean onTraining) {

        /** The result page's rows, in its order: what a musician reads of the two evaluations. */
        public List<Row> rows() {
            return List.of(row("steps exactly right", e -> e.reconstruction().stepAccuracy()),
                row("hit F1", e -> e.reconstruction().hitF1()),
                row("velocity error", e -> e.reconstruction().velocityMae()),
                row("timing error (ms)", e -> e.reconstruction().offsetMaeMs()),
                row("KL (nats)", Evaluation::kl));
        }

        private Row row(String label, java.util.function.ToDoubleFunction<Evaluation> figure) {
            return new Row(label, figure.applyAsDouble(now), before == null ? null : figure.applyAsDouble(before));
        }
    }

    /** One figure of both models; {@code before} null without a starting model, NaN where undefined. */
    public record Row(String label, double now, Double before) {
    }

    public static Comparison evaluate(Path model, Path start, Dataset dataset, ProgressListener progress)
        throws ModelFileException {
        List<Groove> windows = dataset.windows(Split.VALIDATION);
        boolean onTraining = windows.isEmpty();
        if (onTraining) {
            windows = dataset.windows(Split.TRAIN);
        }
        Evaluation now = Evaluator.evaluate(Models.open(model), windows, List.of(), 0, 1, progress);
        Evaluation before = start == null ? null
            : Evaluator.evaluate(Models.open(start), windows, List.of(), 0, 1, (d, t, w) -> { });
        return new Comparison(now, before, onTraining);
    }
}
