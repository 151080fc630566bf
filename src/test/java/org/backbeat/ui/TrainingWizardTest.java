package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.backbeat.TestData;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Models;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.train.Checkpoint;
import org.backbeat.train.Trainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training wizard driven end to end on a small folder the test writes. */
@ExtendWith(ApplicationExtension.class)
class TrainingWizardTest {

    @TempDir
    static Path tmp;
    private static Path folder;
    private static Path startModel;
    private final TestStudio.ScriptedDialogs dialogs = new TestStudio.ScriptedDialogs();
    private StudioApp app;

    @BeforeAll
    static void makeFolderAndModel() throws Exception {
        folder = Files.createDirectories(tmp.resolve("my grooves"));
        for (int i = 0; i < 12; i++) {
            MidiFiles.write(TestData.busyGroove(100 + i), folder.resolve("loop" + i + ".mid"));
        }
        Files.write(folder.resolve("damaged.mid"), new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0});
        Sequence waltz = MidiFiles.toSequence(TestData.busyGroove(7));
        waltz.getTracks()[0].add(new MidiEvent(new MetaMessage(0x58, new byte[] {3, 2, 24, 8}, 4), 0));
        MidiSystem.write(waltz, 1, folder.resolve("waltz.mid").toFile());
        Sequence clip = MidiFiles.toSequence(TestData.busyGroove(8)); // a DAW's drum clip on channel 1
        for (int i = 0; i < clip.getTracks()[1].size(); i++) {
            if (clip.getTracks()[1].get(i).getMessage() instanceof javax.sound.midi.ShortMessage m) {
                m.setMessage(m.getCommand(), 0, m.getData1(), m.getData2());
            }
        }
        MidiSystem.write(clip, 1, folder.resolve("channel one.mid").toFile());
        FastGrooveModel tiny = TestStudio.tinyModel();
        startModel = tmp.resolve("tiny.bbm");
        ModelFile.save(startModel, new StoredModel(tiny.config(), tiny.stored().weights(),
            ModelCard.named("tiny", "test model"), List.of()));
        System.setProperty("backbeat.userModels", tmp.resolve("user-models").toString());
    }

    @AfterAll
    static void clearProperty() {
        System.clearProperty("backbeat.userModels");
    }

    @Start
    void start(Stage stage) throws Exception {
        app = new StudioApp(() -> Models.open(startModel), startModel, () -> MidiGroovePlayer.silent("test"),
            () -> dialogs);
        app.start(stage);
        stage.sizeToScene(); // TestFX reuses one stage: an earlier test's window size must not carry over
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get();
    }

    private void openWizard(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.controller().modelFile() != null);
        robot.clickOn(find(robot, "Model", Node.class));
        robot.clickOn(find(robot, "Train a model from a MIDI folder…", Node.class));
    }

    private void openWizardOnFolder(FxRobot robot) throws Exception {
        openWizard(robot);
        dialogs.next.set(folder);
        robot.clickOn(find(robot, "Choose folder…", Node.class));
        Label summary = find(robot, "#scanSummary", Label.class);
        until(30, summary, t -> t.contains("files read"));
    }

    /**
     * The node a query finds, looked up on the JavaFX thread: a lookup walks the scene graph's
     * child lists, which the JavaFX thread changes as pages and progress update (a lookup from the
     * test thread once failed with an IndexOutOfBoundsException inside such a list).
     */
    private static <T extends Node> T find(FxRobot robot, String query, Class<T> type) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(type));
    }

    /** {@code c} run on the JavaFX thread, its result here. */
    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(20, TimeUnit.SECONDS);
    }

    private static Button wizardButton(FxRobot robot, String text) throws Exception {
        return onFx(() -> robot.lookup(".button").match(b -> b instanceof Button bt && bt.getText().trim().equals(text))
            .queryButton());
    }

    /** Waits until {@code label} says what {@code ok} wants; a timeout says what it said. */
    private static void until(int seconds, Label label, java.util.function.Predicate<String> ok) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> ok.test(label.getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("after " + seconds + " s the label says: " + label.getText(), e);
        }
    }

    private static void setSteps(FxRobot robot, int steps) throws Exception {
        @SuppressWarnings("unchecked")
        Spinner<Integer> s = find(robot, "#stepsSpinner", Spinner.class);
        fx(() -> s.getValueFactory().setValue(steps));
    }

    private static void setOut(FxRobot robot, Path out) throws Exception {
        TextField f = find(robot, "#outField", TextField.class);
        fx(() -> f.setText(out.toString()));
    }

    @SuppressWarnings("unchecked")
    private static <T> ChoiceBox<T> choice(FxRobot robot, String query) throws Exception {
        return find(robot, query, ChoiceBox.class);
    }

    @Test
    void scanFineTuneAndUseTheNewModel(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        String summary = find(robot, "#scanSummary", Label.class).getText();
        assertTrue(summary.startsWith("12 files read, 3 skipped"), summary);
        assertTrue(summary.endsWith(" · 1 skipped file has drums on another channel than 10: tick \"Read drums from "
            + "other channels\" to train on it"), summary);
        assertTrue(find(robot, "#otherChannelsCheck", CheckBox.class).isVisible(), "the choice is offered");
        @SuppressWarnings("unchecked")
        ListView<String> detailsView = find(robot, "#scanDetails", ListView.class);
        List<String> details = onFx(() -> List.copyOf(detailsView.getItems()));
        assertTrue(details.stream().anyMatch(l -> l.startsWith("Skipped damaged.mid: ")), details.toString());
        assertTrue(details.stream().anyMatch(l -> l.startsWith("Skipped waltz.mid: ") && l.contains("3/4")),
            details.toString());

        robot.clickOn(wizardButton(robot, "Next"));
        // the estimate: measured after the warm-up steps, a range, and for the steps asked
        Label estimate = find(robot, "#estimateLabel", Label.class);
        until(120, estimate, t -> t.startsWith("≈"));
        assertTrue(estimate.getText().contains(" s a step after a ") && estimate.getText().endsWith("first step, measured)"),
            estimate.getText());
        ChoiceBox<DecoderType> decoder = choice(robot, "#decoderChoice");
        assertEquals(DecoderType.FLAT, decoder.getValue(), "fine-tuning the flat start model");
        assertTrue(decoder.isDisabled());
        ChoiceBox<Task> task = choice(robot, "#taskChoice");
        assertEquals(Task.GENERATE, task.getValue(), "fine-tuning learns the start model's task unless changed");
        setSteps(robot, 4);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        until(180, status, t -> t.startsWith("Finished"));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = find(robot, "#lossChart", LineChart.class);
        assertFalse(onFx(() -> chart.getData().get(0).getData().isEmpty()), "the loss chart has points");

        robot.clickOn(wizardButton(robot, "Next"));
        Label result = find(robot, "#resultSummary", Label.class);
        until(60, result, t -> t.contains("windows"));
        assertTrue(result.getText().startsWith("Reconstruction of the held-out grooves"), result.getText());
        assertEquals("Task: generate (new grooves in the studio)", find(robot, "#resultTask", Label.class).getText());
        // in the user's model folder, named after the folder (-2, -3... after other tests' runs)
        Path trained = Path.of(bestModel(status));
        assertEquals(tmp.resolve("user-models"), trained.getParent());
        assertTrue(trained.getFileName().toString().startsWith("my grooves"), trained.toString());
        assertTrue(Files.exists(trained));
        robot.clickOn(find(robot, "#useModelButton", Button.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> trained.equals(app.controller().modelFile()));
        robot.clickOn(wizardButton(robot, "Finish"));
    }

    @Test
    void aSaveAsNameThatExistsIsReplacedOnlyWhenTheUserSaysSo(FxRobot robot) throws Exception {
        Path existing = tmp.resolve("keep me.bbm");
        Files.copy(startModel, existing, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(existing);
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        setOut(robot, existing);
        setSteps(robot, 2);
        robot.clickOn(wizardButton(robot, "Next"));
        // the wizard is a dialog too: the question is the pane with its own header
        java.util.concurrent.Callable<java.util.Optional<DialogPane>> question = () -> onFx(() -> robot.lookup(".dialog-pane")
            .queryAllAs(DialogPane.class).stream().filter(d -> "Replace the existing model?".equals(d.getHeaderText()))
            .findFirst());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> question.call().isPresent());
        DialogPane pane = question.call().orElseThrow();
        robot.clickOn(onFx(() -> (Button) pane.lookupButton(ButtonType.NO)));
        Label status = find(robot, "#trainStatus", Label.class);
        until(10, status, t -> t.startsWith("Not started"));
        assertTrue(status.getText().contains("keep me.bbm is kept"), status.getText());
        assertArrayEquals(before, Files.readAllBytes(existing), "the existing model is kept byte for byte");
        assertFalse(Files.exists(Trainer.checkpointPath(existing)), "no run started on it");
    }

    @Test
    void stoppingMidRunLeavesALoadableCheckpoint(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        setSteps(robot, 100_000);
        setOut(robot, tmp.resolve("stopped.bbm"));
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        // at least three steps done (the page may show step 3 for less time than a poll takes)
        until(180, status, t -> t.matches("step \\d+ .*") && Long.parseLong(t.split(" ")[1]) >= 3);
        // Pause: the page says so, and the run holds its place until Resume
        javafx.scene.control.ToggleButton pause = find(robot, "#pauseButton", javafx.scene.control.ToggleButton.class);
        robot.clickOn(pause);
        assertTrue(status.getText().startsWith("Paused after step "), status.getText());
        assertEquals("Resume", pause.getText());
        ProgressBar progress = find(robot, "#trainProgress", ProgressBar.class);
        assertTrue(onFx(() -> progress.getStyleClass().contains("paused")));
        Thread.sleep(1500); // the step in flight ends and reports
        String held = status.getText();
        assertTrue(held.startsWith("Paused after step "), held);
        Thread.sleep(1500);
        assertEquals(held, status.getText(), "no step while paused");
        robot.clickOn(pause);
        until(60, status, t -> t.startsWith("step "));
        robot.clickOn(find(robot, "#cancelTrainingButton", Button.class));
        until(60, status, t -> t.startsWith("Stopped"));
        Path out = tmp.resolve("stopped.bbm");
        Checkpoint ckpt = Checkpoint.load(Trainer.checkpointPath(out));
        assertTrue(ckpt.step() >= 3 && ckpt.step() < 100_000, "stopped at step " + ckpt.step());
        assertEquals(TestStudio.tinyModel().config(), ModelFile.load(out).config());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }

    private static String bestModel(Label status) {
        String t = status.getText();
        return t.substring(t.indexOf("Best model: ") + "Best model: ".length());
    }

    @Test
    void previousAndNextStartANewRunTrainMoreContinuesTheFinishedOne(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        setSteps(robot, 4);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        until(180, status, t -> t.startsWith("Finished after 4 steps"));
        Path first = Path.of(bestModel(status));

        // Previous, Next with nothing changed: the finished run, not a new one
        robot.clickOn(wizardButton(robot, "Previous"));
        robot.clickOn(wizardButton(robot, "Next"));
        assertTrue(status.getText().startsWith("Finished after 4 steps"), status.getText());

        // Previous, other steps, Next: a new run, into a new file (the first one is kept)
        robot.clickOn(wizardButton(robot, "Previous"));
        TextField out = find(robot, "#outField", TextField.class);
        assertFalse(Path.of(out.getText()).equals(first), "a new run is not suggested onto the last one's model");
        setSteps(robot, 6);
        robot.clickOn(wizardButton(robot, "Next"));
        until(180, status, t -> t.startsWith("Finished after 6 steps"));
        Path second = Path.of(bestModel(status));
        assertEquals(Path.of(out.getText()), second);
        assertEquals(4, Checkpoint.load(Trainer.checkpointPath(first)).step(), "the first run is untouched");

        // the result, then "Train 6 more steps": the same run continued from its checkpoint
        robot.clickOn(wizardButton(robot, "Next"));
        Label result = find(robot, "#resultSummary", Label.class);
        until(60, result, t -> t.contains("windows"));
        Button more = find(robot, "#trainMoreButton", Button.class);
        assertEquals("Train 6 more steps", more.getText());
        robot.clickOn(more);
        until(180, status, t -> t.startsWith("Finished after 12 steps"));
        assertEquals(second, Path.of(bestModel(status)));
        assertEquals(12, Checkpoint.load(Trainer.checkpointPath(second)).step());

        // Previous from the result shows that run; nothing restarts, no steps are doubled
        robot.clickOn(wizardButton(robot, "Next"));
        until(60, result, t -> t.contains("windows"));
        robot.clickOn(wizardButton(robot, "Previous"));
        Thread.sleep(1000);
        assertTrue(status.getText().startsWith("Finished after 12 steps"), status.getText());
        assertFalse(wizardButton(robot, "Next").isDisabled());
        assertEquals(12, Checkpoint.load(Trainer.checkpointPath(second)).step());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }

    @Test
    void drumsOnAnotherChannelAreReadWhenTheFolderSaysSo(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        Label summary = find(robot, "#scanSummary", Label.class);
        CheckBox other = find(robot, "#otherChannelsCheck", CheckBox.class);
        robot.clickOn(other);
        until(30, summary, t -> t.startsWith("13 files read, 2 skipped"));
        assertTrue(summary.getText().endsWith(" · files with nothing on channel 10 are read from the channel that looks "
            + "like drums"), summary.getText());
        assertTrue(other.isSelected());
        robot.clickOn(wizardButton(robot, "Next"));
        setSteps(robot, 2);
        Path out = tmp.resolve("other-channels.bbm");
        setOut(robot, out);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        until(180, status, t -> t.startsWith("Finished"));
        java.util.Map<String, Object> training = ModelFile.load(out).card().training();
        assertEquals(13, ((Number) training.get("files")).intValue(), training.toString());
        assertEquals(true, training.get("otherDrumChannel"));
        robot.clickOn(wizardButton(robot, "Cancel"));
    }

    @Test
    void fineTuningAHierarchicalModelShowsItsDecoder(FxRobot robot) throws Exception {
        org.backbeat.model.ModelConfig c = new org.backbeat.model.ModelConfig(24, 8,
            org.backbeat.model.DecoderType.HIERARCHICAL, List.of(24), 16, org.backbeat.groove.DrumMapping.ROLAND);
        Path hier = tmp.resolve("tiny-hierarchical.bbm");
        ModelFile.save(hier, new StoredModel(c, org.backbeat.model.ModelInitializer.random(c, 5),
            ModelCard.named("tiny-h", "test model"), List.of()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.controller().modelFile() != null);
        dialogs.next.set(hier);
        WaitForAsyncUtils.asyncFx(() -> app.controller().onOpenModel()).get();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> hier.equals(app.controller().modelFile()));
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        ChoiceBox<DecoderType> decoder = choice(robot, "#decoderChoice");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> decoder.getValue() == DecoderType.HIERARCHICAL);
        assertTrue(decoder.isDisabled(), "fine-tuning keeps the model's decoder");
        // the box names it as the command line does
        assertEquals("hierarchical", onFx(() -> decoder.getConverter().toString(decoder.getValue())));
        // from scratch, the choice is the user's again (flat by default), and back
        robot.clickOn(find(robot, "#scratchRadio", Node.class));
        assertEquals(DecoderType.FLAT, decoder.getValue());
        assertFalse(decoder.isDisabled());
        robot.clickOn(find(robot, "#fineTuneRadio", Node.class));
        assertEquals(DecoderType.HIERARCHICAL, decoder.getValue());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }
    @Test
    void theTaskIsChosenOnTheSettingsPageLearntByTheRunAndShownOnTheResult(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        ChoiceBox<Task> task = choice(robot, "#taskChoice");
        assertEquals(List.of(Task.GENERATE, Task.HUMANIZE, Task.DRUMIFY), onFx(() -> List.copyOf(task.getItems())));
        fx(() -> task.setValue(Task.HUMANIZE));
        assertTrue(find(robot, "#taskNote", Label.class).getText().contains("only the hits"));
        setSteps(robot, 2);
        Path out = tmp.resolve("humanize-run.bbm");
        setOut(robot, out);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        until(180, status, t -> t.startsWith("Finished"));
        // stored with the run: the model's config and its card
        assertEquals(Task.HUMANIZE, ModelFile.load(out).config().task());
        assertEquals("humanize", ModelFile.load(out).card().provenance().task());
        assertEquals(Task.HUMANIZE, Checkpoint.loadHeader(Trainer.checkpointPath(out)).config().task());

        robot.clickOn(wizardButton(robot, "Next"));
        Label result = find(robot, "#resultSummary", Label.class);
        until(60, result, t -> t.contains("windows"));
        assertTrue(result.getText().startsWith("Output for the held-out grooves"), result.getText());
        assertTrue(find(robot, "#resultTask", Label.class).getText().startsWith("Task: humanize."));
        Button use = find(robot, "#useModelButton", Button.class);
        assertEquals("Use this model for Humanize", use.getText(), "the studio's model generates; its Humanize takes this one");
        Path studioModel = app.controller().modelFile();
        robot.clickOn(use);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> out.equals(app.controller().toolModelFile(Task.HUMANIZE)));
        assertEquals("In use for Humanize ✓", use.getText());
        assertTrue(use.isDisabled());
        assertEquals(studioModel, app.controller().modelFile(), "the studio's own model stays");
        assertEquals(null, app.controller().toolModelFile(Task.DRUMIFY), "Drumify keeps the shipped model");
        robot.clickOn(wizardButton(robot, "Finish"));
        // the studio's Humanize plays the new model's output (a humanize model keeps the hits)
        int hits = onFx(() -> app.controller().currentGroove().hitCount());
        fx(() -> app.controller().onHumanize());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> app.controller().session().current().label())
            .startsWith("humanized"));
        assertEquals(hits, (int) onFx(() -> app.controller().currentGroove().hitCount()));
    }

    @Test
    void resumingReadsTheRunsDrumChannelChoiceAndTaskAgain(FxRobot robot) throws Exception {
        // a run on the folder's drums from other channels too, learning drumify, in the user's model folder
        openWizardOnFolder(robot);
        Label summary = find(robot, "#scanSummary", Label.class);
        robot.clickOn(find(robot, "#otherChannelsCheck", CheckBox.class));
        until(30, summary, t -> t.startsWith("13 files read"));
        robot.clickOn(wizardButton(robot, "Next"));
        ChoiceBox<Task> task = choice(robot, "#taskChoice");
        fx(() -> task.getSelectionModel().select(Task.DRUMIFY));
        setSteps(robot, 2);
        Path out = tmp.resolve("user-models").resolve("resume me.bbm");
        Files.deleteIfExists(out);
        Files.deleteIfExists(Trainer.checkpointPath(out));
        setOut(robot, out);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = find(robot, "#trainStatus", Label.class);
        until(180, status, t -> t.startsWith("Finished after 2 steps"));
        robot.clickOn(wizardButton(robot, "Cancel"));

        // a new wizard: the run is offered for resuming, and resuming it reads its folder as it was read
        openWizard(robot);
        @SuppressWarnings("unchecked")
        ListView<Path> runs = find(robot, "#resumeList", ListView.class);
        fx(() -> runs.getSelectionModel().select(Trainer.checkpointPath(out)));
        assertEquals(Trainer.checkpointPath(out), runs.getSelectionModel().getSelectedItem(), "offered for resuming");
        robot.clickOn(find(robot, "#resumeButton", Button.class));
        Label again = find(robot, "#scanSummary", Label.class);
        until(30, again, t -> t.contains("files read"));
        assertTrue(again.getText().startsWith("13 files read, 2 skipped"), again.getText());
        assertTrue(find(robot, "#otherChannelsCheck", CheckBox.class).isSelected(), "the run's drum-channel choice");
        robot.clickOn(wizardButton(robot, "Next"));
        assertEquals(out.toString(), find(robot, "#outField", TextField.class).getText());
        assertEquals(Task.DRUMIFY, choice(robot, "#taskChoice").getValue(), "the run's task");
        setSteps(robot, 4);
        robot.clickOn(wizardButton(robot, "Next"));
        Label resumed = find(robot, "#trainStatus", Label.class);
        until(180, resumed, t -> t.startsWith("Finished after 4 steps"));
        assertEquals(4, Checkpoint.load(Trainer.checkpointPath(out)).step(), "continued, not started again");
        java.util.Map<String, Object> training = ModelFile.load(out).card().training();
        assertEquals(13, ((Number) training.get("files")).intValue(), training.toString());
        assertEquals(true, training.get("otherDrumChannel"));
        assertEquals(Task.DRUMIFY, ModelFile.load(out).config().task());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }
}
