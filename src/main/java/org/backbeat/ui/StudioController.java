package org.backbeat.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.play.GroovePlayer;
import org.backbeat.studio.LatestOnlyWorker;
import org.backbeat.studio.MidiImport;
import org.backbeat.studio.PathExport;
import org.backbeat.studio.TaskTool;
import org.backbeat.studio.TapRecorder;
import org.backbeat.studio.ModelDescription;
import org.backbeat.studio.StudioEngine;
import org.backbeat.studio.StudioGroove;
import org.backbeat.studio.SessionAutosave;
import org.backbeat.studio.SessionFile;
import org.backbeat.studio.SoundSettings;
import org.backbeat.studio.StudioSession;

/**
 * Glue between the studio window and the core: wires controls to {@link StudioEngine} (model work
 * on a background worker, never on the FX thread) and to the {@link GroovePlayer}. The logic it
 * relies on (blend math, history, undo, grid geometry) lives in {@code org.backbeat.studio}.
 */
public class StudioController {

    @FXML private BorderPane root;
    @FXML private DrumGrid grid;
    @FXML private Label grooveTitle;
    @FXML private HBox historyBox;
    @FXML private ScrollPane historyScroll;
    @FXML private Button generateButton;
    @FXML private Button humanizeButton;
    @FXML private ToggleButton tapButton;
    @FXML private Button drumifyButton;
    @FXML private javafx.scene.control.Menu tapInputMenu;
    /** Tap counts in a bar and clicks every beat (File > Count-in and metronome for Tap; on by default). */
    @FXML private javafx.scene.control.CheckMenuItem metronomeItem;
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
    @FXML private Spinner<Integer> countSpinner;
    @FXML private Button varyButton;
    @FXML private Slider varyAmountSlider;
    @FXML private Label varyAmountLabel;
    @FXML private Button rerollButton;
    @FXML private Slider swingSlider;
    @FXML private Label swingLabel;
    @FXML private VBox variationsPane;
    @FXML private HBox variationsBox;
    @FXML private javafx.scene.control.CheckMenuItem exportAsHeardItem;
    @FXML private Spinner<Integer> abStepsSpinner;
    @FXML private Button exportClipsButton;
    @FXML private Button exportPathButton;
    @FXML private javafx.scene.control.Menu soundMenu;
    @FXML private javafx.scene.control.Menu midiOutMenu;

    private final StudioSession session = new StudioSession();
    private LatentSliders latentSliders;
    private final AtomicInteger pendingPlayhead = new AtomicInteger(-1);
    private final AtomicBoolean playheadScheduled = new AtomicBoolean();
    /** The app's background threads (the wizard's work runs there too). */
    private final Background background;
    /** Model loads, sound changes and their saves, one at a time in order, on {@link #background}. */
    private final ExecutorService modelLoader;
    /** Humanize: its own model (models/humanize.bbm), opened on first use. */
    private final TaskTool humanizer = TaskTool.shipped(org.backbeat.model.Task.HUMANIZE);
    /** Drumify: its own model (models/drumify.bbm), opened on first use. */
    private final TaskTool drumifier = TaskTool.shipped(org.backbeat.model.Task.DRUMIFY);
    /** The Tap button, metronome and tap input, bound to the Tap flow ({@code studio.TapSession}). */
    private TapControls taps;
    private final LatestOnlyWorker worker = new LatestOnlyWorker("backbeat-decoder",
        e -> Platform.runLater(() -> showError("The model failed", e)));

    /** The history and variations strips. */
    private GrooveStrips strips;

    private Stage stage;
    private GroovePlayer player;
    private DialogService dialogs;
    private StudioEngine engine;
    /** The status line's words for the model in use, kept when another model fails to open. */
    private String modelStatus = "No model";
    /** The file of the model in use (null when it did not come from a file), for fine-tuning. */
    private Path modelFile;
    /** Saves the session after every change; null when sessions are off (the test suite). */
    private SessionAutosave autosave;
    private boolean restoreOffered;

    /** The Sound menu: SoundFont, MIDI output and their remembered choice. */
    private SoundMenu sound;

    /** The controller of {@code studio.fxml}; {@link StudioApp} makes it with the app's background threads. */
    StudioController(Background background) {
        this.background = background;
        this.modelLoader = background.serial("backbeat-model-loader");
    }

