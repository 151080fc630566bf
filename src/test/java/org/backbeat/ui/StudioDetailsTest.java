package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.studio.GridLayout;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 21, item 7: the ruler, the velocity readout, whole words at the smallest window, a long file on B. */
class StudioDetailsTest extends StudioWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }


    @Test
    void draggingAHitShowsItsVelocityUntilRelease(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        GridLayout l = grid.gridLayout();
        assertTrue(l.rulerHeight() > 0, "a bar/beat ruler above the lanes");
        assertTrue(l.rowY(org.backbeat.groove.Groove.CLASSES - 1) >= l.rulerHeight(), "the top lane starts under it");
        int step = 9;
        int cls = 1;
        WaitForAsyncUtils.asyncFx(() -> grid.setGroove(grid.getGroove().withCell(step, cls, true, 0.5f, 0f))).get();
        double x = l.stepX(step) + l.cellWidth() / 2;
        double y = l.rowY(cls) + l.rowHeight() / 2;
        robot.drag(robot.point(grid).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y)), MouseButton.PRIMARY)
            .moveBy(0, -30);
        WaitForAsyncUtils.waitForFxEvents();
        int shown = Math.round(grid.getGroove().velocity(step, cls) * 127);
        assertTrue(shown > 64, "dragged up: " + shown);
        assertEquals("velocity " + shown, grid.getReadout());
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", grid.getReadout(), "gone after release");
    }

    @Test
    void atTheSmallestWindowGenerateAndTheStatusAreWhole(FxRobot robot) throws Exception {
        Stage stage = (Stage) grid(robot).getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(stage.getMinHeight());
        });
        Label decode = robot.lookup("#statusDecode").queryAs(Label.class);
        Label player = robot.lookup("#statusPlayer").queryAs(Label.class);
        robot.interact(() -> {
            decode.setText("daw clip with a long name: drums read from MIDI channel 1 (nothing on channel 10)");
            player.setText("Playback is silent: no sound device on this machine (export still works)");
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Button generate = robot.lookup("#generateButton").queryButton();
        assertEquals("Generate 4 bars", shownText(generate));
        javafx.geometry.Bounds b = generate.localToScene(generate.getBoundsInLocal());
        assertTrue(b.getMaxX() <= stage.getScene().getWidth(), "inside the window");
        for (String id : List.of("#statusModel", "#statusDecode", "#statusPlayer")) {
            Label label = robot.lookup(id).queryAs(Label.class);
            assertEquals(label.getText(), shownText(label), id + " is not cut");
            javafx.geometry.Bounds lb = label.localToScene(label.getBoundsInLocal());
            assertTrue(lb.getMaxX() <= stage.getScene().getWidth() + 0.5, id + " fits the window");
            assertTrue(lb.getMaxY() <= stage.getScene().getHeight() + 0.5, id + " fits the window");
        }
    }

    @Test
    void historyThumbnailsGrowWithTheWindow(FxRobot robot) throws Exception {
        Stage stage = (Stage) grid(robot).getScene().getWindow();
        double width = stage.getWidth();
        double height = stage.getHeight();
        try {
            robot.interact(() -> {
                stage.setWidth(stage.getMinWidth());
                stage.setHeight(stage.getMinHeight());
            });
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.Node first = robot.lookup(".history-item").query();
            double small = first.getLayoutBounds().getWidth();
            double smallH = first.getLayoutBounds().getHeight();
            robot.interact(() -> {
                stage.setWidth(1900); // inside the 1920x1200 headless screen the pom sets
                stage.setHeight(1150);
            });
            WaitForAsyncUtils.waitForFxEvents();
            double large = first.getLayoutBounds().getWidth();
            assertTrue(large > small * 1.5, "wider at a wider window: " + small + " -> " + large);
            assertEquals(large / small, first.getLayoutBounds().getHeight() / smallH, 0.05, "same shape");
            javafx.scene.Node strip = robot.lookup("#historyScroll").query();
            assertTrue(strip.getLayoutBounds().getHeight() >= first.getLayoutBounds().getHeight(), "the strip holds them whole");
        } finally {
            robot.interact(() -> {
                stage.setWidth(width);
                stage.setHeight(height);
            });
        }
    }

    /** The text a labeled control actually draws (with "…" when it is cut). */
    private static String shownText(javafx.scene.control.Labeled l) {
        return ((javafx.scene.text.Text) l.lookup(".text")).getText();
    }

    @Test
    void aLongFileDroppedOnBGoesToBAndNotIntoTheHistory(FxRobot robot) throws Exception {
        javax.sound.midi.Sequence song = new javax.sound.midi.Sequence(javax.sound.midi.Sequence.PPQ, 480);
        javax.sound.midi.Track t = song.createTrack();
        for (int beat = 0; beat < 4 * 40; beat++) { // 40 bars: ten 4-bar sections
            t.add(new javax.sound.midi.MidiEvent(new javax.sound.midi.ShortMessage(0x99, beat % 2 == 0 ? 36 : 38, 100),
                beat * 480L));
            t.add(new javax.sound.midi.MidiEvent(new javax.sound.midi.ShortMessage(0x89, beat % 2 == 0 ? 36 : 38, 0),
                beat * 480L + 60));
        }
        Path file = tmp.resolve("long song.mid");
        javax.sound.midi.MidiSystem.write(song, 1, file.toFile());
        int before = app.controller().session().history().size();
        robot.interact(() -> app.controller().dropOnSlot(1, file));
        assertTrue(dialogPanes(robot).isEmpty());
        assertEquals("long song", app.controller().session().slot(1).label());
        assertEquals(before, app.controller().session().history().size(), "the history is untouched");
        assertEquals(before, robot.lookup("#historyBox").queryAs(javafx.scene.layout.HBox.class).getChildren().size());
    }
}
