package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.studio.GridLayout;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 21, items 5 and 6: keys that do what they say, a status line that tells the truth. */
class StudioKeysAndStatusTest extends StudioWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }


    @Test
    void gInTheBpmFieldIsALetterNotGenerate(FxRobot robot) throws Exception {
        Groove before = grid(robot).getGroove();
        int historyBefore = app.controller().session().history().size();
        @SuppressWarnings("unchecked")
        Spinner<Double> bpm = robot.lookup("#bpmSpinner").queryAs(Spinner.class);
        robot.clickOn(bpm.getEditor());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.DIGIT9, KeyCode.DIGIT0, KeyCode.G, KeyCode.SPACE);
        settle();
        assertEquals(before, grid(robot).getGroove(), "G in the field generated nothing");
        assertEquals(historyBefore, app.controller().session().history().size());
        assertFalse(robot.lookup("#playButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
            "Space in the field did not start playback");
        assertEquals("90", bpm.getEditor().getText(), "a letter is not a tempo");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(90.0, bpm.getValue(), 1e-9);
        assertTrue(text(robot, "#grooveTitle").endsWith("· 90 BPM"), text(robot, "#grooveTitle"));

        robot.clickOn(grid(robot), MouseButton.SECONDARY); // focus away from the field (a right click edits nothing)
        robot.type(KeyCode.G);
        settle();
        assertNotEquals(before, grid(robot).getGroove(), "G outside the field generates");
        assertTrue(text(robot, "#grooveTitle").endsWith("· 90 BPM"), "a new groove plays at the transport's tempo");
    }

    @Test
    void arrowKeysStepTheTemperatureByFiveHundredths(FxRobot robot) throws Exception {
        Slider t = robot.lookup("#temperatureSlider").queryAs(Slider.class);
        robot.interact(t::requestFocus);
        double start = t.getValue();
        robot.type(KeyCode.RIGHT);
        assertEquals(start + 0.05, t.getValue(), 1e-9);
        robot.type(KeyCode.LEFT, KeyCode.LEFT);
        assertEquals(start - 0.05, t.getValue(), 1e-9);
        assertEquals(String.format("%.2f", start - 0.05), text(robot, "#temperatureLabel"));
    }

    @Test
    void ctrlYRedoes(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        Groove start = grid.getGroove();
        GridLayout l = grid.gridLayout();
        robot.clickOn(robot.point(grid).atPosition(Pos.TOP_LEFT)
            .atOffset(new Point2D(l.stepX(7) + l.cellWidth() / 2, l.rowY(2) + l.rowHeight() / 2)));
        Groove edited = grid.getGroove();
        assertNotEquals(start, edited);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(start, grid.getGroove());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertEquals(edited, grid.getGroove(), "Ctrl+Y redid the edit");
    }

    @Test
    void theShortcutsWindowLinesUpKeysAndActions(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        WaitForAsyncUtils.waitForFxEvents();
        GridPane table = robot.lookup("#shortcutTable").queryAs(GridPane.class);
        double keyX = Double.NaN;
        double actionX = Double.NaN;
        double widestKey = 0;
        int rows = 0;
        for (Node n : table.getChildren()) {
            double x = n.localToScene(n.getBoundsInLocal()).getMinX();
            if (GridPane.getColumnIndex(n) == 0) {
                rows++;
                widestKey = Math.max(widestKey, n.getBoundsInLocal().getWidth());
                assertTrue(Double.isNaN(keyX) || Math.abs(x - keyX) < 0.5, "keys start at one x");
                keyX = x;
            } else {
                assertTrue(Double.isNaN(actionX) || Math.abs(x - actionX) < 0.5, "actions start at one x");
                actionX = x;
            }
        }
        assertEquals(StudioDialogs.SHORTCUTS.size(), rows);
        assertTrue(actionX >= keyX + widestKey, "actions start right of the widest key");
        assertTrue(StudioDialogs.SHORTCUTS.stream().anyMatch(r -> r[0].contains("Ctrl+Y")));
    }

    @Test
    void aDamagedModelSaysWhyAndTheStatusKeepsTheModelInUse(FxRobot robot) throws Exception {
        String inUse = text(robot, "#statusModel");
        assertTrue(inUse.startsWith("Model: "), inUse);
        Path bad = tmp.resolve("damaged.bbm");
        Files.write(bad, new byte[] {'B', 'B', 'M', 1, 2, 3, 4, 5});
        dialogs.next.set(bad);
        robot.clickOn("Model").clickOn("Open model…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogPanes(robot).isEmpty());
        DialogPane pane = dialogPanes(robot).iterator().next();
        assertTrue(pane.getHeaderText().contains("damaged.bbm"), pane.getHeaderText());
        String reason = pane.getContentText().lines().findFirst().orElse("");
        assertFalse(reason.isBlank(), "the reason is shown");
        assertTrue(pane.getContentText().contains("Still using"), pane.getContentText());
        assertEquals(inUse, text(robot, "#statusModel"), "the status names the model still in use");
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        Groove before = grid(robot).getGroove();
        robot.clickOn("#generateButton");
        settle();
        assertNotEquals(before, grid(robot).getGroove(), "the model in use still works");
    }

    @Test
    void aFailedDropsErrorGoesWithItsWindow(FxRobot robot) throws Exception {
        Path bad = tmp.resolve("not-midi.mid");
        Files.writeString(bad, "this is not a MIDI file");
        String statusBefore = text(robot, "#statusDecode");
        robot.interact(() -> app.controller().dropOnSlot(1, bad));
        List<DialogPane> panes = List.copyOf(dialogPanes(robot));
        assertEquals(1, panes.size(), "one window says what went wrong");
        assertTrue(panes.get(0).getHeaderText().contains("not-midi.mid"), panes.get(0).getHeaderText());
        assertEquals(1, panes.get(0).getContentText().lines().count(), "the one-line reason");
        robot.interact(() -> ((Stage) panes.get(0).getScene().getWindow()).close());
        assertEquals(statusBefore, text(robot, "#statusDecode"), "no stale error in the status line");
        assertFalse(text(robot, "#statusDecode").contains("not-midi"));
    }

    @Test
    void aDrumClipOnChannelOneOpensAndTheStatusSaysSo(FxRobot robot) throws Exception {
        Groove clip = org.backbeat.TestData.busyGroove(5);
        javax.sound.midi.Sequence seq = org.backbeat.midi.MidiFiles.toSequence(clip);
        javax.sound.midi.Track drums = seq.getTracks()[1];
        for (int i = 0; i < drums.size(); i++) { // move every note to channel 1, as many DAWs export a clip
            if (drums.get(i).getMessage() instanceof javax.sound.midi.ShortMessage m) {
                m.setMessage(m.getCommand(), 0, m.getData1(), m.getData2());
            }
        }
        Path file = tmp.resolve("daw clip.mid");
        javax.sound.midi.MidiSystem.write(seq, 1, file.toFile());
        dialogs.next.set(file);
        robot.clickOn("File").clickOn("Open MIDI…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogPanes(robot).isEmpty(), "no error window");
        assertEquals(clip.hitCount(), grid(robot).getGroove().hitCount(), "the clip is on the grid");
        assertEquals("daw clip: drums read from MIDI channel 1 (nothing on channel 10)", text(robot, "#statusDecode"));
    }

    @Test
    void theTitleShowsTheTempoThatPlaysAfterAToB(FxRobot robot) throws Exception {
        robot.clickOn("#fillAButton");
        robot.clickOn("#generateButton");
        settle();
        robot.clickOn("#fillBButton");
        @SuppressWarnings("unchecked")
        Spinner<Double> bpm = robot.lookup("#bpmSpinner").queryAs(Spinner.class);
        robot.interact(() -> bpm.getValueFactory().setValue(138.0));
        assertTrue(text(robot, "#grooveTitle").endsWith("· 138 BPM"), text(robot, "#grooveTitle"));
        Slider slider = robot.lookup("#abSlider").queryAs(Slider.class);
        Node thumb = robot.lookup("#abSlider .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(slider.getWidth() * 0.4, 0)
            .release(MouseButton.PRIMARY);
        settle();
        assertTrue(grid(robot).getGroove() != null && text(robot, "#grooveTitle").startsWith("A→B"));
        assertTrue(text(robot, "#grooveTitle").endsWith("· 138 BPM"), text(robot, "#grooveTitle"));
    }
}
