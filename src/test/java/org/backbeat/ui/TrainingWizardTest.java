package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
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
        assertTrue(summary.endsWith(" · 1 skipped file has drums on another channel than 10: the studio opens them, "
            + "training reads channel 10 only"), summary);
        @SuppressWarnings("unchecked")
        ListView<String> details = robot.lookup("#scanDetails").queryAs(ListView.class);
        assertTrue(details.getItems().stream().anyMatch(l -> l.startsWith("Skipped damaged.mid: ")), details.getItems().toString());
        assertTrue(details.getItems().stream().anyMatch(l -> l.startsWith("Skipped waltz.mid: ") && l.contains("3/4")),
            details.getItems().toString());

        robot.clickOn(wizardButton(robot, "Next"));
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
        Path trained = tmp.resolve("user-models").resolve("my grooves.bbm");
        assertTrue(Files.exists(trained));
        robot.clickOn("#useModelButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> trained.equals(app.controller().modelFile()));
        robot.clickOn(wizardButton(robot, "Finish"));
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
        robot.clickOn("Stop and keep best");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Stopped"));
        Path out = tmp.resolve("stopped.bbm");
        Checkpoint ckpt = Checkpoint.load(Trainer.checkpointPath(out));
        assertTrue(ckpt.step() >= 3 && ckpt.step() < 100_000, "stopped at step " + ckpt.step());
        assertEquals(TestStudio.tinyModel().config(), ModelFile.load(out).config());
        robot.clickOn(wizardButton(robot, "Cancel"));
    }
}
