package org.backbeat.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import javafx.scene.control.ButtonType;
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
import org.backbeat.train.Evaluator;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingException;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingOptions;
import org.backbeat.train.TrainingProgress;
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

    private final BooleanProperty folderOk = new SimpleBooleanProperty(false);
    private final BooleanProperty trainingDone = new SimpleBooleanProperty(false);
    private Path folder;
    private Path resumeTarget;
    private double secondsPerStep = Double.NaN;
    private volatile TrainingJob job;
    private volatile boolean running;
    private Trainer.Result result;
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
        }, null);
        WizardPane settingsPane = page("wizard-settings.fxml", "2 · How to train", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            enterSettings();
        }, null);
        WizardPane trainingPane = page("wizard-training.fxml", "3 · Training", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().bind(trainingDone.not());
            startTraining();
        }, null);
        WizardPane resultPane = page("wizard-result.fxml", "4 · Result", w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            evaluate();
        }, null);
        initFolderPage();
        initSettingsPage();
        initTrainingPage(trainingPane);
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
        Path dir = userModelsFolder();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bbm.ckpt")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
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
        String name = ckpt.getFileName().toString();
        resumeTarget = ckpt.resolveSibling(name.substring(0, name.length() - ".ckpt".length()));
        Optional<Path> data = Optional.empty();
        try {
            Object d = ModelFile.load(resumeTarget).card().training().get("data");
            data = d == null ? Optional.empty() : Optional.of(Path.of(d.toString()));
        } catch (ModelFileException e) {
            // no best model written yet: the user picks the folder again
        }
        scanSummary.setText("Resuming " + resumeTarget.getFileName() + ": " + data.map(p -> "reading " + p)
            .orElse("choose the folder it was trained on"));
        data.filter(Files::isDirectory).ifPresent(this::scan);
    }

    void scan(Path dir) {
        folder = dir;
        folderOk.set(false);
        folderLabel.setText(dir.toString());
        scanProgress.setVisible(true);
        scanDetails.getItems().clear();
        scanSummary.setText("Reading…");
        Task<DatasetReport> task = new Task<>() {
            @Override
            protected DatasetReport call() throws Exception {
                DatasetReport r = Dataset.open(dir, DatasetOptions.defaults(), (done, total, what) -> {
                    updateProgress(done, Math.max(1, total));
                    updateMessage(what);
                }).report();
                otherChannelClips = clipsOnOtherChannels(dir, r);
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

    /** Files skipped for an empty channel 10 whose drums are on another channel (the studio reads those). */
    private volatile int otherChannelClips;

    static int clipsOnOtherChannels(Path dir, DatasetReport r) {
        int n = 0;
        for (DatasetReport.Skipped s : r.skipped()) {
            if (s.reason().contains("nothing on MIDI channel 10")
                && org.backbeat.midi.MidiFiles.scan(dir.resolve(s.file()), org.backbeat.midi.ReadOptions.training()
                    .withOtherDrumChannel(true)).ok()) {
                n++;
            }
        }
        return n;
    }

    private String otherChannelNote() {
        int n = otherChannelClips;
        return n == 0 ? "" : String.format(" · %d skipped file%s ha%s drums on another channel than 10: the studio opens "
            + "them, training reads channel 10 only", n, n == 1 ? "" : "s", n == 1 ? "s" : "ve");
    }

    private void showReport(DatasetReport r) {
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
        decoderChoice.getItems().setAll("flat", "hierarchical");
        decoderChoice.setValue("flat");
        deviceChoice.getItems().setAll("CPU");
        deviceChoice.setValue("CPU");
        deviceNote.setText("GPU training needs the CUDA build (mvn -Pcuda); this build runs ND4J on the CPU.");
        fineTuneRadio.setDisable(startModel == null);
        if (startModel == null) {
            scratchRadio.setSelected(true);
        }
        decoderChoice.disableProperty().bind(fineTuneRadio.selectedProperty());
        presetChoice.valueProperty().addListener((o, a, b) -> {
            stepsSpinner.getValueFactory().setValue((int) TrainingOptions.preset(b, DecoderType.FLAT).maxSteps());
            updateEstimate();
        });
        stepsSpinner.valueProperty().addListener((o, a, b) -> updateEstimate());
        stepsSpinner.getValueFactory().setValue((int) TrainingOptions.preset("quick", DecoderType.FLAT).maxSteps());
    }

    private void enterSettings() {
        if (resumeTarget != null) {
            outField.setText(resumeTarget.toString());
        } else if (outField.getText().isBlank() && folder != null) {
            outField.setText(freeModelName(userModelsFolder(), folder.getFileName().toString()).toString());
        }
        if (Double.isNaN(secondsPerStep) && folder != null) {
            measureSpeed();
        }
    }

    /**
     * {@code NAME.bbm} in {@code dir}, or {@code NAME-2.bbm}, {@code NAME-3.bbm}... when an earlier
     * model (or its checkpoint) has that name: the suggested output never replaces one.
     */
    static Path freeModelName(Path dir, String name) {
        Path p = dir.resolve(name + ModelFile.EXTENSION);
        for (int i = 2; Files.exists(p) || Files.exists(Trainer.checkpointPath(p)); i++) {
            p = dir.resolve(name + "-" + i + ModelFile.EXTENSION);
        }
        return p;
    }

    /** Times a few real training steps of the chosen model on this folder (the first one builds the graph). */
    private void measureSpeed() {
        estimateLabel.setText("Measuring this machine's speed…");
        TrainingJob.Plan plan = plan().withResume(false).withSteps(3L).withValidateEvery(1_000_000);
        Task<Double> task = new Task<>() {
            @Override
            protected Double call() throws Exception {
                Path tmp = Files.createTempDirectory("backbeat-measure");
                try {
                    TrainingJob j = TrainingJob.prepare(plan.withOut(tmp.resolve("m.bbm")), (d, t, w) -> { });
                    long[] at = new long[4];
                    j.run(p -> {
                        if (p.message().isEmpty() && p.step() >= 1 && p.step() <= 3) {
                            at[(int) p.step()] = System.nanoTime();
                        }
                    });
                    return (at[3] - at[1]) / 2e9;
                } finally {
                    try (Stream<Path> s = Files.list(tmp)) {
                        s.forEach(f -> f.toFile().delete());
                    }
                    Files.deleteIfExists(tmp);
                }
            }
        };
        task.setOnSucceeded(e -> {
            secondsPerStep = task.getValue();
            updateEstimate();
        });
        task.setOnFailed(e -> estimateLabel.setText("Could not measure: " + task.getException().getMessage()));
        Thread t = new Thread(task, "backbeat-measure");
        t.setDaemon(true);
        t.start();
    }

    private void updateEstimate() {
        if (Double.isNaN(secondsPerStep)) {
            return;
        }
        double total = secondsPerStep * stepsSpinner.getValue();
        estimateLabel.setText(String.format("≈ %s on this machine (%.2f s per step, measured)",
            org.backbeat.studio.Durations.human(total), secondsPerStep));
    }

    private TrainingJob.Plan plan() {
        Path out = outField.getText().isBlank()
            ? userModelsFolder().resolve("my-model" + ModelFile.EXTENSION) : Path.of(outField.getText().trim());
        DecoderType dec = "hierarchical".equals(decoderChoice.getValue()) ? DecoderType.HIERARCHICAL : DecoderType.FLAT;
        int steps = stepsSpinner.getValue();
        return TrainingJob.Plan.of(folder, out).withPreset(presetChoice.getValue()).withDecoder(dec)
            .withInitFrom(fineTuneRadio.isSelected() && resumeTarget == null ? startModel : null)
            .withResume(resumeTarget != null && resumeTarget.equals(out))
            .withSteps((long) steps)
            .withValidateEvery(Math.max(1, Math.min(200, steps / 10)))
            .withValidationShare(validationSpinner.getValue());
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

    private void startTraining() {
        if (running || trainingDone.get()) {
            return;
        }
        TrainingJob.Plan plan = plan();
        if (!plan.resume() && (Files.exists(plan.out()) || Files.exists(Trainer.checkpointPath(plan.out())))) {
            // an earlier model is replaced only when the user says so
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, plan.out() + " already exists. Replace it (and its "
                + "checkpoint) with the model this training makes?", ButtonType.YES, ButtonType.NO);
            a.initOwner(owner);
            a.setHeaderText("Replace the existing model?");
            if (a.showAndWait().filter(ButtonType.YES::equals).isEmpty()) {
                return;
            }
            plan = plan.withOverwrite(true);
        }
        TrainingJob.Plan chosen = plan;
        running = true;
        trainStatus.setText("Reading " + chosen.data() + "…");
        Task<Trainer.Result> task = new Task<>() {
            @Override
            protected Trainer.Result call() throws Exception {
                Files.createDirectories(chosen.out().toAbsolutePath().getParent());
                TrainingJob j = TrainingJob.prepare(chosen, (d, t, w) -> updateProgress(d, Math.max(1, t)));
                job = j;
                Platform.runLater(() -> trainStatus.setText("Building the training graph…"));
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
        String eta = Double.isNaN(p.etaSeconds()) ? "" : " · ETA " + org.backbeat.studio.Durations.human(p.etaSeconds());
        trainStatus.setText(p.message().isEmpty()
            ? String.format("step %s · %.1f examples/s%s · best validation %.2f",
                p.hasStepBudget() ? p.step() + " of " + p.totalSteps() : String.valueOf(p.step()),
                p.examplesPerSecond(), eta, p.bestValidationLoss())
            : p.message());
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
        TrainingJob j = job;
        if (j != null) {
            j.setPaused(pauseButton.isSelected());
        }
        pauseButton.setText(pauseButton.isSelected() ? "Resume" : "Pause");
    }

    @FXML
    void onStopTraining() {
        TrainingJob j = job;
        if (j != null) {
            j.setPaused(false);
            j.cancel();
            trainStatus.setText("Stopping after this step…");
        }
    }

    private void finished(Trainer.Result r, Throwable error) {
        running = false;
        result = r;
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
        resultSummary.setText("Measuring the new model on the held-out grooves…");
        TrainingJob j = job;
        Path start = j.plan().initFrom();
        Task<List<Map<String, Object>>> task = new Task<>() {
            @Override
            protected List<Map<String, Object>> call() throws Exception {
                List<Groove> windows = j.dataset().windows(Split.VALIDATION);
                if (windows.isEmpty()) {
                    windows = j.dataset().windows(Split.TRAIN);
                }
                List<Groove> held = windows;
                Map<String, Object> now = Evaluator.evaluate(Models.open(result.model()), held, List.of(), 0, 1,
                    (d, t, w) -> updateProgress(d, t));
                Map<String, Object> before = start == null ? Map.of()
                    : Evaluator.evaluate(Models.open(start), held, List.of(), 0, 1, (d, t, w) -> { });
                return List.of(now, before);
            }
        };
        evalProgress.progressProperty().bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            evalProgress.progressProperty().unbind();
            evalProgress.setVisible(false);
            showTable(task.getValue().get(0), task.getValue().get(1), j.dataset().windows(Split.VALIDATION).isEmpty());
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

    private void showTable(Map<String, Object> now, Map<String, Object> before, boolean onTraining) {
        resultSummary.setText((onTraining ? "No files were held out, so these figures are on the training grooves "
            + "(optimistic). " : "Reconstruction of the held-out grooves ") + "(" + now.get("windows") + " windows):");
        resultTable.getChildren().clear();
        resultTable.addRow(0, bold("metric"), bold("new model"), bold(before.isEmpty() ? "" : "starting model"));
        String[][] rows = {
            {"stepAccuracy", "steps exactly right"}, {"hitF1", "hit F1"}, {"velocityMae", "velocity error"},
            {"offsetMaeMs", "timing error (ms)"}, {"kl", "KL (nats)"},
        };
        int r = 1;
        for (String[] row : rows) {
            resultTable.addRow(r++, new Label(row[1]), new Label(fmt(now.get(row[0]))),
                new Label(before.isEmpty() ? "" : fmt(before.get(row[0]))));
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

    @FXML
    void onTrainMore() {
        if (result == null) {
            return;
        }
        // The checkpoint holds the optimizer state: continue it for as many steps again.
        resumeTarget = result.model();
        trainingDone.set(false);
        trainLoss.getData().clear();
        validationLoss.getData().clear();
        reconstruction.getData().clear();
        klSeries.getData().clear();
        stepsSpinner.getValueFactory().setValue((int) (result.steps() * 2));
        outField.setText(result.model().toString());
        pauseButton.setDisable(false);
        cancelTrainingButton.setDisable(false);
        resultSummary.setText("Training more: go back (Previous) to the training page.");
    }

    private void closing() {
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
