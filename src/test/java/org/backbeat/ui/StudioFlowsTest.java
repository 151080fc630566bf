package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.GridLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The four flows a musician uses, driven through the real studio window. */
@ExtendWith(ApplicationExtension.class)
class StudioFlowsTest {

    private final AtomicInteger noteOns = new AtomicInteger();
    private final TestStudio.ScriptedDialogs dialogs = new TestStudio.ScriptedDialogs();
    private StudioApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        Receiver counting = new Receiver() {
            @Override
            public void send(MidiMessage m, long t) {
                if (m instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0) {
                    noteOns.incrementAndGet();
                }
            }

            @Override
            public void close() {
            }
        };
        app = new StudioApp(TestStudio::tinyModel, null, () -> MidiGroovePlayer.withReceiver(counting), () -> dialogs);
        app.start(stage);
        stage.sizeToScene(); // TestFX reuses one stage: an earlier test's window size must not carry over
    }

    @BeforeEach
    void modelReady(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
            () -> !robot.lookup("#generateButton").queryButton().isDisabled() && grid(robot).getGroove().hitCount() > 0);
    }

    @AfterEach
    void stopPlayback() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get();
    }

    private static DrumGrid grid(FxRobot robot) {
        return robot.lookup("#grid").queryAs(DrumGrid.class);
    }

    private void settle() throws InterruptedException {
        assertTrue(app.controller().awaitModelWork(10_000), "model work finished");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void generateShowsANewGrooveAndPlaysIt(FxRobot robot) throws Exception {
        Groove before = grid(robot).getGroove();
        robot.clickOn("#generateButton");
        settle();
        Groove after = grid(robot).getGroove();
        assertTrue(after.hitCount() > 0, "the grid shows hits");
        assertNotEquals(before, after, "a new groove");
        assertEquals(2, robot.lookup("#historyBox").queryAs(javafx.scene.layout.HBox.class).getChildren().size(),
            "the start-up groove and the new one are in the history");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> noteOns.get() > 0);
        assertTrue(robot.lookup("#playButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }

    @Test
    void draggingTheSliderMorphsFromAToB(FxRobot robot) throws Exception {
        robot.clickOn("#fillAButton");
        Groove a = grid(robot).getGroove();
        robot.clickOn("#generateButton");
        settle();
        robot.clickOn("#fillBButton");
        Groove b = grid(robot).getGroove();
        assertNotEquals(a, b);
        Slider slider = robot.lookup("#abSlider").queryAs(Slider.class);
        assertFalse(slider.isDisabled(), "A and B filled enable the slider");

        var thumb = robot.lookup("#abSlider .thumb").query();
        double width = slider.getWidth();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(width * 0.5, 0);
        settle();
        Groove middle = grid(robot).getGroove();
        assertTrue(slider.getValue() > 0.2 && slider.getValue() < 0.8, "thumb half-way: " + slider.getValue());
        assertNotEquals(a, middle, "the middle is not A");
        assertNotEquals(b, middle, "the middle is not B");
        robot.moveBy(width, 0).release(MouseButton.PRIMARY);
        settle();
        assertEquals(1.0, slider.getValue(), 1e-9);
        assertEquals(b, grid(robot).getGroove(), "the drag ends at B");
    }

    @Test
    void exportedMidiReadsBackAsTheSameGroove(FxRobot robot) throws Exception {
        Groove shown = grid(robot).getGroove();
        Path file = tmp.resolve("loop.mid");
        dialogs.next.set(file);
        robot.clickOn("File").clickOn("Export MIDI…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.size(file) > 0);
        List<Groove> back = MidiFiles.readGrooves(file, ReadOptions.userImport());
        assertEquals(1, back.size());
        Groove g = back.get(0);
        assertEquals(shown.hitCount(), g.hitCount());
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                assertEquals(shown.hit(s, c), g.hit(s, c), "hit " + s + "/" + c);
                if (shown.hit(s, c)) {
                    assertEquals(shown.velocity(s, c), g.velocity(s, c), 1.0 / 127 + 1e-6);
                    // A file cannot start before tick 0: an early hit on the very first step is
                    // written on the downbeat.
                    float expected = s == 0 ? Math.max(0f, shown.offset(s, c)) : shown.offset(s, c);
                    assertEquals(expected, g.offset(s, c), 4.0 / MidiFiles.PPQ + 1e-6, "offset " + s + "/" + c);
                }
            }
        }
    }

    @Test
    void editUndoRedo(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        Groove start = grid.getGroove();
        GridLayout l = grid.gridLayout();
        int step = 5;
        int cls = 0;
        double x = l.stepX(step) + l.cellWidth() / 2;
        double y = l.rowY(cls) + l.rowHeight() / 2;
        robot.clickOn(robot.point(grid).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y)));
        Groove edited = grid.getGroove();
        assertNotEquals(start.hit(step, cls), edited.hit(step, cls), "the click toggled the cell");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(start, grid.getGroove(), "undo restores the groove");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals(edited, grid.getGroove(), "redo brings the edit back");
    }

    @Test
    void dragUpMakesAHitLouder(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        GridLayout l = grid.gridLayout();
        int step = 9;
        int cls = 1;
        if (!grid.getGroove().hit(step, cls)) {
            WaitForAsyncUtils.asyncFx(() -> grid.setGroove(grid.getGroove().withCell(step, cls, true, 0.3f, 0f))).get();
        }
        float v0 = grid.getGroove().velocity(step, cls);
        double x = l.stepX(step) + l.cellWidth() / 2;
        double y = l.rowY(cls) + l.rowHeight() / 2;
        robot.drag(robot.point(grid).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y)), MouseButton.PRIMARY)
            .moveBy(0, -40).release(MouseButton.PRIMARY);
        assertTrue(grid.getGroove().hit(step, cls));
        assertTrue(grid.getGroove().velocity(step, cls) > v0 + 0.1f, "dragging up raised the velocity");
        Button generate = robot.lookup("#generateButton").queryButton();
        assertFalse(generate.isDisabled());
    }

    @Test
    void aPreloadedFirstGrooveIsShownOnlyWhenItMatchesTheControls(FxRobot robot) throws Exception {
        // The launcher's start-up path: the model and a first groove come from the preload thread.
        org.backbeat.model.FastGrooveModel model = TestStudio.tinyModel();
        org.backbeat.studio.StudioGroove first = new org.backbeat.studio.StudioEngine(model)
            .generate(StudioApp.START_TEMPERATURE, 42, Groove.DEFAULT_QPM);
        org.backbeat.studio.StudioGroove other = new org.backbeat.studio.StudioEngine(model)
            .generate(0.5, 43, Groove.DEFAULT_QPM);
        Groove before = grid(robot).getGroove();
        assertFalse(WaitForAsyncUtils.asyncFx(() -> app.controller().startWith(model, null, other, 0.5,
            Groove.DEFAULT_QPM)).get(), "made at another temperature than the slider shows: refused");
        assertEquals(before, grid(robot).getGroove(), "a refused groove changes nothing");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> app.controller().startWith(model, null, first,
            StudioApp.START_TEMPERATURE, Groove.DEFAULT_QPM)).get());
        assertEquals(first.groove(), grid(robot).getGroove(), "the preloaded groove is on the grid");
        WaitForAsyncUtils.asyncFx(() -> app.controller().afterFirstFrame()).get();
        assertFalse(robot.lookup("#generateButton").queryButton().isDisabled(), "Generate works with the preloaded model");
    }
}
