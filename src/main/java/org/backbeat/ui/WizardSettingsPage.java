package org.backbeat.ui;

import java.nio.file.Path;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFileException;
import org.backbeat.studio.Durations;
import org.backbeat.train.Preset;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingSession;

/**
 * Page 2 of the training wizard ({@code fxml/wizard-settings.fxml}): fine-tune or from scratch,
 * preset, steps with a time estimate measured on this machine, validation share, decoder, task,
 * device and where to save. The plan and the speed probe are {@link TrainingSession}'s; this binds
 * them to the page.
 */
final class WizardSettingsPage {

    private final TrainingSession session;
    private final Background background;

    @FXML private RadioButton fineTuneRadio;
    @FXML private RadioButton scratchRadio;
    @FXML private ChoiceBox<Preset> presetChoice;
    @FXML private Spinner<Integer> stepsSpinner;
    @FXML private Label estimateLabel;
    @FXML private Spinner<Double> validationSpinner;
    @FXML private ChoiceBox<DecoderType> decoderChoice;
    @FXML private ChoiceBox<org.backbeat.model.Task> taskChoice;
    @FXML private Label taskNote;
    @FXML private ChoiceBox<String> deviceChoice;
    @FXML private Label deviceNote;
    @FXML private TextField outField;

    /** The decoder chosen for a model from scratch (the box shows the start model's while fine-tuning). */
    private DecoderType scratchDecoder = DecoderType.FLAT;

    WizardSettingsPage(TrainingSession session, Background background) {
        this.session = session;
        this.background = background;
    }

    @FXML
    void initialize() {
        presetChoice.setConverter(named(Preset::label));
        presetChoice.getItems().setAll(TrainingSession.WIZARD_PRESETS);
        presetChoice.setValue(Preset.QUICK);
        decoderChoice.setConverter(named(DecoderType::label));
        decoderChoice.getItems().setAll(DecoderType.values());
        decoderChoice.setValue(DecoderType.FLAT);
        taskChoice.setConverter(named(org.backbeat.model.Task::label));
        taskChoice.getItems().setAll(org.backbeat.model.Task.values());
        taskChoice.valueProperty().addListener((o, a, b) -> taskNote.setText(taskNote(b)));
        taskChoice.setValue(org.backbeat.model.Task.GENERATE);
        deviceChoice.getItems().setAll("CPU");
        deviceChoice.setValue("CPU");
        deviceNote.setText("GPU training needs the CUDA build (mvn -Pcuda); this build runs ND4J on the CPU.");
        Path startModel = session.startModel();
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
            stepsSpinner.getValueFactory().setValue((int) TrainingSession.presetSteps(b));
            measureSpeed();
        });
        stepsSpinner.valueProperty().addListener((o, a, b) -> updateEstimate());
        stepsSpinner.getValueFactory().setValue((int) TrainingSession.presetSteps(Preset.QUICK));
        readStartModel();
    }

    private static <T> StringConverter<T> named(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("a choice box does not parse");
            }
        };
    }

    /** One line on what the chosen task trains (the same architecture, another encoder input). */
    static String taskNote(org.backbeat.model.Task t) {
        if (t == null) {
            return "";
        }
        return switch (t) {
            case GENERATE -> "New grooves: the model hears the whole groove (Generate, Vary, blends).";
            case HUMANIZE -> "The model hears only the hits and plays them with a drummer's velocities and timing "
                + "(Humanize).";
            case DRUMIFY -> "The model hears one channel of taps and plays a groove that follows them (Drumify).";
        };
    }

    private void showDecoder() {
        decoderChoice.setValue(fineTuneRadio.isSelected() ? session.startDecoder() : scratchDecoder);
    }

    /** Reads the start model's config off the JavaFX thread (the file holds all its weights). */
    private void readStartModel() {
        Path m = session.startModel();
        if (m == null) {
            return;
        }
        background.execute("backbeat-model-decoder", () -> {
            try {
                ModelConfig c = TrainingSession.configOf(m);
                Platform.runLater(() -> {
                    session.startModelRead(c);
                    showDecoder();
                    if (session.resumedTask() == null) {
                        taskChoice.setValue(c.task()); // fine-tuning learns the start model's task unless changed
                    }
                });
            } catch (ModelFileException e) {
                // the studio says why it cannot use it; the box stays empty
            }
        });
    }

    /** Entering the page: the output suggested (a resumed run's own), the resumed run's task, the estimate. */
    void enter() {
        outField.setText(session.suggestedOut(outField.getText()));
        org.backbeat.model.Task resumed = session.resumedTask();
        if (resumed != null) {
            taskChoice.setValue(resumed);
        }
        measureSpeed();
    }

    /** The steps asked for. */
    long steps() {
        return stepsSpinner.getValue();
    }

    /** What the page shows, as the session reads it. */
    TrainingSession.Settings settings() {
        return new TrainingSession.Settings(fineTuneRadio.isSelected(), presetChoice.getValue(), stepsSpinner.getValue(),
            validationSpinner.getValue(), scratchDecoder, taskChoice.getValue(), outField.getText());
    }

    /** The run these settings ask for. */
    TrainingJob.Plan plan() {
        return session.plan(settings());
    }

    /**
     * Times real training steps of the chosen model on this folder after their warm-up, once per
     * setting that changes the speed (model, preset, data), one probe at a time.
     */
    private void measureSpeed() {
        if (session.folder() == null || session.page() != TrainingSession.Page.SETTINGS) {
            return;
        }
        switch (session.probe(plan())) {
            case MEASURED -> updateEstimate();
            case RUNNING -> estimateLabel.setText(measuringText());
            case START -> {
                estimateLabel.setText(measuringText());
                startProbe(session.measuringKey());
            }
        }
    }

    private static String measuringText() {
        return "Measuring this machine's speed (" + TrainingSession.PROBE_STEPS + " steps, the first "
            + TrainingSession.WARMUP_STEPS + " as warm-up)…";
    }

    private void startProbe(TrainingJob.Plan key) {
        Task<TrainingSession.Speed> task = new Task<>() {
            @Override
            protected TrainingSession.Speed call() throws Exception {
                return session.measure(key);
            }
        };
        task.setOnSucceeded(e -> {
            session.measured(key, task.getValue());
            measureSpeed();
        });
        task.setOnFailed(e -> {
            if (session.probeFailed(key)) {
                measureSpeed(); // stopped for a run: measured again on the settings page
                return;
            }
            estimateLabel.setText("Could not measure: " + task.getException().getMessage());
        });
        background.execute("backbeat-measure", task);
    }

    private void updateEstimate() {
        TrainingSession.Speed s = session.speed();
        if (s != null) {
            estimateLabel.setText(estimateText(s, stepsSpinner.getValue()));
        }
    }

    /** "≈ 3 min – 3 min 30 s on this machine (0.55–0.62 s a step after a 3.1 s first step, measured)". */
    static String estimateText(TrainingSession.Speed s, long steps) {
        String lo = Durations.human(s.lowSeconds(steps));
        String hi = Durations.human(s.highSeconds(steps));
        return String.format("≈ %s on this machine (%s s a step after a %.1f s first step, measured)",
            lo.equals(hi) ? lo : lo + " – " + hi,
            String.format("%.2f", s.low()).equals(String.format("%.2f", s.high())) ? String.format("%.2f", s.low())
                : String.format("%.2f–%.2f", s.low(), s.high()), s.firstStep());
    }
}
