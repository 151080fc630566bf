package org.backbeat.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.play.GroovePlayer;
import org.backbeat.studio.GrooveHistory;
import org.backbeat.studio.LatestOnlyWorker;
import org.backbeat.studio.ModelDescription;
import org.backbeat.studio.StudioEngine;
import org.backbeat.studio.StudioGroove;
import org.backbeat.studio.UndoHistory;

/**
 * Glue between the studio window and the core: wires controls to {@link StudioEngine} (model work
 * on a background worker, never on the FX thread) and to the {@link GroovePlayer}. The logic it
 * relies on (blend math, history, undo, grid geometry) lives in {@code org.backbeat.studio}.
 */
public class StudioController {

    private static final int MAX_SLIDERS = 8;

    @FXML private BorderPane root;
    @FXML private DrumGrid grid;
    @FXML private Label grooveTitle;
    @FXML private HBox historyBox;
    @FXML private Button generateButton;
    @FXML private Slider temperatureSlider;
    @FXML private Label temperatureLabel;
    @FXML private ToggleButton playButton;
    @FXML private Spinner<Double> bpmSpinner;
    @FXML private Slider volumeSlider;
    @FXML private Label dragHandle;
    @FXML private DrumGrid slotAGrid;
    @FXML private DrumGrid slotBGrid;
    @FXML private VBox slotABox;
    @FXML private VBox slotBBox;
    @FXML private Slider abSlider;
    @FXML private BlendPad blendPad;
    @FXML private VBox latentBox;
    @FXML private Label latentHint;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private MenuItem modelCardItem;
    @FXML private ProgressIndicator busy;
    @FXML private Label statusModel;
    @FXML private Label statusDecode;
    @FXML private Label statusPlayer;

