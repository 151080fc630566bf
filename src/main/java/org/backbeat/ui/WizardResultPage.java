package org.backbeat.ui;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingSession;

/**
 * Page 4 of the training wizard ({@code fxml/wizard-result.fxml}): the new model measured next to
 * the one it started from, its task, its path, "use it" and "train more". The evaluation is
 * {@link TrainingSession}'s; this binds it to the page.
 */
final class WizardResultPage {

    private final TrainingSession session;
    private final Background background;
    private final BiConsumer<org.backbeat.model.Task, java.nio.file.Path> useModel;
    /** The task of the model the table shows (where "use" puts it in the studio), null before. */
    private org.backbeat.model.Task shownTask;
    private final LongSupplier settingsSteps;
    private final Runnable back;

    @FXML private Label resultSummary;
    @FXML private Label resultTask;
    @FXML private ProgressBar evalProgress;
    @FXML private GridPane resultTable;
    @FXML private TextField modelPathField;
    @FXML private Button useModelButton;
    @FXML private Button trainMoreButton;

    /**
     * @param useModel      the studio takes a new model file for its task: a generate model becomes
     *                      the studio's model, a humanize or drumify one its Humanize or Drumify tool's
     * @param settingsSteps the steps on the settings page ("train more" adds as many as the run asked for)
     * @param back          goes back to the training page
     */
    WizardResultPage(TrainingSession session, Background background,
                     BiConsumer<org.backbeat.model.Task, java.nio.file.Path> useModel,
                     LongSupplier settingsSteps, Runnable back) {
        this.session = session;
        this.background = background;
        this.useModel = useModel;
        this.settingsSteps = settingsSteps;
        this.back = back;
    }

    /** A new run started: its model is not in the studio yet. */
    void newRun() {
        shownTask = null;
        useModelButton.setText("Use this model in the studio");
        useModelButton.setDisable(false);
    }

    /** Entering the page: measures the new model (and the starting one) in the background. */
    void enter() {
        Trainer.Result result = session.result();
        TrainingSession.Evaluating what = session.evaluating();
        if (result == null || what == null) {
            return;
        }
        modelPathField.setText(result.model().toString());
        trainMoreButton.setText("Train " + moreSteps() + " more steps");
        trainMoreButton.setDisable(false);
        org.backbeat.model.Task learnt = session.ranTask();
        resultTask.setText(learnt == null ? "" : taskText(learnt));
        resultSummary.setText("Measuring the new model on the held-out grooves…");
        evalProgress.setVisible(true);
        Task<TrainingSession.Comparison> task = new Task<>() {
            @Override
            protected TrainingSession.Comparison call() throws Exception {
                return TrainingSession.evaluate(what.model(), what.start(), what.dataset(), (d, t, w) -> updateProgress(d, t));
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
        background.execute("backbeat-eval", task);
    }

    private long moreSteps() {
        return session.moreSteps(settingsSteps.getAsLong());
    }

    private void showTable(TrainingSession.Comparison c) {
        resultTask.setText(taskText(c.task()));
        if (shownTask != c.task()) {
            shownTask = c.task();
            useModelButton.setText(useText(c.task()));
        }
        resultSummary.setText((c.onTraining() ? "No files were held out, so these figures are on the training grooves "
            + "(optimistic). " : (c.task() == org.backbeat.model.Task.GENERATE ? "Reconstruction of" : "Output for")
            + " the held-out grooves ") + "(" + c.now().windows() + " windows):");
        resultTable.getChildren().clear();
        resultTable.addRow(0, bold("metric"), bold("new model"), bold(c.before() == null ? "" : "starting model"));
        int r = 1;
        for (TrainingSession.Row row : c.rows()) {
            resultTable.addRow(r++, new Label(row.label()), new Label(fmt(row.now())),
                new Label(row.before() == null ? "" : fmt(row.before())));
        }
    }

    /** The result's task line: what the model does and where it is used. */
    static String taskText(org.backbeat.model.Task t) {
        return switch (t) {
            case GENERATE -> "Task: generate (new grooves in the studio)";
            case HUMANIZE -> "Task: humanize. Use it for the studio's Humanize, or with backbeat humanize --model "
                + "(path below).";
            case DRUMIFY -> "Task: drumify. Use it for the studio's Drumify, or with backbeat drumify --model "
                + "(path below).";
        };
    }

    /** The use button's words for a model of task {@code t}: the studio's own model, or its tool's. */
    static String useText(org.backbeat.model.Task t) {
        return switch (t) {
            case GENERATE -> "Use this model in the studio";
            case HUMANIZE -> "Use this model for Humanize";
            case DRUMIFY -> "Use this model for Drumify";
        };
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
        Trainer.Result result = session.result();
        if (result != null) {
            org.backbeat.model.Task t = shownTask != null ? shownTask
                : session.ranTask() != null ? session.ranTask() : org.backbeat.model.Task.GENERATE;
            useModel.accept(t, result.model());
            useModelButton.setText(t == org.backbeat.model.Task.GENERATE ? "In use in the studio ✓"
                : "In use for " + (t == org.backbeat.model.Task.HUMANIZE ? "Humanize" : "Drumify") + " ✓");
            useModelButton.setDisable(true);
        }
    }

    @FXML
    void onCopyPath() {
        ClipboardContent c = new ClipboardContent();
        c.putString(modelPathField.getText());
        Clipboard.getSystemClipboard().setContent(c);
    }

    /**
     * Continues the finished (or stopped) run from its checkpoint for as many more steps as it
     * asked for, on the training page, its charts going on from where they were.
     */
    @FXML
    void onTrainMore() {
        if (session.trainMore(moreSteps())) {
            trainMoreButton.setDisable(true);
            back.run();
        }
    }
}
