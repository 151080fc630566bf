package org.backbeat.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.Split;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.midi.ReadOptions;
import org.backbeat.train.Preset;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingException;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingOptions;
import org.backbeat.train.TrainingProgress;
import org.backbeat.train.TrainingSession;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * "Train a model from a MIDI folder": folder and scan report, settings with a measured time
 * estimate, the live run, and the result next to the starting model. Every step calls the same
 * {@link TrainingJob} / {@link org.backbeat.train.Trainer} as {@code backbeat train}; this class
 * only shows what they do.
 */
final class TrainingWizard {

    /** Where the wizard saves models unless told otherwise; {@code backbeat.userModels} overrides. */
    static Path userModelsFolder() {
        String p = System.getProperty("backbeat.userModels");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), "Backbeat", "models");
    }

    private final Window owner;
    private final FileDialogs dialogs;
    private final Path startModel;
    private final Consumer<Path> useModel;
    private final Consumer<Groove> audition;

    // page 1
    @FXML private VBox folderPage;
    @FXML private VBox resumeBox;
    @FXML private ListView<Path> resumeList;
    @FXML private Label folderLabel;
    @FXML private ProgressBar scanProgress;
    @FXML private Label scanSummary;
    @FXML private ListView<String> scanDetails;
    @FXML private CheckBox otherChannelsCheck;
    // page 2
    @FXML private RadioButton fineTuneRadio;
    @FXML private RadioButton scratchRadio;
    @FXML private ChoiceBox<String> presetChoice;
    @FXML private Spinner<Integer> stepsSpinner;
    @FXML private Label estimateLabel;
    @FXML private Spinner<Double> validationSpinner;
    @FXML private ChoiceBox<String> decoderChoice;
    @FXML private ChoiceBox<String> deviceChoice;
    @FXML private Label deviceNote;
    @FXML private TextField outField;
    // page 3
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> partsChart;
    @FXML private ProgressBar trainProgress;
    @FXML private Label trainStatus;
    @FXML private ToggleButton pauseButton;
    @FXML private Button cancelTrainingButton;
    @FXML private HBox samplesBox;
    // page 4
    @FXML private Label resultSummary;
    @FXML private ProgressBar evalProgress;
    @FXML private GridPane resultTable;
    @FXML private TextField modelPathField;
    @FXML private Button useModelButton;
    @FXML private Button trainMoreButton;

    private final BooleanProperty folderOk = new SimpleBooleanProperty(false);
    private final BooleanProperty trainingDone = new SimpleBooleanProperty(false);
    private Path folder;
    private Path resumeTarget;
    /** Per folder: read drums from another channel where a file has none on channel 10. */
    private final Map<Path, Boolean> otherChannelByFolder = new HashMap<>();
    private TrainingSession.Speed speed;
    /** The settings the speed was measured for ({@link #probeKey}); the probe running now, if any. */
    private TrainingJob.Plan measuredKey;
    private TrainingJob.Plan measuringKey;
    private volatile TrainingJob probe;
    private volatile boolean probeStopped;
    /** The start model's decoder (read in the background), shown while fine-tuning. */
    private DecoderType startDecoder;
    private String scratchDecoder = "flat";
    private volatile TrainingJob job;
    private volatile boolean running;
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
    private enum Page { FOLDER, SETTINGS, TRAINING, RESULT }
    private volatile Page page = Page.FOLDER;
    private WizardPane resultPane;
    private Wizard wizard;
    private final XYChart.Series<Number, Number> trainLoss = series("training");
    private final XYChart.Series<Number, Number> validationLoss = series("validation");
    private final XYChart.Series<Number, Number> reconstruction = series("reconstruction");
    private final XYChart.Series<Number, Number> klSeries = series("KL");

    private TrainingWizard(Window owner, FileDialogs dialogs, Path startModel, Consumer<Path> useModel,
                           Consumer<Groove> audition) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.startModel = startModel;
        this.useModel = useModel;
        this.audition = audition;
    }

    /**
     * Shows the wizard (modal, returns when it closes).
     *
     * @param startModel the model to fine-tune (the studio's current one), or null
     * @param useModel   called with a new model file when the user chooses to use it
     * @param audition   plays a groove (samples from the training run)
     */
    static void open(Window owner, FileDialogs dialogs, Path startModel, Consumer<Path> useModel,
                     Consumer<Groove> audition) {
        TrainingWizard w = new TrainingWizard(owner, dialogs, startModel, useModel, audition);
        w.build().showAndWait();
        w.closing();
    }

    Wizard build() {
        wizard = new Wizard(owner, "Train a model from your MIDI");
        WizardPane folderPane = page("wizard-folder.fxml", "1 · Your MIDI folder", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().bind(folderOk.not());
            page = Page.FOLDER;
        }, null);
        WizardPane settingsPane = page("wizard-settings.fxml", "2 · How to train", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            page = Page.SETTINGS;
            enterSettings();
        }, null);
        WizardPane trainingPane = page("wizard-training.fxml", "3 · Training", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().bind(trainingDone.not());
            Page from = page;
            page = Page.TRAINING;
            stopProbe();
            enterTraining(from);
        }, null);
        resultPane = page("wizard-result.fxml", "4 · Result", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            page = Page.RESULT;
            evaluate();
        }, null);
        initFolderPage();
        initSettingsPage();
        initTrainingPage(trainingPane);
        readStartDecoder();
        wizard.setFlow(new Wizard.LinearFlow(folderPane, settingsPane, trainingPane, resultPane));
        return wizard;
    }

    private WizardPane page(String fxml, String header, Consumer<Wizard> onEnter, Runnable onExit) {
        Node content;
        try {
            FXMLLoader loader = new FXMLLoader(TrainingWizard.class.getResource("/fxml/" + fxml));
            loader.setController(this);
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the wizard page " + fxml, e);
        }
        WizardPane p = new WizardPane() {
            @Override
            public void onEnteringPage(Wizard w) {
                onEnter.accept(w);
            }
        };
        p.setHeaderText(header);
        p.setContent(content);
        p.getStylesheets().add(TrainingWizard.class.getResource("/styles/studio.css").toExternalForm());
        p.getStyleClass().add("wizard");
        // One size for every page: the dialog does not resize between pages, so the largest wins.
        p.setPrefSize(800, 640);
        return p;
    }

    // ------------------------------------------------------------------ page 1: folder

    private void initFolderPage() {
        List<Path> interrupted = interruptedRuns();
        if (!interrupted.isEmpty()) {
            resumeList.getItems().setAll(interrupted);
            resumeList.getSelectionModel().selectFirst();
            resumeBox.setVisible(true);
            resumeBox.setManaged(true);
        }
        folderPage.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        folderPage.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory();
            if (ok) {
                scan(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Checkpoints in the user's model folder: runs that can be continued. */
    static List<Path> interruptedRuns() {
        return TrainingSession.checkpointsIn(userModelsFolder());
    }

    @FXML
    void onChooseFolder() {
        dialogs.chooseFolder(owner, "Folder of drum MIDI files").ifPresent(this::scan);
    }

    @FXML
    void onResume() {
        Path ckpt = resumeList.getSelectionModel().getSelectedItem();
        if (ckpt == null) {
            return;
        }
        resumeTarget = TrainingSession.modelOf(ckpt);
        // no best model written yet: the user picks the folder again
        Optional<Path> data = TrainingSession.dataFolderOf(resumeTarget);
        scanSummary.setText("Resuming " + resumeTarget.getFileName() + ": " + data.map(p -> "reading " + p)
            .orElse("choose the folder it was trained on"));
        data.filter(Files::isDirectory).ifPresent(this::scan);
    }

    void scan(Path dir) {
        folder = dir;
        boolean other = otherChannelByFolder.getOrDefault(dir, false);
        otherChannelsCheck.setSelected(other);
        otherChannelsCheck.setVisible(other);
        otherChannelsCheck.setManaged(other);
        folderOk.set(false);
        folderLabel.setText(dir.toString());
        scanProgress.setVisible(true);
        scanDetails.getItems().clear();
        scanSummary.setText("Reading…");
        Task<DatasetReport> task = new Task<>() {
            @Override
            protected DatasetReport call() throws Exception {
                DatasetOptions opts = DatasetOptions.defaults()
                    .withRead(ReadOptions.training().withOtherDrumChannel(other));
                DatasetReport r = Dataset.open(dir, opts, (done, total, what) -> {
                    updateProgress(done, Math.max(1, total));
                    updateMessage(what);
                }).report();
                otherChannelClips = TrainingSession.clipsOnOtherChannels(dir, r);
                return r;
            }
        };
        scanProgress.progressProperty().bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            scanProgress.progressProperty().unbind();
            scanProgress.setVisible(false);
            showReport(task.getValue());
        });
        task.setOnFailed(e -> {
            scanProgress.progressProperty().unbind();
            scanProgress.setVisible(false);
            scanSummary.setText("Could not read " + dir + ": " + task.getException().getMessage());
        });
        Thread t = new Thread(task, "backbeat-scan");
        t.setDaemon(true);
        t.start();
    }

    /** Files skipped for an empty channel 10 whose drums are on another channel (the choice reads those). */
    private volatile int otherChannelClips;

    /** The per-folder choice: rescans with drums read from other channels (or not), and trains so. */
    @FXML
    void onOtherChannels() {
        if (folder != null) {
            otherChannelByFolder.put(folder, otherChannelsCheck.isSelected());
            scan(folder);
        }
    }

    private boolean otherChannelChosen() {
        return folder != null && otherChannelByFolder.getOrDefault(folder, false);
    }

    private String otherChannelNote() {
        if (otherChannelChosen()) {
            return " · files with nothing on channel 10 are read from the channel that looks like drums";
        }
        int n = otherChannelClips;
        return n == 0 ? "" : String.format(" · %d skipped file%s ha%s drums on another channel than 10: tick \"Read "
            + "drums from other channels\" to train on %s", n, n == 1 ? "" : "s", n == 1 ? "s" : "ve",
            n == 1 ? "it" : "them");
    }

    private void showReport(DatasetReport r) {
        boolean offer = otherChannelClips > 0 || otherChannelChosen();
        otherChannelsCheck.setVisible(offer);
        otherChannelsCheck.setManaged(offer);
        int windows = r.totalWindows();
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format("Tempo %.0f–%.0f BPM", r.minQpm(), r.maxQpm()));
        StringBuilder hits = new StringBuilder("Hits: ");
        for (int c = 0; c < DrumClass.COUNT; c++) {
            hits.append(DrumClass.of(c).label()).append(' ').append(r.hitsPerClass()[c]).append(c < 8 ? ", " : "");
        }
        lines.add(hits.toString());
        for (DatasetReport.Skipped s : r.skipped()) {
            lines.add("Skipped " + s.file() + ": " + s.reason());
        }
        scanDetails.getItems().setAll(lines);
        if (windows == 0 || r.windows().getOrDefault(Split.TRAIN, 0) == 0) {
            scanSummary.setText("Nothing to learn from: " + r.files() + " files gave no 4-bar 4/4 drum groove ("
                + r.skipped().size() + " skipped, reasons below). Backbeat needs drum MIDI (channel 10) in 4/4, "
                + "at least 4 bars long." + otherChannelNote());
            folderOk.set(false);
            return;
        }
        scanSummary.setText(String.format("%d files read, %d skipped · %d four-bar windows (%d to train on, %d held out)",
            r.files(), r.skipped().size(), windows, r.windows().getOrDefault(Split.TRAIN, 0),
            r.windows().getOrDefault(Split.VALIDATION, 0)) + otherChannelNote());
        folderOk.set(true);
    }

    // ------------------------------------------------------------------ page 2: settings

    private void initSettingsPage() {
        presetChoice.getItems().setAll("quick", "standard", "full");
        presetChoice.setValue("quick");
        decoderChoice.getItems().setAll(DecoderType.labels());
        decoderChoice.setValue("flat");
        deviceChoice.getItems().setAll("CPU");
        deviceChoice.setValue("CPU");
        deviceNote.setText("GPU training needs the CUDA build (mvn -Pcuda); this build runs ND4J on the CPU.");
        fineTuneRadio.setDisable(startModel == null);
        if (startModel == null) {
            scratchRadio.setSelected(true);
        }
        // Fine-tuning trains the start model's own decoder: the box shows it (greyed), not the
        // from-scratch choice, which comes back when "from scratch" is picked again.
        decoderChoice.disableProperty().bind(fineTuneRadio.selectedProperty());
        decoderChoice.valueProperty().addListener((o, a, b) -> {
            if (!fineTuneRadio.isSelected() && b != null) {
                scratchDecoder = b;
                measureSpeed();
            }
        });
        fineTuneRadio.selectedProperty().addListener((o, a, b) -> {
            showDecoder();
            measureSpeed();
        });
        showDecoder();
        presetChoice.valueProperty().addListener((o, a, b) -> {
            stepsSpinner.getValueFactory().setValue((int) TrainingOptions.preset(b, DecoderType.FLAT).maxSteps());
            measureSpeed();
        });
        stepsSpinner.valueProperty().addListener((o, a, b) -> updateEstimate());
        stepsSpinner.getValueFactory().setValue((int) TrainingOptions.preset("quick", DecoderType.FLAT).maxSteps());
    }

    private void showDecoder() {
        if (fineTuneRadio.isSelected()) {
            decoderChoice.setValue(startDecoder == null ? null : decoderName(startDecoder));
        } else {
            decoderChoice.setValue(scratchDecoder);
        }
    }

    private static String decoderName(DecoderType d) {
        return d.label();
    }

    /** Reads the start model's decoder off the JavaFX thread (the file holds all its weights). */
    private void readStartDecoder() {
        if (startModel == null) {
            return;
        }
        Path m = startModel;
        Thread t = new Thread(() -> {
            try {
                DecoderType d = TrainingSession.decoderOf(m);
                Platform.runLater(() -> {
                    startDecoder = d;
                    showDecoder();
                });
            } catch (ModelFileException e) {
                // the studio says why it cannot use it; the box stays empty
            }
        }, "backbeat-model-decoder");
        t.setDaemon(true);
        t.start();
    }

    private void enterSettings() {
        if (resumeTarget != null) {
            outField.setText(resumeTarget.toString());
        } else if (folder != null && (outField.getText().isBlank()
            || result != null && Path.of(outField.getText().trim()).equals(result.model()))) {
            // A new run never lands on the last one's model unless the user types its name.
            outField.setText(TrainingSession.freeModelName(userModelsFolder(), folder.getFileName().toString())
                .toString());
        }
        measureSpeed();
    }

    static Path freeModelName(Path dir, String name) {
        return TrainingSession.freeModelName(dir, name);
    }

    /** The parts of the settings the speed depends on (not the step count or the output). */
    private TrainingJob.Plan probeKey() {
        return plan().withOut(Path.of("probe")).withSteps(1L).withValidateEvery(null).withResume(false)
            .withOverwrite(false);
    }

    /**
     * Times real training steps of the chosen model on this folder after their warm-up, once per
     * setting that changes the speed (model, preset, data), one probe at a time.
     */
    private void measureSpeed() {
        if (folder == null || page != Page.SETTINGS) {
            return;
        }
        TrainingJob.Plan key = probeKey();
        if (key.equals(measuredKey)) {
            updateEstimate();
            return;
        }
        estimateLabel.setText("Measuring this machine's speed (" + TrainingSession.PROBE_STEPS
            + " steps, the first " + TrainingSession.WARMUP_STEPS + " as warm-up)…");
        if (measuringKey != null) {
            return; // the running probe checks again when it ends
        }
        measuringKey = key;
        probeStopped = false;
        Task<TrainingSession.Speed> task = new Task<>() {
            @Override
            protected TrainingSession.Speed call() throws Exception {
                return TrainingSession.measureSpeed(key, (d, t, w) -> { }, j -> {
                    probe = j;
                    if (probeStopped) {
                        j.cancel(); // stopped while it was still reading the data
                    }
                });
            }
        };
        task.setOnSucceeded(e -> {
            probe = null;
            measuringKey = null;
            measuredKey = key;
            speed = task.getValue();
            measureSpeed();
        });
        task.setOnFailed(e -> {
            probe = null;
            measuringKey = null;
            if (probeStopped) {
                measureSpeed(); // stopped for a run: measured again on the settings page
                return;
            }
            measuredKey = key;
            speed = null;
            estimateLabel.setText("Could not measure: " + task.getException().getMessage());
        });
        Thread t = new Thread(task, "backbeat-measure");
        t.setDaemon(true);
        t.start();
    }

    /** A run does not share the CPU with a probe: it is stopped (and re-run if the settings page comes back). */
    private void stopProbe() {
        if (measuringKey == null) {
            return;
        }
        probeStopped = true;
        TrainingJob p = probe;
        if (p != null) {
            p.cancel();
        }
    }

    private void updateEstimate() {
        if (speed == null || measuredKey == null || measuringKey != null) {
            return;
        }
        estimateLabel.setText(estimateText(speed, stepsSpinner.getValue()));
    }

    /** "≈ 3 min – 3 min 30 s on this machine (0.55–0.62 s a step after a 3.1 s first step, measured)". */
    static String estimateText(TrainingSession.Speed s, long steps) {
        String lo = org.backbeat.studio.Durations.human(s.lowSeconds(steps));
        String hi = org.backbeat.studio.Durations.human(s.highSeconds(steps));
        return String.format("≈ %s on this machine (%s s a step after a %.1f s first step, measured)",
            lo.equals(hi) ? lo : lo + " – " + hi,
            String.format("%.2f", s.low()).equals(String.format("%.2f", s.high())) ? String.format("%.2f", s.low())
                : String.format("%.2f–%.2f", s.low(), s.high()), s.firstStep());
    }

    private TrainingJob.Plan plan() {
        Path out = outField.getText().isBlank()
            ? userModelsFolder().resolve("my-model" + ModelFile.EXTENSION) : Path.of(outField.getText().trim());
        // Fine-tuning trains the start model's decoder whatever this says; from scratch, the choice.
        DecoderType dec = DecoderType.parse(scratchDecoder);
        int steps = stepsSpinner.getValue();
        return TrainingJob.Plan.of(folder, out).withPreset(Preset.parse(presetChoice.getValue())).withDecoder(dec)
            .withInitFrom(fineTuneRadio.isSelected() && resumeTarget == null ? startModel : null)
            .withResume(resumeTarget != null && resumeTarget.equals(out))
            .withSteps((long) steps)
            .withValidateEvery(Math.max(1, Math.min(200, steps / 10)))
            .withValidationShare(validationSpinner.getValue())
            .withOtherDrumChannel(otherChannelChosen());
    }

    // ------------------------------------------------------------------ page 3: training

    private void initTrainingPage(WizardPane pane) {
        lossChart.getData().setAll(List.of(trainLoss, validationLoss));
        partsChart.getData().setAll(List.of(reconstruction, klSeries));
        pane.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, a2, window) -> {
                    if (window != null) {
                        window.setOnCloseRequest(e -> {
                            if (running && !confirmStop()) {
                                e.consume();
                            }
                        });
                    }
                });
            }
        });
        Node cancel = pane.lookupButton(ButtonType.CANCEL);
        if (cancel != null) {
            cancel.addEventFilter(ActionEvent.ACTION, e -> {
                if (running && !confirmStop()) {
                    e.consume();
                }
            });
        }
        // Previous while a run goes on would leave it running behind changed settings: the run
        // is stopped first (or kept, and the page stays).
        pane.addEventFilter(ActionEvent.ACTION, e -> {
            if (e.getTarget() instanceof Button b && ButtonBar.getButtonData(b) == ButtonBar.ButtonData.BACK_PREVIOUS
                && running) {
                e.consume();
                trainStatus.setText("Stop the training first (Stop and keep best), then go back.");
            }
        });
    }

    private boolean confirmStop() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Training is running. Stop it? The best model so far "
            + "and a checkpoint to resume from are kept.", ButtonType.YES, ButtonType.NO);
        a.initOwner(owner);
        a.setHeaderText("Stop training?");
        boolean stop = a.showAndWait().filter(ButtonType.YES::equals).isPresent();
        if (stop) {
            onStopTraining();
        }
        return stop;
    }

    /**
     * The training page shows the run the settings ask for. Coming from the settings: a run is
     * started unless the shown one was started with exactly these settings (Previous, Next with
     * nothing changed); any change (steps, preset, folder...) starts a new run. Coming back from
     * the result (Previous): the finished run as it was, nothing restarts. "Train more": its
     * continuation of the finished run.
     */
    private void enterTraining(Page from) {
        if (running) {
            return;
        }
        if (pendingMore != null) {
            TrainingJob.Plan more = pendingMore;
            pendingMore = null;
            startRun(more, false);
            return;
        }
        if (from == Page.RESULT) {
            return;
        }
        TrainingJob.Plan wanted = plan();
        if (trainingDone.get() && TrainingSession.sameRun(wanted, settingsPlan)) {
            return;
        }
        startRun(wanted, true);
    }

    private void startRun(TrainingJob.Plan wanted, boolean fromSettings) {
        TrainingJob.Plan plan = wanted;
        if (!plan.resume() && (Files.exists(plan.out()) || Files.exists(Trainer.checkpointPath(plan.out())))) {
            // an earlier model is replaced only when the user says so
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, plan.out() + " already exists. Replace it (and its "
                + "checkpoint) with the model this training makes?", ButtonType.YES, ButtonType.NO);
            a.initOwner(owner);
            a.setHeaderText("Replace the existing model?");
            if (a.showAndWait().filter(ButtonType.YES::equals).isEmpty()) {
                trainStatus.setText("Not started: " + plan.out().getFileName() + " is kept. Go back (Previous) and "
                    + "choose another name under \"Save as\".");
                return;
            }
            plan = plan.withOverwrite(true);
        }
        if (fromSettings) {
            settingsPlan = wanted;
            startedFrom = wanted.initFrom();
        }
        ranPlan = plan;
        resetTrainingPage(!plan.resume() || fromSettings);
        TrainingJob.Plan chosen = plan;
        running = true;
        trainStatus.setText((chosen.resume() ? "Continuing " + chosen.out().getFileName() + " from its checkpoint: "
            : "") + "reading " + chosen.data() + "…");
        Task<Trainer.Result> task = new Task<>() {
            @Override
            protected Trainer.Result call() throws Exception {
                Files.createDirectories(chosen.out().toAbsolutePath().getParent());
                TrainingJob j = TrainingJob.prepare(chosen, (d, t, w) -> updateProgress(d, Math.max(1, t)));
                job = j;
                Platform.runLater(() -> {
                    j.setPaused(paused);
                    if (!paused) {
                        trainStatus.setText("Warming up (the first steps are the slowest)…");
                    }
                });
                double[] best = {Double.NaN};
                return j.run(p -> {
                    boolean improved = !Double.isNaN(p.bestValidationLoss()) && p.bestValidationLoss() != best[0];
                    best[0] = p.bestValidationLoss();
                    Platform.runLater(() -> showProgress(p));
                    if (improved) {
                        sampleFrom(chosen.out());
                    }
                });
            }
        };
        task.setOnSucceeded(e -> finished(task.getValue(), null));
        task.setOnFailed(e -> finished(null, task.getException()));
        Thread t = new Thread(task, "backbeat-training");
        t.setDaemon(true);
        t.start();
    }

    /** A new run's page: empty charts (kept for a continuation), buttons live, not paused. */
    private void resetTrainingPage(boolean clearCharts) {
        if (clearCharts) {
            trainLoss.getData().clear();
            validationLoss.getData().clear();
            reconstruction.getData().clear();
            klSeries.getData().clear();
            samplesBox.getChildren().clear();
        }
        trainingDone.set(false);
        result = null;
        job = null;
        paused = false;
        pauseButton.setSelected(false);
        pauseButton.setText("Pause");
        pauseButton.setDisable(false);
        cancelTrainingButton.setDisable(false);
        trainProgress.setProgress(0);
        trainProgress.getStyleClass().remove("paused");
        useModelButton.setText("Use this model in the studio");
        useModelButton.setDisable(false);
    }

    private void showProgress(TrainingProgress p) {
        if (!Double.isNaN(p.loss())) {
            trainLoss.getData().add(new XYChart.Data<>(p.step(), p.loss()));
            reconstruction.getData().add(new XYChart.Data<>(p.step(), p.hitLoss() + p.velocityLoss() + p.offsetLoss()));
            klSeries.getData().add(new XYChart.Data<>(p.step(), p.kl()));
        }
        if (!Double.isNaN(p.validationLoss())) {
            validationLoss.getData().add(new XYChart.Data<>(p.step(), p.validationLoss()));
        }
        trainProgress.setProgress(p.fractionDone());
        if (!p.message().isEmpty()) {
            trainStatus.setText(p.message());
            return;
        }
        lastStep = p.step();
        if (paused) {
            trainStatus.setText(pausedText());
            return;
        }
        String eta = Double.isNaN(p.etaSeconds()) ? "" : " · ETA " + org.backbeat.studio.Durations.human(p.etaSeconds());
        trainStatus.setText(String.format("step %s · %.1f examples/s%s · best validation %.2f",
            p.hasStepBudget() ? p.step() + " of " + p.totalSteps() : String.valueOf(p.step()),
            p.examplesPerSecond(), eta, p.bestValidationLoss()));
    }

    private String pausedText() {
        return (lastStep == 0 ? "Paused before the first step" : "Paused after step " + lastStep)
            + " · press Resume to go on (the run holds its place; Stop keeps the best model)";
    }

    /** Three grooves from the best model so far, to hear what it has learnt. */
    private void sampleFrom(Path model) {
        try {
            FastGrooveModel m = Models.open(model);
            List<Groove> grooves = m.sample(3, 1.0, System.nanoTime());
            Platform.runLater(() -> {
                samplesBox.getChildren().clear();
                for (Groove g : grooves) {
                    DrumGrid thumb = new DrumGrid();
                    thumb.setCompact(true);
                    thumb.setEditable(false);
                    thumb.setGroove(g);
                    thumb.setPrefSize(150, 44);
                    thumb.getStyleClass().add("history-item");
                    thumb.setOnMouseClicked(e -> audition.accept(g));
                    samplesBox.getChildren().add(thumb);
                }
            });
        } catch (ModelFileException e) {
            // the next validation writes it again; samples are a nicety
        }
    }

    @FXML
    void onPause() {
        paused = pauseButton.isSelected();
        TrainingJob j = job;
        if (j != null) {
            j.setPaused(paused);
        }
        pauseButton.setText(paused ? "Resume" : "Pause");
        if (paused) {
            trainProgress.getStyleClass().add("paused");
            trainStatus.setText(pausedText());
        } else {
            trainProgress.getStyleClass().remove("paused");
            trainStatus.setText(lastStep == 0 ? "Resumed…" : "Resumed after step " + lastStep + "…");
        }
    }

    @FXML
    void onStopTraining() {
        TrainingJob j = job;
        paused = false;
        pauseButton.setSelected(false);
        pauseButton.setText("Pause");
        trainProgress.getStyleClass().remove("paused");
        if (j != null) {
            j.setPaused(false);
            j.cancel();
            trainStatus.setText("Stopping after this step…");
        }
    }

    private void finished(Trainer.Result r, Throwable error) {
        running = false;
        result = r;
        paused = false;
        pauseButton.setSelected(false);
        pauseButton.setText("Pause");
        trainProgress.getStyleClass().remove("paused");
        pauseButton.setDisable(true);
        cancelTrainingButton.setDisable(true);
        if (error != null) {
            trainStatus.setText("Training failed: " + (error instanceof TrainingException ? error.getMessage() : error));
            return;
        }
        trainProgress.setProgress(1);
        trainStatus.setText(String.format("%s after %d steps (%s). Best model: %s", r.cancelled() ? "Stopped" : "Finished",
            r.steps(), org.backbeat.studio.Durations.human(r.seconds()), r.model()));
        trainingDone.set(true);
    }

    // ------------------------------------------------------------------ page 4: result

    private void evaluate() {
        if (result == null) {
            return;
        }
        modelPathField.setText(result.model().toString());
        trainMoreButton.setText("Train " + moreSteps() + " more steps");
        trainMoreButton.setDisable(false);
        resultSummary.setText("Measuring the new model on the held-out grooves…");
        evalProgress.setVisible(true);
        TrainingJob j = job;
        Path model = result.model();
        Path start = startedFrom;
        Task<TrainingSession.Comparison> task = new Task<>() {
            @Override
            protected TrainingSession.Comparison call() throws Exception {
                return TrainingSession.evaluate(model, start, j.dataset(), (d, t, w) -> updateProgress(d, t));
            }
        };
        evalProgress.progressProperty().bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            evalProgress.progressProperty().unbind();
            evalProgress.setVisible(false);
            showTable(task.getValue());
        });
        task.setOnFailed(e -> {
            evalProgress.progressProperty().unbind();
            evalProgress.setVisible(false);
            resultSummary.setText("Could not evaluate: " + task.getException().getMessage());
        });
        Thread t = new Thread(task, "backbeat-eval");
        t.setDaemon(true);
        t.start();
    }

    /** Steps "Train more" adds: as many as the settings asked for the run. */
    private long moreSteps() {
        Long s = settingsPlan == null ? null : settingsPlan.budget().steps();
        return s != null ? s : stepsSpinner.getValue();
    }

    private void showTable(TrainingSession.Comparison c) {
        resultSummary.setText((c.onTraining() ? "No files were held out, so these figures are on the training grooves "
            + "(optimistic). " : "Reconstruction of the held-out grooves ") + "(" + c.now().windows() + " windows):");
        resultTable.getChildren().clear();
        resultTable.addRow(0, bold("metric"), bold("new model"), bold(c.before() == null ? "" : "starting model"));
        int r = 1;
        for (TrainingSession.Row row : c.rows()) {
            resultTable.addRow(r++, new Label(row.label()), new Label(fmt(row.now())),
                new Label(row.before() == null ? "" : fmt(row.before())));
        }
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    /** A metric for the table; "—" where it is undefined (no true hits to measure error on). */
    static String fmt(Object o) {
        if (o instanceof Number n) {
            return Double.isNaN(n.doubleValue()) ? "—" : String.format("%.3f", n.doubleValue());
        }
        return o == null ? "—" : String.valueOf(o);
    }

    @FXML
    void onUseModel() {
        if (result != null) {
            useModel.accept(result.model());
            useModelButton.setText("In use in the studio ✓");
            useModelButton.setDisable(true);
        }
    }

    @FXML
    void onCopyPath() {
        ClipboardContent c = new ClipboardContent();
        c.putString(modelPathField.getText());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    /**
     * Continues the finished (or stopped) run from its checkpoint for {@link #moreSteps()} more
     * steps, on the training page, its charts going on from where they were.
     */
    @FXML
    void onTrainMore() {
        if (result == null || running || ranPlan == null) {
            return;
        }
        pendingMore = TrainingSession.continued(ranPlan, result, moreSteps());
        trainMoreButton.setDisable(true);
        resultPane.lookupAll(".button").stream()
            .filter(b -> b instanceof Button bt && ButtonBar.getButtonData(bt) == ButtonBar.ButtonData.BACK_PREVIOUS)
            .map(Button.class::cast).findFirst().ifPresent(Button::fire);
    }

    private void closing() {
        stopProbe();
        TrainingJob j = job;
        if (running && j != null) {
            j.cancel();
        }
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }
}
