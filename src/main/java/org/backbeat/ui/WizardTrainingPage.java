package org.backbeat.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.studio.Durations;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingException;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingProgress;
import org.backbeat.train.TrainingSession;

/**
 * Page 3 of the training wizard ({@code fxml/wizard-training.fxml}): the run, live (loss charts,
 * progress, pause, stop, samples of the best model so far). Which run starts, and its state, are
 * {@link TrainingSession}'s; the run itself is the same {@link TrainingJob} {@code backbeat train}
 * runs. This binds them to the page.
 */
final class WizardTrainingPage {

    private final TrainingSession session;
    private final Background background;
    private final Window owner;
    private final Consumer<Groove> audition;
    private final Supplier<TrainingJob.Plan> settingsPlan;
    private final Runnable onNewRun;

    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> partsChart;
    @FXML private ProgressBar trainProgress;
    @FXML private Label trainStatus;
    @FXML private ToggleButton pauseButton;
    @FXML private Button cancelTrainingButton;
    @FXML private HBox samplesBox;

    private final BooleanProperty trainingDone = new SimpleBooleanProperty(false);
    /** The run's note for the user (what it does differently from what was asked), a line under the status; "" when none. */
    private String notice = "";
    private final XYChart.Series<Number, Number> trainLoss = series("training");
    private final XYChart.Series<Number, Number> validationLoss = series("validation");
    private final XYChart.Series<Number, Number> reconstruction = series("reconstruction");
    private final XYChart.Series<Number, Number> klSeries = series("KL");

    /**
     * @param settingsPlan the run the settings page asks for
     * @param onNewRun     called when a run starts (the result page forgets the last one)
     */
    WizardTrainingPage(TrainingSession session, Background background, Window owner, Consumer<Groove> audition,
                       Supplier<TrainingJob.Plan> settingsPlan, Runnable onNewRun) {
        this.session = session;
        this.background = background;
        this.owner = owner;
        this.audition = audition;
        this.settingsPlan = settingsPlan;
        this.onNewRun = onNewRun;
    }

    /** Whether a run finished with a model (the wizard's Next). */
    ReadOnlyBooleanProperty trainingDoneProperty() {
        return trainingDone;
    }

    @FXML
    void initialize() {
        lossChart.getData().setAll(List.of(trainLoss, validationLoss));
        partsChart.getData().setAll(List.of(reconstruction, klSeries));
    }

    /** Entering the page from {@code from}: no probe shares the CPU with a run; the run the session says starts. */
    void enter(TrainingSession.Page from) {
        session.stopProbe();
        session.runOnEntering(from, settingsPlan.get()).ifPresent(this::startRun);
    }

    /** Asks before stopping a running run (closing the wizard, Cancel); true when it may go on. */
    boolean confirmStop() {
        if (!session.running()) {
            return true;
        }
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
     * Previous while a run goes on would leave it running behind changed settings: true (and the
     * page says to stop first) while it runs.
     */
    boolean refusesBack() {
        if (session.running()) {
            trainStatus.setText("Stop the training first (Stop and keep best), then go back.");
            return true;
        }
        return false;
    }

    private void startRun(TrainingSession.Start start) {
        TrainingJob.Plan plan = start.plan();
        if (TrainingSession.wouldReplace(plan)) {
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
        TrainingJob.Plan chosen = plan;
        session.started(start, chosen);
        resetPage(!chosen.resume() || start.fromSettings());
        onNewRun.run();
        trainStatus.setText((chosen.resume() ? "Continuing " + chosen.out().getFileName() + " from its checkpoint: "
            : "") + "reading " + chosen.data() + "…");
        Task<Trainer.Result> task = new Task<>() {
            @Override
            protected Trainer.Result call() throws Exception {
                TrainingJob j = session.prepare(chosen, (d, t, w) -> updateProgress(d, Math.max(1, t)));
                Platform.runLater(() -> {
                    notice = j.notice().isEmpty() ? "" : "\nNote: " + j.notice();
                    session.applyPause();
                    if (!session.paused()) {
                        trainStatus.setText("Warming up (the first steps are the slowest)…" + notice);
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
        background.execute("backbeat-training", task);
    }

    /** A new run's page: empty charts (kept for a continuation), buttons live, not paused. */
    private void resetPage(boolean clearCharts) {
        if (clearCharts) {
            trainLoss.getData().clear();
            validationLoss.getData().clear();
            reconstruction.getData().clear();
            klSeries.getData().clear();
            samplesBox.getChildren().clear();
        }
        trainingDone.set(false);
        showUnpaused();
        pauseButton.setDisable(false);
        cancelTrainingButton.setDisable(false);
        trainProgress.setProgress(0);
    }

    private void showUnpaused() {
        pauseButton.setSelected(false);
        pauseButton.setText("Pause");
        trainProgress.getStyleClass().remove("paused");
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
        session.progressed(p);
        if (!p.message().isEmpty()) {
            trainStatus.setText(p.message());
            return;
        }
        if (session.paused()) {
            trainStatus.setText(pausedText());
            return;
        }
        String eta = Double.isNaN(p.etaSeconds()) ? "" : " · ETA " + Durations.human(p.etaSeconds());
        trainStatus.setText(String.format("step %s · %.1f examples/s%s · best validation %.2f",
            p.hasStepBudget() ? p.step() + " of " + p.totalSteps() : String.valueOf(p.step()),
            p.examplesPerSecond(), eta, p.bestValidationLoss()) + notice);
    }

    private String pausedText() {
        long last = session.lastStep();
        return (last == 0 ? "Paused before the first step" : "Paused after step " + last)
            + " · press Resume to go on (the run holds its place; Stop keeps the best model)";
    }

    /** Three grooves from the best model so far, to hear what it has learnt (in the training's thread). */
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
            // the next validation writes it again (a humanize or drumify model has no samples of its own); a nicety
        }
    }

    @FXML
    void onPause() {
        boolean paused = pauseButton.isSelected();
        session.setPaused(paused);
        pauseButton.setText(paused ? "Resume" : "Pause");
        if (paused) {
            trainProgress.getStyleClass().add("paused");
            trainStatus.setText(pausedText());
        } else {
            trainProgress.getStyleClass().remove("paused");
            long last = session.lastStep();
            trainStatus.setText(last == 0 ? "Resumed…" : "Resumed after step " + last + "…");
        }
    }

    @FXML
    void onStopTraining() {
        showUnpaused();
        if (session.stop()) {
            trainStatus.setText("Stopping after this step…");
        }
    }

    private void finished(Trainer.Result r, Throwable error) {
        session.finished(r);
        showUnpaused();
        pauseButton.setDisable(true);
        cancelTrainingButton.setDisable(true);
        if (error != null) {
            trainStatus.setText("Training failed: " + (error instanceof TrainingException ? error.getMessage() : error));
            return;
        }
        trainProgress.setProgress(1);
        trainStatus.setText(String.format("%s after %d steps (%s). Best model: %s", r.cancelled() ? "Stopped" : "Finished",
            r.steps(), Durations.human(r.seconds()), r.model()));
        trainingDone.set(true);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }
}
