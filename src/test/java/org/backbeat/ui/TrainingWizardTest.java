package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Models;
import org.backbeat.model.StoredModel;
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

    private void openWizardOnFolder(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.controller().modelFile() != null);
        robot.clickOn("Model").clickOn("Train a model from a MIDI folder…");
        dialogs.next.set(folder);
        robot.clickOn("Choose folder…");
        Label summary = robot.lookup("#scanSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().contains("files read"));
    }

    private static Button wizardButton(FxRobot robot, String text) {
        return robot.lookup(".button").match(b -> b instanceof Button bt && bt.getText().trim().equals(text))
            .queryButton();
    }

    private static void setSteps(FxRobot robot, int steps) throws Exception {
        @SuppressWarnings("unchecked")
        Spinner<Integer> s = robot.lookup("#stepsSpinner").queryAs(Spinner.class);
        WaitForAsyncUtils.asyncFx(() -> s.getValueFactory().setValue(steps)).get();
    }

    @Test
    void scanFineTuneAndUseTheNewModel(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        String summary = robot.lookup("#scanSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("12 files read, 3 skipped"), summary);
        assertTrue(summary.endsWith(" · 1 skipped file has drums on another channel than 10: tick \"Read drums from "
            + "other channels\" to train on it"), summary);
        assertTrue(robot.lookup("#otherChannelsCheck").query().isVisible(), "the choice is offered");
        @SuppressWarnings("unchecked")
        ListView<String> details = robot.lookup("#scanDetails").queryAs(ListView.class);
        assertTrue(details.getItems().stream().anyMatch(l -> l.startsWith("Skipped damaged.mid: ")), details.getItems().toString());
        assertTrue(details.getItems().stream().anyMatch(l -> l.startsWith("Skipped waltz.mid: ") && l.contains("3/4")),
            details.getItems().toString());

        robot.clickOn(wizardButton(robot, "Next"));
        // the estimate: measured after the warm-up steps, a range, and for the steps asked
        Label estimate = robot.lookup("#estimateLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> estimate.getText().startsWith("≈"));
        assertTrue(estimate.getText().contains(" s a step after a ") && estimate.getText().endsWith("first step, measured)"),
            estimate.getText());
        @SuppressWarnings("unchecked")
        ChoiceBox<String> decoder = robot.lookup("#decoderChoice").queryAs(ChoiceBox.class);
        assertEquals("flat", decoder.getValue(), "fine-tuning the flat start model");
        assertTrue(decoder.isDisabled());
        setSteps(robot, 4);
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = robot.lookup("#trainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("Finished"));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#lossChart").queryAs(LineChart.class);
        assertFalse(chart.getData().get(0).getData().isEmpty(), "the loss chart has points");

        robot.clickOn(wizardButton(robot, "Next"));
        Label result = robot.lookup("#resultSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getText().contains("windows"));
        // in the user's model folder, named after the folder (-2, -3... after other tests' runs)
        Path trained = Path.of(bestModel(status));
        assertEquals(tmp.resolve("user-models"), trained.getParent());
        assertTrue(trained.getFileName().toString().startsWith("my grooves"), trained.toString());
        assertTrue(Files.exists(trained));
        robot.clickOn("#useModelButton");
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
        TextField out = robot.lookup("#outField").queryAs(TextField.class);
        WaitForAsyncUtils.asyncFx(() -> out.setText(existing.toString())).get();
        setSteps(robot, 2);
        robot.clickOn(wizardButton(robot, "Next"));
        // the wizard is a dialog too: the question is the pane with its own header
        java.util.function.Supplier<java.util.Optional<DialogPane>> question = () -> robot.lookup(".dialog-pane")
            .queryAllAs(DialogPane.class).stream().filter(d -> "Replace the existing model?".equals(d.getHeaderText()))
            .findFirst();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> question.get().isPresent());
        DialogPane pane = question.get().orElseThrow();
        robot.clickOn((Button) pane.lookupButton(ButtonType.NO));
        Label status = robot.lookup("#trainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Not started"));
        assertTrue(status.getText().contains("keep me.bbm is kept"), status.getText());
        assertArrayEquals(before, Files.readAllBytes(existing), "the existing model is kept byte for byte");
        assertFalse(Files.exists(Trainer.checkpointPath(existing)), "no run started on it");
    }

    @Test
    void stoppingMidRunLeavesALoadableCheckpoint(FxRobot robot) throws Exception {
        openWizardOnFolder(robot);
        robot.clickOn(wizardButton(robot, "Next"));
        setSteps(robot, 100_000);
        robot.lookup("#outField").queryAs(javafx.scene.control.TextField.class)
            .setText(tmp.resolve("stopped.bbm").toString());
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = robot.lookup("#trainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("step 3 "));
        // Pause: the page says so, and the run holds its place until Resume
        robot.clickOn("#pauseButton");
        assertTrue(status.getText().startsWith("Paused after step "), status.getText());
        assertEquals("Resume", robot.lookup("#pauseButton").queryAs(javafx.scene.control.ToggleButton.class).getText());
        assertTrue(robot.lookup("#trainProgress").queryAs(ProgressBar.class).getStyleClass().contains("paused"));
        Thread.sleep(1500); // the step in flight ends and reports
        String held = status.getText();
        assertTrue(held.startsWith("Paused after step "), held);
        Thread.sleep(1500);
        assertEquals(held, status.getText(), "no step while paused");
        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("step "));
        robot.clickOn("Stop and keep best");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Stopped"));
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
        Label status = robot.lookup("#trainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("Finished after 4 steps"));
        Path first = Path.of(bestModel(status));

        // Previous, Next with nothing changed: the finished run, not a new one
        robot.clickOn(wizardButton(robot, "Previous"));
        robot.clickOn(wizardButton(robot, "Next"));
        assertTrue(status.getText().startsWith("Finished after 4 steps"), status.getText());

        // Previous, other steps, Next: a new run, into a new file (the first one is kept)
        robot.clickOn(wizardButton(robot, "Previous"));
        TextField out = robot.lookup("#outField").queryAs(TextField.class);
        assertFalse(Path.of(out.getText()).equals(first), "a new run is not suggested onto the last one's model");
        setSteps(robot, 6);
        robot.clickOn(wizardButton(robot, "Next"));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("Finished after 6 steps"));
        Path second = Path.of(bestModel(status));
        assertEquals(Path.of(out.getText()), second);
        assertEquals(4, Checkpoint.load(Trainer.checkpointPath(first)).step(), "the first run is untouched");

        // the result, then "Train 6 more steps": the same run continued from its checkpoint
        robot.clickOn(wizardButton(robot, "Next"));
        Label result = robot.lookup("#resultSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getText().contains("windows"));
        Button more = robot.lookup("#trainMoreButton").queryButton();
        assertEquals("Train 6 more steps", more.getText());
        robot.clickOn(more);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("Finished after 12 steps"));
        assertEquals(second, Path.of(bestModel(status)));
        assertEquals(12, Checkpoint.load(Trainer.checkpointPath(second)).step());

        // Previous from the result shows that run; nothing restarts, no steps are doubled
        robot.clickOn(wizardButton(robot, "Next"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getText().contains("windows"));
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
        Label summary = robot.lookup("#scanSummary").queryAs(Label.class);
        robot.clickOn("#otherChannelsCheck");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().startsWith("13 files read, 2 skipped"));
        assertTrue(summary.getText().endsWith(" · files with nothing on channel 10 are read from the channel that looks "
            + "like drums"), summary.getText());
        assertTrue(robot.lookup("#otherChannelsCheck").queryAs(CheckBox.class).isSelected());
        robot.clickOn(wizardButton(robot, "Next"));
        setSteps(robot, 2);
        Path out = tmp.resolve("other-channels.bbm");
        robot.lookup("#outField").queryAs(TextField.class).setText(out.toString());
        robot.clickOn(wizardButton(robot, "Next"));
        Label status = robot.lookup("#trainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().startsWith("Finished"));
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
        @SuppressWarnings("unchecked")
        ChoiceBox<String> decoder = robot.lookup("#decoderChoice").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "hierarchical".equals(decoder.getValue()));
        assertTrue(decoder.isDisabled(), "fine-tuning keeps the model's decoder");
        // from scratch, the choice is the user's again (flat by default), and back
        robot.clickOn("#scratchRadio");
        assertEquals("flat", decoder.getValue());
        assertFalse(decoder.isDisabled());
        robot.clickOn("#fineTuneRadio");
        assertEquals("hierarchical", decoder.getValue());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }
}
