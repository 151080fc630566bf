package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Provenance;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;

/**
 * The training wizard's state and decisions, without JavaFX: which runs can be continued (and
 * with which of their settings), the folder and its scan, the plan the settings page asks for,
 * how fast this machine trains it, whether entering the training page starts a run, pause and
 * stop, how "train more" continues a finished run, and how the result compares with the starting
 * model. One instance per wizard; the wizard's page controllers only bind it to their controls.
 *
 * <p>An instance is used from one thread (the JavaFX thread in the wizard) except where a method
 * says it runs in the background ({@link #measure}, {@link #prepare}); those only read what was
 * handed to them and publish the job they make.
 */
public final class TrainingSession {

    /** The wizard's pages, in their order. */
    public enum Page { FOLDER, SETTINGS, TRAINING, RESULT }

    /** The presets the wizard offers (Magenta's own recipe is the command line's). */
    public static final List<Preset> WIZARD_PRESETS = List.of(Preset.QUICK, Preset.STANDARD, Preset.FULL);

    /** Where the wizard saves models unless told otherwise; {@code backbeat.userModels} overrides. */
    public static Path userModelsFolder() {
        String p = System.getProperty("backbeat.userModels");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), "Backbeat", "models");
    }

    private final Path userModels;
    private final Path startModel;
    private volatile Page page = Page.FOLDER;

    // the folder page
    private Path folder;
    private Path resumeTarget;
    private RunSettings resumed;
    /** Per folder: read drums from another channel where a file has none on channel 10. */
    private final Map<Path, Boolean> otherChannelByFolder = new HashMap<>();

    // the settings page
    private ModelConfig startConfig;
    private Speed speed;
    /** The settings the speed was measured for ({@link #probeKey}); the probe running now, if any. */
    private TrainingJob.Plan measuredKey;
    private TrainingJob.Plan measuringKey;
    private volatile TrainingJob probe;
    private volatile boolean probeStopped;

    // the training page
    private volatile TrainingJob job;
    private boolean running;
    private boolean paused;
    private long lastStep;
    private Trainer.Result result;
    /** The settings page's plan the shown run was started for; the plan that run actually ran. */
    private TrainingJob.Plan settingsPlan;
    private TrainingJob.Plan ranPlan;
    /** A "Train more" continuation waiting for the training page. */
    private TrainingJob.Plan pendingMore;
    /** The model the run started from (the result table's "starting model"), or null. */
    private Path startedFrom;

    /**
     * A wizard saving into {@code userModels} ({@link #userModelsFolder()} for the user's), offering
     * to fine-tune {@code startModel} (null: from scratch only).
     */
    public TrainingSession(Path userModels, Path startModel) {
        this.userModels = Objects.requireNonNull(userModels, "userModels");
        this.startModel = startModel;
    }

    /** The model fine-tuning starts from, or null. */
    public Path startModel() {
        return startModel;
    }

    /** Enters page {@code p}; returns the page the wizard came from. */
    public Page enter(Page p) {
        Page from = page;
        page = p;
        return from;
    }

    public Page page() {
        return page;
    }

    // ------------------------------------------------------------------ the folder page

    /** Checkpoints in the user's model folder: runs that can be continued. */
    public List<Path> interruptedRuns() {
        return checkpointsIn(userModels);
    }

    /**
     * What a run that can be continued was trained with, as its model's card and its checkpoint
     * say: the data folder (empty when no best model was written yet), whether drums were read from
     * other channels (null when unknown) and its task (null when unknown).
     */
    public record RunSettings(Optional<Path> data, Boolean otherDrumChannel, Task task) {
        public RunSettings {
            Objects.requireNonNull(data, "data");
        }
    }

    /** The settings of the run {@code checkpoint} continues ({@link RunSettings}). */
    public static RunSettings runSettingsOf(Path checkpoint) {
        Path model = modelOf(checkpoint);
        Provenance p;
        try {
            p = ModelFile.loadCard(model).provenance();
        } catch (ModelFileException | RuntimeException e) {
            p = Provenance.none();
        }
        Task task;
        try {
            task = Checkpoint.loadHeader(checkpoint).config().task();
        } catch (ModelFileException | RuntimeException e) {
            task = null;
        }
        if (task == null && p.task() != null) {
            try {
                task = Task.parse(p.task());
            } catch (IllegalArgumentException e) {
                task = null;
            }
        }
        return new RunSettings(Optional.ofNullable(p.data()).map(Path::of), p.otherDrumChannel(), task);
    }

    /**
     * Continues the run of {@code checkpoint}: its model becomes the output, and the settings it was
     * trained with are read again (the folder's drum-channel choice, the task), so that the resumed
     * run reads the same data the same way.
     */
    public RunSettings resume(Path checkpoint) {
        resumeTarget = modelOf(checkpoint);
        resumed = runSettingsOf(checkpoint);
        if (resumed.otherDrumChannel() != null) {
            resumed.data().ifPresent(d -> otherChannelByFolder.put(d, resumed.otherDrumChannel()));
        }
        return resumed;
    }

    /** The model a resume continues, or null. */
    public Path resumeTarget() {
        return resumeTarget;
    }

    /** The task of the run being resumed, or null (no resume, or unknown). */
    public Task resumedTask() {
        return resumeTarget == null || resumed == null ? null : resumed.task();
    }

    /**
     * Trains on {@code dir} from now on. A folder chosen for a resume whose card names another one
     * (the folder moved) takes the run's drum-channel choice too.
     */
    public void useFolder(Path dir) {
        folder = dir;
        if (resumed != null && resumed.otherDrumChannel() != null) {
            otherChannelByFolder.putIfAbsent(dir, resumed.otherDrumChannel());
        }
    }

    public Path folder() {
        return folder;
    }

    /** Whether the folder's files with nothing on channel 10 are read from the channel that looks like drums. */
    public boolean otherChannel() {
        return folder != null && otherChannelByFolder.getOrDefault(folder, false);
    }

    /** The folder's drum-channel choice (kept per folder while the wizard is open). */
    public void setOtherChannel(boolean other) {
        if (folder != null) {
            otherChannelByFolder.put(folder, other);
        }
    }

    /**
     * What the scan of a folder found, and what the folder page says of it.
     *
     * @param otherChannel      whether drums were read from other channels
     * @param otherChannelClips files skipped for an empty channel 10 whose drums are on another channel
     */
    public record Scan(Path folder, boolean otherChannel, DatasetReport report, int otherChannelClips) {

        /** Whether there is anything to train on. */
        public boolean usable() {
            return report.totalWindows() > 0 && report.windows().getOrDefault(Split.TRAIN, 0) > 0;
        }

        /** Whether the page offers the drum-channel choice. */
        public boolean offersOtherChannel() {
            return otherChannelClips > 0 || otherChannel;
        }

        /** The page's one-paragraph summary. */
        public String summary() {
            DatasetReport r = report;
            if (!usable()) {
                return "Nothing to learn from: " + r.files() + " files gave no 4-bar 4/4 drum groove ("
                    + r.skipped().size() + " skipped, reasons below). Backbeat needs drum MIDI (channel 10) in 4/4, "
                    + "at least 4 bars long." + otherChannelNote();
            }
            return String.format("%d files read, %d skipped · %d four-bar windows (%d to train on, %d held out)",
                r.files(), r.skipped().size(), r.totalWindows(), r.windows().getOrDefault(Split.TRAIN, 0),
                r.windows().getOrDefault(Split.VALIDATION, 0)) + otherChannelNote();
        }

        private String otherChannelNote() {
            if (otherChannel) {
                return " · files with nothing on channel 10 are read from the channel that looks like drums";
            }
            int n = otherChannelClips;
            return n == 0 ? "" : String.format(" · %d skipped file%s ha%s drums on another channel than 10: tick "
                + "\"Read drums from other channels\" to train on %s", n, n == 1 ? "" : "s", n == 1 ? "s" : "ve",
                n == 1 ? "it" : "them");
        }

        /** The page's details: tempo range, hits per drum, each skipped file and why. */
        public List<String> details() {
            DatasetReport r = report;
            List<String> lines = new ArrayList<>();
            lines.add(String.format("Tempo %.0f–%.0f BPM", r.minQpm(), r.maxQpm()));
            StringBuilder hits = new StringBuilder("Hits: ");
            for (int c = 0; c < DrumClass.COUNT; c++) {
                hits.append(DrumClass.of(c).label()).append(' ').append(r.hitsPerClass()[c])
                    .append(c < DrumClass.COUNT - 1 ? ", " : "");
            }
            lines.add(hits.toString());
            for (DatasetReport.Skipped s : r.skipped()) {
                lines.add("Skipped " + s.file() + ": " + s.reason());
            }
            return lines;
        }
    }

    /** Reads {@code dir} as training would (drums from other channels or not); runs on the calling thread. */
    public static Scan scan(Path dir, boolean otherChannel, ProgressListener progress) throws IOException {
        DatasetOptions opts = DatasetOptions.defaults()
            .withRead(ReadOptions.training().withOtherDrumChannel(otherChannel));
        DatasetReport r = Dataset.open(dir, opts, progress).report();
        return new Scan(dir, otherChannel, r, clipsOnOtherChannels(dir, r));
    }

    // ------------------------------------------------------------------ the settings page

    /**
     * What the settings page shows.
     *
     * @param fineTune        fine-tune the start model (else from scratch)
     * @param preset          the training preset
     * @param steps           optimizer steps
     * @param validationShare share of the files held out
     * @param decoder         the decoder from scratch (fine-tuning trains the start model's)
     * @param task            what the model learns
     * @param out             where the model is saved, as typed (blank: a default name)
     */
    public record Settings(boolean fineTune, Preset preset, long steps, double validationShare, DecoderType decoder,
                           Task task, String out) {
        public Settings {
            Objects.requireNonNull(preset, "preset");
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(task, "task");
            out = out == null ? "" : out;
        }
    }

    /** The step count the settings page shows for a preset. */
    public static long presetSteps(Preset p) {
        return p.options(DecoderType.FLAT).maxSteps();
    }

    /** The start model's config, read in the background when the wizard opens (its decoder and task are shown). */
    public void startModelRead(ModelConfig config) {
        startConfig = config;
    }

    /** The start model's decoder, null until read (or unreadable). */
    public DecoderType startDecoder() {
        return startConfig == null ? null : startConfig.decoder();
    }

    /** The start model's task, null until read (or unreadable). */
    public Task startTask() {
        return startConfig == null ? null : startConfig.task();
    }

    /** The config of a model file. */
    public static ModelConfig configOf(Path model) throws ModelFileException {
        return ModelFile.load(model).config();
    }

    /**
     * What "Save as" shows on entering the settings page, given what it shows now: the resumed
     * run's model; else, for a folder, a fresh name when it is blank or names the last run's model
     * (a new run never lands on the last one's model unless the user types its name); else as is.
     */
    public String suggestedOut(String current) {
        if (resumeTarget != null) {
            return resumeTarget.toString();
        }
        if (folder != null && (current.isBlank() || result != null && Path.of(current.trim()).equals(result.model()))) {
            return freeModelName(userModels, folder.getFileName().toString()).toString();
        }
        return current;
    }

    /** The run the settings ask for. */
    public TrainingJob.Plan plan(Settings s) {
        Path out = s.out().isBlank()
            ? userModels.resolve("my-model" + ModelFile.EXTENSION) : Path.of(s.out().trim());
        // Fine-tuning trains the start model's decoder whatever this says; from scratch, the choice.
        long steps = s.steps();
        return TrainingJob.Plan.of(folder, out).withPreset(s.preset()).withDecoder(s.decoder())
            .withInitFrom(s.fineTune() && resumeTarget == null ? startModel : null)
            .withResume(resumeTarget != null && resumeTarget.equals(out))
            .withSteps(steps)
            .withValidateEvery((int) Math.max(1, Math.min(200, steps / 10)))
            .withValidationShare(s.validationShare())
            .withOtherDrumChannel(otherChannel())
            .withTask(s.task());
    }

    /** The parts of a plan the speed depends on (not the step count, the output or the task's input). */
    static TrainingJob.Plan probeKey(TrainingJob.Plan plan) {
        return plan.withOut(Path.of("probe")).withSteps(1L).withValidateEvery(null).withResume(false)
            .withOverwrite(false).withTask(null);
    }

    /** What the settings page does about the speed estimate. */
    public enum Probe {
        /** Measured for these settings (or failed for them): show {@link #speed()}. */
        MEASURED,
        /** A probe runs (for other settings): it is checked again when it ends. */
        RUNNING,
        /** Start a probe of {@link #measuringKey()} in the background ({@link #measure}). */
        START
    }

    /**
     * The speed is measured once per setting that changes it (model, preset, data), one probe at a
     * time: whether {@code settings} are measured, wait for the running probe, or need a new one
     * (which this records as running).
     */
    public Probe probe(TrainingJob.Plan settings) {
        TrainingJob.Plan key = probeKey(settings);
        if (key.equals(measuredKey)) {
            return Probe.MEASURED;
        }
        if (measuringKey != null) {
            return Probe.RUNNING;
        }
        measuringKey = key;
        probeStopped = false;
        return Probe.START;
    }

    /** The settings the running probe measures, or null. */
    public TrainingJob.Plan measuringKey() {
        return measuringKey;
    }

    /**
     * Runs the probe of {@code key} (in the background): {@link #measureSpeed} on it, cancellable by
     * {@link #stopProbe}.
     */
    public Speed measure(TrainingJob.Plan key) throws TrainingException {
        return measureSpeed(key, (d, t, w) -> { }, j -> {
            probe = j;
            if (probeStopped) {
                j.cancel(); // stopped while it was still reading the data
            }
        });
    }

    /** The probe of {@code key} measured {@code s}. */
    public void measured(TrainingJob.Plan key, Speed s) {
        probe = null;
        measuringKey = null;
        measuredKey = key;
        speed = s;
    }

    /**
     * The probe of {@code key} failed: true when it was stopped for a run (the settings page
     * measures again when it comes back), false when it could not measure (no estimate for these
     * settings).
     */
    public boolean probeFailed(TrainingJob.Plan key) {
        probe = null;
        measuringKey = null;
        if (probeStopped) {
            return true;
        }
        measuredKey = key;
        speed = null;
        return false;
    }

    /** The measured speed for the last measured settings; null while a probe runs, or when it failed. */
    public Speed speed() {
        return measuringKey != null || measuredKey == null ? null : speed;
    }

    /** A run does not share the CPU with a probe: it is stopped (and re-run if the settings page comes back). */
    public void stopProbe() {
        if (measuringKey == null) {
            return;
        }
        probeStopped = true;
        TrainingJob p = probe;
        if (p != null) {
            p.cancel();
        }
    }

    // ------------------------------------------------------------------ the training page

    /** A run to start: {@code fromSettings} when the settings page asked for it (not a "Train more"). */
    public record Start(TrainingJob.Plan plan, boolean fromSettings) {
    }

    /**
     * The training page shows the run the settings ask for. Coming from the settings: a run is
     * started unless the shown one was started with exactly these settings (Previous, Next with
     * nothing changed); any change (steps, preset, folder, task...) starts a new run. Coming back from
     * the result (Previous): the finished run as it was, nothing restarts. "Train more": its
     * continuation of the finished run. Empty: nothing starts.
     */
    public Optional<Start> runOnEntering(Page from, TrainingJob.Plan wanted) {
        if (running) {
            return Optional.empty();
        }
        if (pendingMore != null) {
            TrainingJob.Plan more = pendingMore;
            pendingMore = null;
            return Optional.of(new Start(more, false));
        }
        if (from == Page.RESULT) {
            return Optional.empty();
        }
        if (done() && sameRun(wanted, settingsPlan)) {
            return Optional.empty();
        }
        return Optional.of(new Start(wanted, true));
    }

    /** Whether a new run of {@code plan} would replace an earlier model or checkpoint (the user is asked first). */
    public static boolean wouldReplace(TrainingJob.Plan plan) {
        return !plan.resume() && (Files.exists(plan.out()) || Files.exists(Checkpoint.pathFor(plan.out())));
    }

    /**
     * {@code start} is started as {@code chosen} (with the user's leave to replace, if asked):
     * running, not paused, no result yet.
     */
    public void started(Start start, TrainingJob.Plan chosen) {
        if (start.fromSettings()) {
            settingsPlan = start.plan();
            startedFrom = start.plan().initFrom();
        }
        ranPlan = chosen;
        result = null;
        job = null;
        paused = false;
        running = true;
    }

    /**
     * Reads the data and settles the options of the run {@code chosen} (in the background), its
     * output folder made first; the job is this session's from now on (pause, stop, evaluation).
     */
    public TrainingJob prepare(TrainingJob.Plan chosen, ProgressListener reading) throws TrainingException {
        try {
            Files.createDirectories(chosen.out().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new TrainingException("cannot make " + chosen.out().toAbsolutePath().getParent() + ": "
                + e.getMessage(), e);
        }
        TrainingJob j = TrainingJob.prepare(chosen, reading);
        job = j;
        return j;
    }

    public boolean running() {
        return running;
    }

    public boolean paused() {
        return paused;
    }

    /** Pauses or resumes the run (a run still reading its data takes it on {@link #applyPause}). */
    public void setPaused(boolean p) {
        paused = p;
        applyPause();
    }

    /** Hands the pause choice to the prepared job. */
    public void applyPause() {
        TrainingJob j = job;
        if (j != null) {
            j.setPaused(paused);
        }
    }

    /** The step the run last reported (for "paused after step N"), 0 before the first. */
    public long lastStep() {
        return lastStep;
    }

    /** The run reported {@code p}. */
    public void progressed(TrainingProgress p) {
        if (p.message().isEmpty()) {
            lastStep = p.step();
        }
    }

    /**
     * Stops the run after its current step (the best model and a checkpoint are kept): unpaused
     * first, so that it can stop. False when the run has no job yet (it is still reading its data).
     */
    public boolean stop() {
        paused = false;
        TrainingJob j = job;
        if (j == null) {
            return false;
        }
        j.setPaused(false);
        j.cancel();
        return true;
    }

    /** The run ended with {@code r} (null when it failed). */
    public void finished(Trainer.Result r) {
        running = false;
        paused = false;
        result = r;
    }

    /** The finished (or stopped) run's result, null while none. */
    public Trainer.Result result() {
        return result;
    }

    /** Whether a run finished (or was stopped) with a model: the wizard may go on to the result. */
    public boolean done() {
        return result != null && !running;
    }

    /** The task the run shown learns, as its plan says (null: the start model's or the checkpoint's). */
    public Task ranTask() {
        return ranPlan == null ? null : ranPlan.task();
    }

    /** The job of the run shown (null before it has read its data). */
    public TrainingJob job() {
        return job;
    }

    /** Cancels whatever runs: the wizard is closing. */
    public void close() {
        stopProbe();
        TrainingJob j = job;
        if (running && j != null) {
            j.cancel();
        }
    }

    // ------------------------------------------------------------------ the result page

    /** Steps "Train more" adds: as many as the settings asked for the run ({@code fallback} when unknown). */
    public long moreSteps(long fallback) {
        Long s = settingsPlan == null ? null : settingsPlan.budget().steps();
        return s != null ? s : fallback;
    }

    /**
     * "Train more": the finished (or stopped) run continued from its checkpoint for {@code more}
     * steps, waiting for the training page; false when there is no finished run to continue.
     */
    public boolean trainMore(long more) {
        if (result == null || running || ranPlan == null) {
            return false;
        }
        pendingMore = continued(ranPlan, result, more);
        return true;
    }

    /** What the result page evaluates: the new model, the one it started from (or null), the run's data. */
    public record Evaluating(Path model, Path start, Dataset dataset) {
    }

    /** The evaluation of the finished run, or null when there is none. */
    public Evaluating evaluating() {
        TrainingJob j = job;
        return result == null || j == null ? null : new Evaluating(result.model(), startedFrom, j.dataset());
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
        for (int i = 2; Files.exists(p) || Files.exists(Checkpoint.pathFor(p)); i++) {
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
     * A generate model is measured by its reconstruction ({@link Evaluation}); a humanize or drumify
     * model by its output for each window's transformed input ({@link TaskEvaluation}), and the
     * starting model given the same input.
     */
    public record Comparison(Task task, EvaluationResult now, EvaluationResult before, boolean onTraining) {

        public Comparison {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(now, "now");
        }

        /** A generate model's comparison. */
        public Comparison(Evaluation now, Evaluation before, boolean onTraining) {
            this(Task.GENERATE, now, before, onTraining);
        }

        /** The result page's rows, in its order: what a musician reads of the two evaluations. */
        public List<Row> rows() {
            List<Row> rows = new ArrayList<>(List.of(row("steps exactly right", Evaluation.Metrics::stepAccuracy),
                row("hit F1", Evaluation.Metrics::hitF1),
                row("velocity error", Evaluation.Metrics::velocityMae),
                row("timing error (ms)", Evaluation.Metrics::offsetMaeMs)));
            if (now instanceof Evaluation e) {
                rows.add(new Row("KL (nats)", e.kl(), before instanceof Evaluation b ? b.kl() : null));
            }
            return List.copyOf(rows);
        }

        private Row row(String label, java.util.function.ToDoubleFunction<Evaluation.Metrics> figure) {
            return new Row(label, figure.applyAsDouble(metrics(now)),
                before == null ? null : figure.applyAsDouble(metrics(before)));
        }

        private static Evaluation.Metrics metrics(EvaluationResult r) {
            return r instanceof Evaluation e ? e.reconstruction() : ((TaskEvaluation) r).output();
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
        FastGrooveModel m = new FastGrooveModel(ModelFile.load(model));
        Task task = m.config().task();
        if (task == Task.GENERATE) {
            Evaluation now = Evaluator.evaluate(m, windows, List.of(), 0, 1, progress);
            Evaluation before = start == null ? null
                : Evaluator.evaluate(startingModel(start, task), windows, List.of(), 0, 1, (d, t, w) -> { });
            return new Comparison(now, before, onTraining);
        }
        TaskEvaluation now = Evaluator.evaluateTask(m, windows, List.of(), progress);
        TaskEvaluation before = start == null ? null
            : Evaluator.evaluateTask(startingModel(start, task), windows, List.of(), (d, t, w) -> { });
        return new Comparison(task, now, before, onTraining);
    }

    /** The starting model as the run began: its weights given {@code task}'s input, as fine-tuning does. */
    private static FastGrooveModel startingModel(Path start, Task task) throws ModelFileException {
        StoredModel s = ModelFile.load(start);
        return new FastGrooveModel(s.config().task() == task ? s
            : new StoredModel(s.config().withTask(task), s.weights(), s.card(), s.directions()));
    }
}