    private final UndoHistory<StudioGroove> undo = new UndoHistory<>(200);
    private final GrooveHistory history = new GrooveHistory(24);
    private final List<Slider> latentSliders = new ArrayList<>();
    private final StudioGroove[] corners = new StudioGroove[4];
    private final AtomicInteger pendingPlayhead = new AtomicInteger(-1);
    private final AtomicBoolean playheadScheduled = new AtomicBoolean();
    private final ExecutorService modelLoader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backbeat-model-loader");
        t.setDaemon(true);
        return t;
    });
    private final LatestOnlyWorker worker = new LatestOnlyWorker("backbeat-decoder",
        e -> Platform.runLater(() -> showError("The model failed", e)));

    private Stage stage;
    private GroovePlayer player;
    private FileDialogs dialogs;
    private StudioEngine engine;
    private StudioGroove current = new StudioGroove(Groove.empty(Groove.DEFAULT_QPM), "empty", null);
    private StudioGroove slotA;
    private StudioGroove slotB;
    private StudioGroove steerBase;
    /** The state before a drag of a slider or the pad began; committed to undo when it ends. */
    private StudioGroove gestureStart;
    private long seedCounter = System.nanoTime();
    /** The file of the model in use (null when it did not come from a file), for fine-tuning. */
    private Path modelFile;

    /** Called once by {@link StudioApp} after the FXML is loaded. */
    void init(Stage stage, GroovePlayer player, FileDialogs dialogs) {
        this.stage = stage;
        this.player = player;
        this.dialogs = dialogs;
        statusPlayer.setText(player.status().message());
        player.setStepListener(this::schedulePlayhead);
        player.setVolume(volumeSlider.getValue());

        temperatureSlider.valueProperty().addListener((o, a, b) ->
            temperatureLabel.setText(String.format("%.1f", b.doubleValue())));
        volumeSlider.valueProperty().addListener((o, a, b) -> player.setVolume(b.doubleValue()));
        bpmSpinner.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                player.setTempo(b);
            }
        });
        grid.grooveProperty().addListener((o, a, b) -> {
            if (player.isPlaying()) {
                player.setGroove(b);
            }
        });
        grid.setOnGrooveEdited(e -> {
            commit(current, current.withGroove(e.after(), "edited"), false);
        });
        abSlider.valueProperty().addListener((o, a, b) -> {
            if (abSlider.isValueChanging()) {
                decodeAB(b.doubleValue(), false);
            }
        });
        abSlider.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                decodeAB(abSlider.getValue(), true);
            }
        });
        // A click on the track (no drag) changes the value without valueChanging.
        abSlider.setOnMouseReleased(e -> decodeAB(abSlider.getValue(), true));
        blendPad.puckXProperty().addListener((o, a, b) -> decodeBlend(false));
        blendPad.puckYProperty().addListener((o, a, b) -> decodeBlend(false));
        blendPad.setOnMouseReleased(e -> decodeBlend(true));
        installDrop(grid, this::loadMidiIntoGrid);
        installDrop(slotABox, p -> loadMidi(p).ifPresent(g -> setSlot(0, g)));
        installDrop(slotBBox, p -> loadMidi(p).ifPresent(g -> setSlot(1, g)));
        dragHandle.setOnDragDetected(e -> {
            try {
                Path tmp = Files.createTempDirectory("backbeat-drag").resolve(exportName());
                MidiFiles.write(exportGroove(), tmp);
                tmp.toFile().deleteOnExit();
                tmp.getParent().toFile().deleteOnExit();
                Dragboard db = dragHandle.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putFiles(List.of(tmp.toFile()));
                db.setContent(content);
            } catch (IOException ex) {
                showError("Could not prepare the MIDI file for dragging", ex);
            }
            e.consume();
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        updateUndoItems();
    }

    private void shortcut(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            playButton.setSelected(!playButton.isSelected());
            onPlayToggle();
            e.consume();
        } else if (e.getCode() == KeyCode.G && !generateButton.isDisabled()) {
            onGenerate();
            e.consume();
        }
    }

    // ------------------------------------------------------------------ model

    /**
     * Starts the studio with a model that is already loaded and a first groove generated from it
     * (the start-up preload), so the first frame shows a playable groove. Returns false, changing
     * nothing, when {@code first} was made at another temperature or tempo than the controls show.
     * The latent sliders are built by {@link #afterFirstFrame()}: they are not needed to play, and
     * eight sliders' skins and CSS cost the first frame ~50 ms.
     */
    boolean startWith(GrooveModel model, Path file, StudioGroove first, double temperature, double qpm) {
        if (temperature != temperatureSlider.getValue() || qpm != bpmSpinner.getValue()) {
            return false;
        }
        useModel(model, false);
        modelFile = file;
        commit(current, first, true);
        return true;
    }

    /** Finishes what {@link #startWith} left for after the first frame. */
    void afterFirstFrame() {
        if (engine != null && latentSliders.isEmpty()) {
            buildLatentSliders(engine.model().directions());
        }
    }

    /** Loads a model in the background; {@code then} runs on the FX thread once it is in use. */
    void loadModel(Callable<GrooveModel> source, Path file, Runnable then) {
        busy.setVisible(true);
        statusModel.setText("Loading model…");
        Task<GrooveModel> task = new Task<>() {
            @Override
            protected GrooveModel call() throws Exception {
                return source.call();
            }
        };
        task.setOnSucceeded(e -> {
            busy.setVisible(false);
            useModel(task.getValue(), true);
            modelFile = file;
            if (then != null) {
                then.run();
            }
        });
        task.setOnFailed(e -> {
            busy.setVisible(false);
            statusModel.setText("No model: " + oneLine(task.getException()) + " (Model > Open model…)");
        });
        modelLoader.execute(task);
    }

    private void useModel(GrooveModel model, boolean withSliders) {
        engine = new StudioEngine(model);
        String name = model instanceof FastGrooveModel f ? f.card().name() : "model";
        statusModel.setText("Model: " + name + " · " + model.backend());
        generateButton.setDisable(false);
        modelCardItem.setDisable(!(model instanceof FastGrooveModel));
        // z from another model means nothing to this one: forget the cached codes.
        current = new StudioGroove(current.groove(), current.label(), null);
        slotA = slotA == null ? null : new StudioGroove(slotA.groove(), slotA.label(), null);
        slotB = slotB == null ? null : new StudioGroove(slotB.groove(), slotB.label(), null);
        for (int i = 0; i < 4; i++) {
            corners[i] = corners[i] == null ? null : new StudioGroove(corners[i].groove(), corners[i].label(), null);
        }
        steerBase = current;
        if (withSliders) {
            buildLatentSliders(model.directions());
        }
        updateEnablement();
    }

    private void buildLatentSliders(List<LatentDirection> dirs) {
        latentBox.getChildren().clear();
        latentSliders.clear();
        if (dirs.isEmpty()) {
            latentHint.setText("This model has no latent directions (train with Backbeat to get them).");
            latentBox.getChildren().add(latentHint);
            return;
        }
        for (LatentDirection d : dirs.subList(0, Math.min(MAX_SLIDERS, dirs.size()))) {
            Label name = new Label(d.name());
            name.getStyleClass().add("slider-name");
            Slider s = new Slider(-1, 1, 0);
            s.setId("latent-" + latentSliders.size());
            s.setTooltip(new Tooltip(d.description()));
            s.valueProperty().addListener((o, a, b) -> {
                if (s.isValueChanging()) {
                    decodeSteer(false);
                }
            });
            s.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    decodeSteer(true);
                }
            });
            s.setOnMouseReleased(e -> decodeSteer(true));
            latentSliders.add(s);
            latentBox.getChildren().add(new VBox(1, name, s));
        }
        Button reset = new Button("Reset sliders");
        reset.setMaxWidth(Double.MAX_VALUE);
        reset.setOnAction(e -> {
            latentSliders.forEach(s -> s.setValue(0));
            if (steerBase != null && !steerBase.groove().equals(current.groove())) {
                commit(current, steerBase, false);
            }
        });
        latentBox.getChildren().add(reset);
    }

    // ------------------------------------------------------------------ actions

    @FXML
    void onGenerate() {
        generate(true, null);
    }

    /** Generates a first groove without starting playback (start-up), then runs {@code after}. */
    void onGenerateQuietly(Runnable after) {
        generate(false, after);
    }

    private void generate(boolean play, Runnable after) {
        if (engine == null) {
            return;
        }
        double temperature = temperatureSlider.getValue();
        double qpm = bpmSpinner.getValue();
        long seed = seedCounter++;
        StudioGroove before = current;
        runModel(() -> engine.generate(temperature, seed, qpm), g -> {
            commit(before, g, true);
            if (play && !player.isPlaying()) {
                playButton.setSelected(true);
                onPlayToggle();
            }
            if (after != null) {
                after.run();
            }
        });
    }

    @FXML
    void onPlayToggle() {
        if (playButton.isSelected()) {
            player.setTempo(bpmSpinner.getValue());
            player.play(grid.getGroove());
            playButton.setText("■ Stop");
        } else {
            player.stop();
            playButton.setText("▶ Play");
            grid.setPlayhead(-1);
        }
        statusPlayer.setText(player.status().message());
    }

    @FXML
    void onUndo() {
        undo.undo(current).ifPresent(this::show);
        updateUndoItems();
    }

    @FXML
    void onRedo() {
        undo.redo(current).ifPresent(this::show);
        updateUndoItems();
    }

    @FXML
    void onClear() {
        commit(current, current.withGroove(Groove.empty(bpmSpinner.getValue()), "cleared"), false);
    }

    @FXML
    void onOpenMidi() {
        dialogs.openMidi(stage).ifPresent(this::loadMidiIntoGrid);
    }

    @FXML
    void onExportMidi() {
        dialogs.saveMidi(stage, exportName()).ifPresent(this::exportTo);
    }

    void exportTo(Path file) {
        try {
            MidiFiles.write(exportGroove(), file);
            statusDecode.setText("Exported " + file.getFileName());
        } catch (IOException e) {
            showError("Could not export " + file, e);
        }
    }

    @FXML
    void onQuit() {
        stage.close();
    }

    @FXML
    void onOpenModel() {
        dialogs.openModel(stage).ifPresent(p -> loadModel(() -> Models.open(p), p, null));
    }

    @FXML
    void onShippedModel() {
        try {
            Path p = Models.defaultModelPath();
            loadModel(() -> Models.open(p), p, null);
        } catch (ModelFileException e) {
            showError("No shipped model", e);
        }
    }

    @FXML
    void onModelCard() {
        if (engine != null && engine.model() instanceof FastGrooveModel f) {
            TextArea text = new TextArea(ModelDescription.of(f.stored()));
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefSize(620, 420);
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(stage);
            a.setTitle("Model card");
            a.setHeaderText(f.card().name());
            a.getDialogPane().setContent(text);
            a.show();
        }
    }

    @FXML
    void onTrain() {
        TrainingWizard.open(stage, dialogs, modelFile,
            model -> loadModel(() -> Models.open(model), model, null),
            groove -> {
                player.play(groove);
                playButton.setSelected(true);
                playButton.setText("■ Stop");
            });
    }

    @FXML
    void onShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
            G                 Generate 4 bars
            Space             Play / stop
            Ctrl+Z            Undo
            Ctrl+Shift+Z      Redo
            Ctrl+O            Open MIDI
            Ctrl+E            Export MIDI
            Click a cell      Add / remove a hit
            Drag up/down      Velocity
            Alt+drag          Micro-timing""");
        a.show();
    }

    @FXML
    void onAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About Backbeat");
        a.setHeaderText("Backbeat " + org.backbeat.Backbeat.version());
        a.setContentText("A drum-groove studio running a GrooVAE/MusicVAE model locally.\n"
            + "The shipped model was trained on the Groove MIDI Dataset (Google, CC BY 4.0).");
        a.show();
    }

    @FXML
    void onFillA() {
        setSlot(0, current);
    }

    @FXML
    void onFillB() {
        setSlot(1, current);
    }

    @FXML
    void onFillCorners() {
        List<StudioGroove> recent = history.entries();
        if (recent.size() < 2) {
            statusDecode.setText("Generate or load at least two grooves to blend");
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            corners[i] = recent.get(i % recent.size());
            names.add((i + 1) + " " + corners[i].label());
        }
        blendPad.getCornerNames().setAll(names);
        updateEnablement();
    }

    // ------------------------------------------------------------------ latent gestures

    private void decodeAB(double t, boolean end) {
        if (engine == null || slotA == null || slotB == null) {
            return;
        }
        beginGesture();
        StudioGroove a = slotA;
        StudioGroove b = slotB;
        String label = String.format("A→B %d%%", Math.round(t * 100));
        runModel(() -> new StudioGroove(engine.between(a, b, t, Interpolation.SPHERICAL), label, null),
            g -> showGesture(g, end));
    }

    private void decodeBlend(boolean end) {
        if (engine == null || blendPad.isDisabled()) {
            return;
        }
        beginGesture();
        List<StudioGroove> c = List.of(corners);
        double x = blendPad.getPuckX();
        double y = blendPad.getPuckY();
        double qpm = bpmSpinner.getValue();
        runModel(() -> new StudioGroove(engine.blend(c, x, y, qpm),
            String.format("blend %.0f%%,%.0f%%", x * 100, y * 100), null), g -> showGesture(g, end));
    }

    private void decodeSteer(boolean end) {
        if (engine == null || steerBase == null) {
            return;
        }
        beginGesture();
        StudioGroove base = steerBase;
        double[] values = latentSliders.stream().mapToDouble(Slider::getValue).toArray();
        runModel(() -> new StudioGroove(engine.steer(base, values), "steered", null), g -> {
            if (end) {
                // Not commit(): the sliders keep their positions and their base groove.
                undo.push(endGesture());
                updateUndoItems();
            }
            show(g);
        });
    }

    private void beginGesture() {
        if (gestureStart == null) {
            gestureStart = current;
        }
    }

    /** The state the gesture started from (the current one if none was recorded); clears it. */
    private StudioGroove endGesture() {
        StudioGroove before = gestureStart == null ? current : gestureStart;
        gestureStart = null;
        return before;
    }

    private void showGesture(StudioGroove g, boolean end) {
        if (end) {
            StudioGroove before = endGesture();
            if (!g.groove().equals(before.groove())) {
                commit(before, g, true);
            } else {
                show(g);
            }
        } else {
            show(g);
        }
    }

    // ------------------------------------------------------------------ state

    /** Makes {@code next} current, as one undoable step from {@code before}. */
    private void commit(StudioGroove before, StudioGroove next, boolean addToHistory) {
        undo.push(before);
        show(next);
        steerBase = next;
        latentSliders.forEach(s -> s.setValue(0));
        if (addToHistory && history.add(next)) {
            rebuildHistoryStrip();
        }
        updateUndoItems();
    }

    private void show(StudioGroove g) {
        current = g;
        grid.setGroove(g.groove());
        grooveTitle.setText(g.label() + " · " + g.groove().hitCount() + " hits · "
            + Math.round(g.groove().qpm()) + " BPM");
        updateEnablement();
    }

    private void setSlot(int slot, StudioGroove g) {
        if (slot == 0) {
            slotA = g;
            slotAGrid.setGroove(g.groove());
        } else {
            slotB = g;
            slotBGrid.setGroove(g.groove());
        }
        updateEnablement();
    }

    private void updateEnablement() {
        abSlider.setDisable(engine == null || slotA == null || slotB == null);
        blendPad.setDisable(engine == null || corners[0] == null);
    }

    private void updateUndoItems() {
        undoItem.setDisable(!undo.canUndo());
        redoItem.setDisable(!undo.canRedo());
    }

    private void rebuildHistoryStrip() {
        historyBox.getChildren().clear();
        for (StudioGroove g : history.entries()) {
            DrumGrid thumb = new DrumGrid();
            thumb.setCompact(true);
            thumb.setEditable(false);
            thumb.setGroove(g.groove());
            thumb.setPrefSize(112, 40);
            thumb.getStyleClass().add("history-item");
            Tooltip.install(thumb, new Tooltip(g.label() + " — click to bring back; right-click for A/B"));
            ContextMenu menu = new ContextMenu(item("Put in A", () -> setSlot(0, g)),
                item("Put in B", () -> setSlot(1, g)));
            thumb.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    commit(current, g, false);
                } else if (e.getButton() == MouseButton.SECONDARY) {
                    menu.show(thumb, e.getScreenX(), e.getScreenY());
                }
            });
            historyBox.getChildren().add(thumb);
        }
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    // ------------------------------------------------------------------ files

    /** Opens a .mid file into the grid (the desktop's "Open with", or a file dropped on the app). */
    void open(Path file) {
        loadMidiIntoGrid(file);
    }

    private void loadMidiIntoGrid(Path file) {
        loadMidi(file).ifPresent(g -> {
            commit(current, g, true);
            bpmSpinner.getValueFactory().setValue((double) Math.round(g.groove().qpm()));
        });
    }

    private Optional<StudioGroove> loadMidi(Path file) {
        try {
            List<Groove> grooves = MidiFiles.readGrooves(file, ReadOptions.userImport());
            if (grooves.isEmpty()) {
                showError("No 4-bar drum groove found in " + file.getFileName(), null);
                return Optional.empty();
            }
            String name = file.getFileName().toString().replaceFirst("\\.midi?$", "");
            for (int i = grooves.size() - 1; i >= 1 && i < 8; i--) {
                history.add(new StudioGroove(grooves.get(i), name + " " + (i + 1), null));
            }
            rebuildHistoryStrip();
            return Optional.of(new StudioGroove(grooves.get(0), name, null));
        } catch (IOException e) {
            showError("Could not read " + file.getFileName(), e);
            return Optional.empty();
        }
    }

    private Groove exportGroove() {
        return grid.getGroove().withQpm(bpmSpinner.getValue());
    }

    private String exportName() {
        return "backbeat-" + Math.round(bpmSpinner.getValue()) + "bpm.mid";
    }

    private void installDrop(Node target, java.util.function.Consumer<Path> onFile) {
        target.setOnDragOver((DragEvent e) -> {
            if (e.getGestureSource() != dragHandle && midiFile(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped((DragEvent e) -> {
            File f = midiFile(e.getDragboard());
            if (f != null) {
                onFile.accept(f.toPath());
            }
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    private static File midiFile(Dragboard db) {
        if (!db.hasFiles()) {
            return null;
        }
        return db.getFiles().stream().filter(f -> f.getName().toLowerCase().matches(".*\\.midi?$"))
            .findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs model work on the worker (latest request wins) and shows the result on the FX thread. */
    private <T> void runModel(Supplier<T> work, java.util.function.Consumer<T> onResult) {
        busy.setVisible(true);
        worker.submit(() -> {
            T result = work.get();
            double ms = engine.lastDecodeMillis();
            Platform.runLater(() -> {
                busy.setVisible(false);
                statusDecode.setText(String.format("decode %.1f ms", ms));
                onResult.accept(result);
            });
        });
    }

    private void schedulePlayhead(int step) {
        pendingPlayhead.set(step);
        if (playheadScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                playheadScheduled.set(false);
                if (player.isPlaying()) {
                    grid.setPlayhead(pendingPlayhead.get());
                }
            });
        }
    }

    private void showError(String what, Throwable e) {
        busy.setVisible(false);
        String msg = e == null ? what : what + ": " + oneLine(e);
        statusDecode.setText(msg);
        Alert a = new Alert(Alert.AlertType.ERROR, msg);
        a.initOwner(stage);
        a.setHeaderText(what);
        a.show();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** The studio's current groove (for tests and the app). */
    Groove currentGroove() {
        return grid.getGroove();
    }

    /** The file of the model in use, or null. */
    Path modelFile() {
        return modelFile;
    }

    /** Waits for queued model work (tests). */
    boolean awaitModelWork(long millis) throws InterruptedException {
        return worker.awaitIdle(millis, TimeUnit.MILLISECONDS);
    }

    void close() {
        worker.close();
        modelLoader.shutdownNow();
        player.close();
    }
}