    /** Called once by {@link StudioApp} after the FXML is loaded. */
    void init(Stage stage, GroovePlayer player, DialogService dialogs) {
        this.stage = stage;
        this.player = player;
        this.dialogs = dialogs;
        statusPlayer.setText(player.status().message());
        player.setStepListener(this::schedulePlayhead);
        player.setVolume(volumeSlider.getValue());
        latentSliders = new LatentSliders(latentBox, latentHint);
        taps = new TapControls(tapButton, metronomeItem, tapInputMenu, grid, grooveTitle, session::title, statusDecode,
            playButton, bpmSpinner,
            () -> this.player, () -> session.current().groove(), () -> {
                playButton.setSelected(false);
                onPlayToggle();
            }, this::drumify, this::showError);
        strips = new GrooveStrips(session, historyBox, historyScroll, variationsPane, variationsBox, this::audition);
        session.addListener(this::render);

        temperatureSlider.valueProperty().addListener((o, a, b) ->
            temperatureLabel.setText(String.format("%.2f", b.doubleValue())));
        volumeSlider.valueProperty().addListener((o, a, b) -> player.setVolume(b.doubleValue()));
        BpmField.install(bpmSpinner);
        bpmSpinner.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                player.setTempo(b);
                session.setBpm(b);
            }
        });
        grid.grooveProperty().addListener((o, a, b) -> {
            if (player.isPlaying() && session.auditioned() < 0) {
                player.setGroove(session.lanes().heard(b));
            }
        });
        grid.setOnLaneToggled(t -> session.toggleLane(t.toggle(), t.drumClass()));
        grid.selectedBarProperty().addListener((o, a, b) -> updateEnablement());
        varyAmountSlider.valueProperty().addListener((o, a, b) ->
            varyAmountLabel.setText(Math.round(b.doubleValue() * 100) + "%"));
        swingSlider.valueProperty().addListener((o, a, b) -> {
            double percent = Math.round(b.doubleValue());
            swingLabel.setText((long) percent + "%");
            session.setSwing(percent / 100);
        });
        grid.setOnGrooveEdited(e -> session.edited(e.after()));
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
        MidiDragAndDrop.acceptDrops(grid, dragHandle, this::loadMidiIntoGrid);
        MidiDragAndDrop.acceptDrops(slotABox, dragHandle, p -> dropOnSlot(0, p));
        MidiDragAndDrop.acceptDrops(slotBBox, dragHandle, p -> dropOnSlot(1, p));
        // any MIDI clip dropped on Drumify (a bass line, a melody, a drum take): drums that follow its rhythm
        MidiDragAndDrop.acceptDrops(drumifyButton, dragHandle, this::drumifyClip);
        MidiDragAndDrop.dragExports(dragHandle, session, this::showError);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        root.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.T) {
                taps.keyReleased();
            }
        });
        stage.setOnCloseRequest(e -> {
            e.consume(); // the window closes once the session is on disk
            onQuit();
        });
        autosave = SessionFile.defaultPath()
            .map(p -> new SessionAutosave(p, session, () -> modelFile == null ? null : modelFile.toString()))
            .orElse(null);
        render(EnumSet.allOf(StudioSession.Change.class));
        sound = new SoundMenu(soundMenu, midiOutMenu, statusPlayer, modelLoader, () -> player, this::takeOver);
        SoundSettings.defaultPath().ifPresent(this::applySoundSettings);
    }

    /**
     * Once the first groove is up: offers the last session if one was saved, then saves this one
     * after every change. A damaged session file is named in the status line and left alone.
     */
    void offerRestore() {
        if (autosave == null || restoreOffered) {
            return;
        }
        restoreOffered = true;
        SessionFile.Snapshot last;
        try {
            last = SessionFile.load(autosave.file()).orElse(null);
        } catch (IOException e) {
            statusDecode.setText("Last session not restored: " + oneLine(e));
            last = null;
        }
        if (last == null) {
            autosave.start();
            return;
        }
        SessionFile.Snapshot s = last;
        dialogs.ask(stage, StudioDialogs.restoreOrNew(s.summary()), restore -> {
            if (!restore) {
                autosave.start();
                return;
            }
            Optional<Path> model = s.modelToOpen(modelFile);
            if (model.isEmpty()) {
                restore(s, s.sameModel(modelFile));
            } else {
                loadModel(() -> Models.open(model.get()), model.get(), () -> restore(s, true));
            }
        });
    }

    private void restore(SessionFile.Snapshot s, boolean keepCodes) {
        session.restore(s, keepCodes);
        bpmSpinner.getValueFactory().setValue((double) Math.round(s.bpm()));
        autosave.start();
    }

    /**
     * The studio's own keys. None fires while the user types into a text field (the BPM field's
     * editor included), so "g" there is a letter, not Generate.
     */
    private void shortcut(KeyEvent e) {
        if (BpmField.typingInto(e.getTarget()) || BpmField.typingInto(root.getScene().getFocusOwner())) {
            return;
        }
        if (e.isShortcutDown() && !e.isShiftDown() && !e.isAltDown() && e.getCode() == KeyCode.Y) {
            onRedo(); // the Windows/Linux habit, beside the menu's Ctrl+Shift+Z
            e.consume();
            return;
        }
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.T && taps.active()) {
            taps.keyPressed();
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            playButton.setSelected(!playButton.isSelected());
            onPlayToggle();
            e.consume();
        } else if (e.getCode() == KeyCode.G && !generateButton.isDisabled()) {
            onGenerate();
            e.consume();
        } else if (e.getCode() == KeyCode.H && !humanizeButton.isDisabled()) {
            onHumanize();
            e.consume();
        } else if (e.getCode() == KeyCode.D && !drumifyButton.isDisabled()) {
            onDrumify();
            e.consume();
        } else if (e.getCode() == KeyCode.V && !varyButton.isDisabled()) {
            onVary();
            e.consume();
        } else if (e.getCode() == KeyCode.R && !rerollButton.isDisabled()) {
            onReroll();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && session.auditioned() >= 0) {
            session.takeVariation(session.auditioned());
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
        session.commit(first, true);
        return true;
    }

    /** Finishes what {@link #startWith} left for after the first frame. */
    void afterFirstFrame() {
        if (engine != null && latentSliders.isEmpty()) {
            buildLatentSliders(engine.model().directions());
        }
    }

    /**
     * Loads a model in the background; {@code then} runs on the FX thread once it is in use. When
     * it fails, a window says why in one line and the model in use (if any) stays in use.
     */
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
            String reason = oneLine(task.getException());
            if (engine == null) {
                modelStatus = ModelDescription.noModel(reason);
            }
            statusModel.setText(modelStatus);
            String name = file == null ? "the model" : file.getFileName().toString();
            dialogs.error(stage, "Could not open " + name,
                ModelDescription.openFailure(reason, engine == null ? null : engine.model()));
        });
        modelLoader.execute(task);
    }

    private void useModel(GrooveModel model, boolean withSliders) {
        engine = new StudioEngine(model);
        modelStatus = ModelDescription.status(model);
        statusModel.setText(modelStatus);
        generateButton.setDisable(false);
        humanizeButton.setDisable(false);
        tapButton.setDisable(false);
        drumifyButton.setDisable(false);
        modelCardItem.setDisable(model.file().isEmpty());
        // z from another model means nothing to this one: forget the cached codes.
        session.forgetCodes();
        if (withSliders) {
            buildLatentSliders(model.directions());
        }
        updateEnablement();
    }

    private void buildLatentSliders(List<LatentDirection> dirs) {
        latentSliders.build(dirs, this::decodeSteer, session::resetSteer);
    }

    // ------------------------------------------------------------------ actions

    @FXML
    void onGenerate() {
        generate(true, null);
    }

    /**
     * Opens the Humanize and Drumify models (on the calling thread, a background one), so that a
     * musician's first use of either plays at once; one that cannot be opened says why when used.
     */
    void warmUpTools() {
        humanizer.warmUp();
        drumifier.warmUp();
    }

    /** The Humanize or Drumify tool takes {@code model} (opened in the background at once, so a bad file says why now). */
    private void useToolModel(TaskTool tool, Path model) {
        tool.useFile(model);
        background.execute("backbeat-warm-up", () -> {
            String why = tool.warmUp();
            Platform.runLater(() -> {
                if (why != null) {
                    showError("Could not use " + model.getFileName() + " for " + tool.task().label(), new Exception(why));
                } else {
                    statusDecode.setText((tool.task() == org.backbeat.model.Task.HUMANIZE ? "Humanize" : "Drumify")
                        + " uses " + model.getFileName());
                }
            });
        });
    }

    /** For tests: the model file the Humanize or Drumify tool uses, null for the shipped one. */
    Path toolModelFile(org.backbeat.model.Task task) {
        return (task == org.backbeat.model.Task.HUMANIZE ? humanizer : drumifier).file();
    }

    /** For tests and a later "open humanize model": where the Humanize tool's model comes from. */
    void setHumanizeModel(Callable<GrooveModel> source) {
        humanizer.setSource(source);
    }

    /** For tests: where the Drumify tool's model comes from, and the clock taps are stamped with. */
    void setDrumifyModel(Callable<GrooveModel> source) {
        drumifier.setSource(source);
    }

    void setTapClock(java.util.function.LongSupplier c) {
        taps.setClock(c);
    }

    /** Tap on: a fresh 4 bars of taps at the transport's tempo (see {@code studio.TapSession}); off: dropped. */
    @FXML
    void onTapToggle() {
        taps.toggled();
    }

    /** For tests: the taps being recorded, or null. */
    TapRecorder tapRecorder() {
        return taps.recorder();
    }

    /** Count-in and metronome on or off; while tapping, the clicks stop (or start) at once. */
    @FXML
    void onMetronomeToggle() {
        taps.metronomeToggled();
    }

    /** Taps from {@code transmitter}'s note-ons (any channel, any pitch, with their velocity) while Tap is on. */
    void useTapInput(javax.sound.midi.Transmitter transmitter) {
        taps.useInput(transmitter);
    }

    /** The menu of MIDI inputs, listed afresh each time it opens. */
    @FXML
    void onTapInputMenu() {
        taps.fillInputMenu();
    }

    /** Drumify: the taps being recorded, else the rhythm of the groove on the grid. */
    @FXML
    void onDrumify() {
        if (taps.active()) {
            taps.finish();
        } else {
            drumify(session.current());
        }
    }

    /** File > Drumify a MIDI clip: every note of its first 4 bars, any pitch or channel, is a tap. */
    @FXML
    void onDrumifyClip() {
        dialogs.openMidi(stage).ifPresent(this::drumifyClip);
    }

    /** Every note of the clip's first 4 bars, any pitch or channel, as taps, drumified at the transport's tempo. */
    void drumifyClip(Path p) {
        try {
            drumify(TaskTool.clipAsTaps(p, bpmSpinner.getValue()));
        } catch (IOException e) {
            showError("Could not read " + p.getFileName(), e);
        }
    }

    private void drumify(StudioGroove input) {
        runTool(drumifier, "Could not drumify", input);
    }

    /** Runs a humanize or drumify tool on {@code input}; its result is one undoable step and plays at once. */
    private void runTool(TaskTool tool, String failure, StudioGroove input) {
        StudioGroove before = session.current();
        double temperature = temperatureSlider.getValue();
        long seed = session.nextSeed();
        runModel(() -> {
            try {
                return tool.apply(input, temperature, seed);
            } catch (Exception e) {
                Platform.runLater(() -> {
                    grid.setGroove(session.current().groove());
                    showError(failure, e);
                });
                return null;
            }
        }, g -> {
            if (g == null) {
                return;
            }
            session.commit(before, g, true);
            startPlaying();
        }, tool::decodeStatus);
    }

    /**
     * Humanizes the groove on the grid at the temperature: the result becomes the current groove,
     * one undoable step in the history, and plays at once. Without a humanize model (or with an
     * empty grid) a window says why in one line and nothing changes.
     */
    @FXML
    void onHumanize() {
        runTool(humanizer, "Could not humanize", session.current());
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
        long seed = session.nextSeed();
        int count = countSpinner.getValue();
        StudioGroove before = session.current();
        org.backbeat.model.Lock lock = session.lock();
        runModel(() -> engine.generate(count, temperature, seed, qpm, lock), made -> {
            session.showVariations(before, made);
            if (play) {
                startPlaying();
            }
            if (after != null) {
                after.run();
            }
        });
    }

    /** Vary: N grooves around the one on the grid (its z plus noise of the chosen amount). */
    @FXML
    void onVary() {
        if (engine == null) {
            return;
        }
        double amount = varyAmountSlider.getValue();
        int count = countSpinner.getValue();
        long seed = session.nextSeed();
        StudioGroove before = session.current();
        org.backbeat.model.Lock lock = session.lock();
        runModel(() -> engine.vary(before, count, amount, seed, lock), made -> session.showVariations(before, made));
    }

    /** Re-roll bar: the bar chosen on the ruler played again, the other three and the locked lanes kept. */
    @FXML
    void onReroll() {
        int bar = grid.getSelectedBar();
        if (engine == null || bar < 0) {
            return;
        }
        double temperature = temperatureSlider.getValue();
        long seed = session.nextSeed();
        StudioGroove before = session.current();
        boolean[] locked = session.lanes().locked();
        runModel(() -> engine.rerollBar(before, bar, temperature, seed, locked), g -> session.commit(before, g, true));
    }

    /** Exports the A→B path as one .mid per step into a folder (like Magenta Studio's Interpolate). */
    @FXML
    void onExportClips() {
        if (engine == null || !session.slotsFilled()) {
            return;
        }
        dialogs.chooseFolder(stage, "Folder for the A→B clips").ifPresent(dir -> {
            PathExport export = PathExport.of(session, abStepsSpinner.getValue()); // the session is the FX thread's
            runModel(() -> export.writeClips(engine, dir), statusDecode::setText);
        });
    }

    /** Exports the A→B path as one long .mid file, one 4-bar section per step. */
    @FXML
    void onExportPath() {
        if (engine == null || !session.slotsFilled()) {
            return;
        }
        dialogs.saveMidi(stage, PathExport.fileName(abStepsSpinner.getValue())).ifPresent(file -> {
            PathExport export = PathExport.of(session, abStepsSpinner.getValue());
            runModel(() -> export.writeFile(engine, file), statusDecode::setText);
        });
    }

    // ------------------------------------------------------------------ sound

    /** Sound > SoundFont…: the built-in synthesizer plays the chosen .sf2 (remembered). */
    @FXML
    void onSoundFont() {
        dialogs.openSoundFont(stage).ifPresent(sound::loadSoundFont);
    }

    /** Sound > Built-in sounds: back to the synthesizer's own instruments (remembered). */
    @FXML
    void onBuiltInSounds() {
        sound.builtInSounds();
    }

    /** A newly opened player (another MIDI output) takes over the groove, tempo, volume and swing. */
    private void takeOver(GroovePlayer p) {
        GroovePlayer old = player;
        boolean playing = old.isPlaying();
        player = p;
        p.setStepListener(this::schedulePlayhead);
        p.setVolume(volumeSlider.getValue());
        p.setSwing(session.swing());
        p.setTempo(bpmSpinner.getValue());
        old.close();
        // tapping after a count-in counts in again on the new output; else the loop plays on there
        if (!taps.outputChanged() && playing) {
            p.play(session.playGroove());
        }
    }

    /** Applies the sound choices saved in {@code file} (start-up); a damaged file is named, not fatal. */
    void applySoundSettings(Path file) {
        sound.apply(file);
    }

    /** Tests: how MIDI outputs are opened and listed, and where sound choices are kept. */
    void setSoundParts(SoundMenu.PlayerOpener opener, Supplier<List<String>> lister, Path file) {
        sound.setParts(opener, lister, file);
    }

    /** The sound choices in use (tests). */
    SoundSettings soundSettings() {
        return sound.settings();
    }

    @FXML
    void onExportAsHeard() {
        session.setExportAsHeard(exportAsHeardItem.isSelected());
    }

    /** Starts the loop as the transport's Play does, unless it plays already. */
    private void startPlaying() {
        if (!player.isPlaying()) {
            playButton.setSelected(true);
            onPlayToggle();
        }
    }

    @FXML
    void onPlayToggle() {
        if (playButton.isSelected()) {
            player.setTempo(bpmSpinner.getValue());
            player.play(session.playGroove());
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
        session.undo();
    }

    @FXML
    void onRedo() {
        session.redo();
    }

    @FXML
    void onClear() {
        session.clear();
    }

    @FXML
    void onOpenMidi() {
        dialogs.openMidi(stage).ifPresent(this::loadMidiIntoGrid);
    }

    @FXML
    void onExportMidi() {
        dialogs.saveMidi(stage, session.exportName()).ifPresent(this::exportTo);
    }

    void exportTo(Path file) {
        try {
            session.exportTo(file);
            statusDecode.setText("Exported " + file.getFileName());
        } catch (IOException e) {
            showError("Could not export " + file, e);
        }
    }

    /** Quits once the session is saved; asks first only when it cannot be (nothing is lost silently). */
    @FXML
    void onQuit() {
        if (autosave == null) {
            closeAsking(session.unsaved()
                ? "Sessions are off (backbeat.session=none) and the groove on the grid is not exported." : null);
            return;
        }
        autosave.flush(error -> Platform.runLater(() ->
            closeAsking(error == null ? null : "It could not be written to " + autosave.file() + ": " + error)));
    }

    /** Closes the window; when {@code lost} says what would be lost, asks first. */
    private void closeAsking(String lost) {
        if (lost == null) {
            stage.close();
        } else {
            dialogs.ask(stage, StudioDialogs.quitUnsaved(lost), quit -> {
                if (quit) {
                    stage.close();
                }
            });
        }
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
        if (engine != null) {
            engine.model().file().ifPresent(f ->
                dialogs.show(stage, "Model card", f.card().name(), StudioDialogs.longText(ModelDescription.of(f))));
        }
    }

    @FXML
    void onTrain() {
        TrainingWizard.open(stage, dialogs, background, modelFile,
            (task, model) -> {
                switch (task) {
                    case GENERATE -> loadModel(() -> Models.open(model), model, null);
                    case HUMANIZE -> useToolModel(humanizer, model);
                    case DRUMIFY -> useToolModel(drumifier, model);
                }
            },
            groove -> {
                player.play(groove);
                playButton.setSelected(true);
                playButton.setText("■ Stop");
            });
    }

    @FXML
    void onShortcuts() {
        dialogs.show(stage, "Keyboard shortcuts", "Keyboard shortcuts", StudioDialogs.shortcutTable());
    }

    @FXML
    void onAbout() {
        dialogs.message(stage, StudioDialogs.ABOUT_TITLE, StudioDialogs.aboutHeader(), StudioDialogs.ABOUT);
    }

    @FXML
    void onFillA() {
        session.setSlot(0, session.current());
    }

    @FXML
    void onFillB() {
        session.setSlot(1, session.current());
    }

    @FXML
    void onFillCorners() {
        if (!session.fillCorners()) {
            statusDecode.setText("Generate or load at least two grooves to blend");
        }
    }

    // ------------------------------------------------------------------ latent gestures

    private void decodeAB(double t, boolean end) {
        if (engine == null || !session.slotsFilled()) {
            return;
        }
        session.beginGesture();
        StudioGroove a = session.slot(0);
        StudioGroove b = session.slot(1);
        String label = String.format("A→B %d%%", Math.round(t * 100));
        runModel(() -> engine.between(a, b, t, Interpolation.SPHERICAL, label), g -> session.gestureResult(g, end));
    }

    private void decodeBlend(boolean end) {
        if (engine == null || blendPad.isDisabled()) {
            return;
        }
        session.beginGesture();
        List<StudioGroove> c = session.corners();
        double x = blendPad.getPuckX();
        double y = blendPad.getPuckY();
        double qpm = bpmSpinner.getValue();
        String label = String.format("blend %.0f%%,%.0f%%", x * 100, y * 100);
        runModel(() -> engine.blend(c, x, y, qpm, label), g -> session.gestureResult(g, end));
    }

    private void decodeSteer(boolean end) {
        if (engine == null) {
            return;
        }
        session.beginGesture();
        StudioGroove base = session.steerBase();
        double[] values = latentSliders.values();
        // locked lanes stay put while the sliders move the rest (the lanes of the sliders' base)
        org.backbeat.model.Lock lock = session.lanes().lock(base.groove());
        runModel(() -> engine.steer(base, values, "steered", lock), g -> session.steerResult(g, end));
    }

    // ------------------------------------------------------------------ views

    /** Redraws what the session says changed. */
    private void render(Set<StudioSession.Change> what) {
        if (what.contains(StudioSession.Change.CURRENT)) {
            grid.setGroove(session.current().groove());
            grooveTitle.setText(session.title());
        }
        if (what.contains(StudioSession.Change.SLOTS)) {
            StudioGroove a = session.slot(0);
            StudioGroove b = session.slot(1);
            slotAGrid.setGroove(a == null ? Groove.empty(Groove.DEFAULT_QPM) : a.groove());
            slotBGrid.setGroove(b == null ? Groove.empty(Groove.DEFAULT_QPM) : b.groove());
        }
        if (what.contains(StudioSession.Change.CORNERS) && session.cornersFilled()) {
            List<String> names = new ArrayList<>();
            List<StudioGroove> corners = session.corners();
            for (int i = 0; i < corners.size(); i++) {
                names.add((i + 1) + " " + corners.get(i).label());
            }
            blendPad.getCornerNames().setAll(names);
        }
        if (what.contains(StudioSession.Change.UNDO)) {
            undoItem.setDisable(!session.canUndo());
            redoItem.setDisable(!session.canRedo());
        }
        if (what.contains(StudioSession.Change.STEER_BASE)) {
            latentSliders.reset();
        }
        if (what.contains(StudioSession.Change.LANES)) {
            grid.setLanes(session.lanes());
        }
        if (what.contains(StudioSession.Change.SOUND)) {
            grid.setSwing(session.swing());
            player.setSwing(session.swing());
            exportAsHeardItem.setSelected(session.exportAsHeard());
        }
        strips.render(what);
        if (player.isPlaying() && (what.contains(StudioSession.Change.LANES)
            || what.contains(StudioSession.Change.VARIATIONS) || what.contains(StudioSession.Change.CURRENT))) {
            player.setGroove(session.playGroove());
        }
        updateEnablement();
    }

    private void updateEnablement() {
        varyButton.setDisable(engine == null);
        rerollButton.setDisable(engine == null || grid.getSelectedBar() < 0);
        abSlider.setDisable(engine == null || !session.slotsFilled());
        exportClipsButton.setDisable(engine == null || !session.slotsFilled());
        exportPathButton.setDisable(engine == null || !session.slotsFilled());
        blendPad.setDisable(engine == null || !session.cornersFilled());
    }

    /** Plays variation {@code i} (starting playback when stopped) without putting it on the grid. */
    private void audition(int i) {
        session.audition(i);
        startPlaying();
    }

    // ------------------------------------------------------------------ files

    /** Opens a .mid file into the grid (the desktop's "Open with", or a file dropped on the app). */
    void open(Path file) {
        loadMidiIntoGrid(file);
    }

    /** What a drop of {@code file} on slot 0 (A) or 1 (B) does: its first section only, no history. */
    void dropOnSlot(int slot, Path file) {
        loadMidi(file, false).ifPresent(g -> session.setSlot(slot, g));
    }

    private void loadMidiIntoGrid(Path file) {
        loadMidi(file, true).ifPresent(g -> {
            session.commit(g, true);
            bpmSpinner.getValueFactory().setValue((double) Math.round(g.groove().qpm()));
        });
    }

    /** A file's first section (the next few go into the history); a window says why when none. */
    private Optional<StudioGroove> loadMidi(Path file, boolean sectionsToHistory) {
        MidiImport midi = MidiImport.read(file);
        if (midi.failure().isPresent()) {
            dialogs.error(stage, "Could not read " + file.getFileName(), midi.failure().get());
            return Optional.empty();
        }
        statusDecode.setText(midi.status());
        return Optional.of(midi.first(session, sectionsToHistory));
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs model work on the worker (latest request wins) and shows the result on the FX thread. */
    private <T> void runModel(Supplier<T> work, java.util.function.Consumer<T> onResult) {
        runModel(work, onResult, () -> String.format("decode %.1f ms", engine.lastDecodeMillis()));
    }

    /** {@link #runModel} whose status line says {@code decodeStatus} (read after the work; null: left as it is). */
    private <T> void runModel(Supplier<T> work, java.util.function.Consumer<T> onResult, Supplier<String> decodeStatus) {
        busy.setVisible(true);
        worker.submit(() -> {
            T result = work.get();
            String status = decodeStatus.get();
            Platform.runLater(() -> {
                busy.setVisible(false);
                if (status != null) {
                    statusDecode.setText(status);
                }
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

    /** A window with the one-line reason; the status line is left as it was. */
    private void showError(String what, Throwable e) {
        busy.setVisible(false);
        dialogs.error(stage, what, e == null ? what : oneLine(e));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** The studio's current groove (for tests and the app). */
    Groove currentGroove() {
        return grid.getGroove();
    }

    /** The session the window shows (tests). */
    StudioSession session() {
        return session;
    }

    /** The file of the model in use, or null. */
    Path modelFile() {
        return modelFile;
    }

    /** Waits for queued model work (tests). */
    boolean awaitModelWork(long millis) throws InterruptedException {
        return worker.awaitIdle(millis, TimeUnit.MILLISECONDS);
    }

    /** The session saver, or null when sessions are off (tests). */
    SessionAutosave autosave() {
        return autosave;
    }

    void close() {
        taps.close();
        if (autosave != null) {
            autosave.close();
        }
        worker.close();
        modelLoader.shutdownNow();
        player.close();
    }
}
