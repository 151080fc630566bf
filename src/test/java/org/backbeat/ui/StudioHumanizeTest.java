package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Task;
import org.backbeat.model.TaskModels;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 20: the studio's Humanize, by key and by button, into the history and undoable. */
class StudioHumanizeTest extends StudioWindowTest {

    private static FastGrooveModel tinyHumanizer() {
        var c = TestStudio.tinyModel().config().withTask(Task.HUMANIZE);
        return new FastGrooveModel(c, ModelInitializer.random(c, 21));
    }

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }

    @Test
    void hHumanizesTheGrooveIntoTheHistoryAndUndoBringsItBack(FxRobot robot) throws Exception {
        FastGrooveModel humanizer = tinyHumanizer();
        app.controller().setHumanizeModel(() -> humanizer);
        Groove before = grid(robot).getGroove();
        int history = app.controller().session().history().size();
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY); // focus on the grid, nothing edited
        robot.type(KeyCode.H);
        settle();
        Groove after = grid(robot).getGroove();
        assertNotEquals(before, after);
        assertEquals(app.controller().session().current().groove(), after);
        assertTrue(app.controller().session().current().label().startsWith("humanized"),
            app.controller().session().current().label());
        assertEquals(history + 1, app.controller().session().history().size(), "the humanized groove is in the history");
        assertEquals(before.qpm(), after.qpm());
        // what the model makes of the groove's hits alone: replaying the same hits at other velocities gives the same
        Groove hitsOnly = org.backbeat.groove.GrooveTransforms.humanizeInput(before);
        assertEquals(TaskModels.perform(humanizer, java.util.List.of(before), 0, 0).get(0),
            TaskModels.perform(humanizer, java.util.List.of(hitsOnly), 0, 0).get(0));
        assertTrue(robot.lookup("#playButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
            "it plays at once");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, grid(robot).getGroove(), "undo brings the groove back");

        robot.clickOn("#humanizeButton");
        settle();
        assertNotEquals(before, grid(robot).getGroove(), "the button humanizes too");
    }

    @Test
    void aModelOfAnotherTaskIsRefusedInAWindowAndNothingChanges(FxRobot robot) throws Exception {
        app.controller().setHumanizeModel(TestStudio::tinyModel); // a generate model
        Groove before = grid(robot).getGroove();
        robot.clickOn("#humanizeButton");
        settle();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogPanes(robot).isEmpty());
        DialogPane pane = dialogPanes(robot).iterator().next();
        assertTrue(pane.getContentText().contains("is a generate model, not a humanize model"), pane.getContentText());
        assertEquals(before, grid(robot).getGroove());
    }
}
