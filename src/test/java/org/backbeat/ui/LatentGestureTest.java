package org.backbeat.ui;

import javafx.stage.Stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 21.1 through the window, with the shipped model: latent gestures start from the groove on the grid. */
class LatentGestureTest extends StudioWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }

    @Override
    protected java.util.concurrent.Callable<org.backbeat.model.GrooveModel> model() {
        return () -> org.backbeat.model.Models.open(Path.of("models", "default.bbm"));
    }

    private static int changedHits(Groove a, Groove b) {
        int d = 0;
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                d += a.hit(s, c) != b.hit(s, c) ? 1 : 0;
            }
        }
        return d;
    }

    /** Drags the thumb of {@code id} by {@code share} of the slider's width and lets go. */
    private void nudge(FxRobot robot, String id, double share) throws Exception {
        Slider s = robot.lookup(id).queryAs(Slider.class);
        Node thumb = robot.lookup(id + " .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(s.getWidth() * share, 0).release(MouseButton.PRIMARY);
        settle();
    }

    /** A groove generated at temperature 1.8 with the loop stopped (only the grid matters here). */
    private Groove generateAtTemperature18(FxRobot robot) throws Exception {
        Slider temperature = robot.lookup("#temperatureSlider").queryAs(Slider.class);
        robot.interact(() -> temperature.setValue(1.8));
        robot.clickOn("#generateButton");
        settle();
        robot.clickOn("#playButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#latent-0").tryQuery().isPresent());
        return grid(robot).getGroove();
    }

    @Test
    void aSmallDragOfALatentSliderOrTheABSliderChangesAFewHitsAtTemperature18(FxRobot robot) throws Exception {
        Groove a = generateAtTemperature18(robot);
        Slider busier = robot.lookup("#latent-0").queryAs(Slider.class);
        nudge(robot, "#latent-0", 0.01);
        assertTrue(busier.getValue() > 0 && busier.getValue() < 0.1, "a small move: " + busier.getValue());
        Groove nudged = grid(robot).getGroove();
        assertTrue(changedHits(a, nudged) <= Math.max(3, 0.1 * a.hitCount()),
            changedHits(a, nudged) + " of " + a.hitCount() + " hits changed");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(a, grid(robot).getGroove(), "undo: back to the generated groove");
        robot.clickOn("#fillAButton");
        robot.clickOn("#generateButton");
        settle();
        robot.clickOn("#fillBButton");
        Groove b = grid(robot).getGroove();
        nudge(robot, "#abSlider", 0.01);
        Slider ab = robot.lookup("#abSlider").queryAs(Slider.class);
        assertTrue(ab.getValue() > 0 && ab.getValue() < 0.05, "a small move: " + ab.getValue());
        Groove nearA = grid(robot).getGroove();
        assertTrue(changedHits(a, nearA) <= Math.max(3, 0.1 * a.hitCount()),
            changedHits(a, nearA) + " of " + a.hitCount() + " hits changed at " + ab.getValue());
        nudge(robot, "#abSlider", 1.5);
        assertEquals(b, grid(robot).getGroove(), "100 % is B itself");
    }

    @Test
    void arrowKeysOnALatentSliderSteerTheGrooveAndEachPressIsOneUndoStep(FxRobot robot) throws Exception {
        Groove a = generateAtTemperature18(robot);
        Slider busier = robot.lookup("#latent-0").queryAs(Slider.class);
        robot.interact(busier::requestFocus);
        for (int i = 0; i < 8; i++) {
            robot.type(KeyCode.RIGHT);
            settle();
        }
        assertEquals(0.4, busier.getValue(), 1e-9, "eight presses of the block increment");
        Groove steered = grid(robot).getGroove();
        assertTrue(!steered.equals(a), "the keys steered the groove");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        settle();
        assertTrue(!a.equals(grid(robot).getGroove()), "one undo takes back one press, not all eight");
        for (int i = 0; i < 7; i++) {
            robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        }
        settle();
        assertEquals(a, grid(robot).getGroove(), "eight undos: back to the generated groove");
    }
}
