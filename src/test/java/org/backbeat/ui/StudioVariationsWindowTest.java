package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.studio.GridLayout;
import org.backbeat.studio.Lanes;
import org.backbeat.studio.StudioGroove;
import org.backbeat.studio.StudioSession;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 22 in the real window: variations, Vary, lane locks, bar re-roll, mute/solo, swing. */
class StudioVariationsWindowTest extends StudioWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }

    private StudioSession session() {
        return app.controller().session();
    }

    private static void count(FxRobot robot, int n) {
        for (int i = 1; i < n; i++) {
            robot.clickOn("#countSpinner .increment-arrow-button");
        }
    }

    private static List<Node> strip(FxRobot robot) {
        return robot.lookup("#variationsBox").queryAs(HBox.class).getChildren();
    }

    private static Point2D at(FxRobot robot, DrumGrid grid, double x, double y) {
        return robot.point(grid).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y)).query();
    }

    private static void clickToggle(FxRobot robot, Lanes.Toggle t, int lane) {
        DrumGrid grid = grid(robot);
        GridLayout l = grid.gridLayout();
        double s = GridLayout.TOGGLE_SIZE / 2;
        robot.clickOn(at(robot, grid, l.toggleX(t) + s, l.toggleY(lane) + s));
        WaitForAsyncUtils.waitForFxEvents();
    }


    @Test
    void generateWithACountOfFourShowsFourInTheStripAndAllGoIntoTheHistory(FxRobot robot) throws Exception {
        int historyBefore = session().history().size();
        count(robot, 4);
        robot.clickOn("#generateButton");
        settle();
        assertEquals(4, strip(robot).size(), "four variations in the strip");
        assertEquals(historyBefore + 4, session().history().size(), "all four in the history");
        assertEquals(session().variations().get(0).groove(), grid(robot).getGroove(), "the first is on the grid");
    }

    @Test
    void aClickAuditionsADoubleClickOrEnterKeeps(FxRobot robot) throws Exception {
        count(robot, 3);
        robot.clickOn("#generateButton");
        settle();
        List<StudioGroove> made = session().variations();
        Groove onGrid = grid(robot).getGroove();
        robot.clickOn(strip(robot).get(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, session().auditioned());
        assertEquals(onGrid, grid(robot).getGroove(), "auditioning leaves the grid alone");
        assertEquals(made.get(2).groove().withQpm(120), session().playGroove(), "the player plays the auditioned one");
        assertTrue(robot.lookup("#playButton").queryAs(ToggleButton.class).isSelected(), "and it is playing");
        assertTrue(strip(robot).get(2).getStyleClass().contains("auditioned"), "the strip shows which one plays");

        robot.doubleClickOn(strip(robot).get(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(made.get(1).groove(), grid(robot).getGroove(), "double-click keeps it");
        assertEquals(-1, session().auditioned());
        assertTrue(strip(robot).get(1).getStyleClass().contains("current"));
        assertFalse(strip(robot).get(2).getStyleClass().contains("auditioned"));

        robot.clickOn(strip(robot).get(2));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(made.get(2).groove(), grid(robot).getGroove(), "Enter keeps the auditioned one");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(made.get(1).groove(), grid(robot).getGroove(), "keeping is one undo step");
    }

    @Test
    void varyMakesGroovesAroundTheOneOnTheGrid(FxRobot robot) throws Exception {
        count(robot, 3);
        Slider amount = robot.lookup("#varyAmountSlider").queryAs(Slider.class);
        robot.interact(() -> amount.setValue(0.5));
        assertEquals("50%", text(robot, "#varyAmountLabel"));
        Groove before = grid(robot).getGroove();
        robot.clickOn("#varyButton");
        settle();
        assertEquals(3, strip(robot).size());
        for (StudioGroove g : session().variations()) {
            assertTrue(g.label().startsWith("varied 50%"), g.label());
        }
        assertNotEquals(before, grid(robot).getGroove(), "the first variation is on the grid");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(before, grid(robot).getGroove(), "Vary is one undo step");
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY);
        robot.type(KeyCode.V);
        settle();
        assertNotEquals(before, grid(robot).getGroove(), "V varies too");
    }

    @Test
    void lockedLanesStayExactlyWhenGenerateReplaysTheRest(FxRobot robot) throws Exception {
        clickToggle(robot, Lanes.Toggle.LOCK, 0);
        clickToggle(robot, Lanes.Toggle.LOCK, 1);
        assertTrue(session().lanes().locked()[0] && session().lanes().locked()[1]);
        assertEquals(session().lanes(), grid(robot).getLanes(), "the grid shows the locks");
        Groove before = grid(robot).getGroove();
        robot.clickOn("#generateButton");
        settle();
        Groove after = grid(robot).getGroove();
        assertNotEquals(before, after, "a new groove");
        assertTrue(TestData.sameLane(before, after, 0) && TestData.sameLane(before, after, 1), "kick and snare kept exactly");
        clickToggle(robot, Lanes.Toggle.LOCK, 0);
        assertFalse(session().lanes().locked()[0], "a second click unlocks");
    }

    @Test
    void rerollingTheChosenBarKeepsTheOtherThree(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        assertTrue(robot.lookup("#rerollButton").queryButton().isDisabled(), "no bar chosen yet");
        GridLayout l = grid.gridLayout();
        robot.clickOn(at(robot, grid, l.stepX(2 * Groove.STEPS_PER_BAR) + 2 * l.cellWidth(), l.rulerHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, grid.getSelectedBar(), "bar 3 chosen on the ruler");
        assertFalse(robot.lookup("#rerollButton").queryButton().isDisabled());
        Groove before = grid.getGroove();
        robot.clickOn("#rerollButton");
        settle();
        Groove after = grid.getGroove();
        int changed = 0;
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                boolean same = before.hit(s, c) == after.hit(s, c) && before.velocity(s, c) == after.velocity(s, c)
                    && before.offset(s, c) == after.offset(s, c);
                if (s / Groove.STEPS_PER_BAR != 2) {
                    assertTrue(same, "kept: step " + s + " class " + c);
                } else if (!same) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "bar 3 played again");
        assertTrue(session().current().label().contains("bar 3"), session().current().label());
    }

    @Test
    void muteAndSoloShapeThePlaybackAndExportKeepsEveryLaneUnlessAsHeard(FxRobot robot) throws Exception {
        DrumGrid grid = grid(robot);
        GridLayout l = grid.gridLayout();
        if (grid.getGroove().hitCount(0) == 0) {
            robot.clickOn(at(robot, grid, l.stepX(4) + l.cellWidth() / 2, l.rowY(0) + l.rowHeight() / 2));
        }
        int kicks = grid.getGroove().hitCount(0);
        assertTrue(kicks > 0);
        clickToggle(robot, Lanes.Toggle.MUTE, 0);
        assertTrue(session().lanes().muted()[0]);
        assertEquals(0, session().playGroove().hitCount(0), "the muted kick is not played");
        assertEquals(kicks, grid.getGroove().hitCount(0), "but stays on the grid");

        Path all = tmp.resolve("all.mid");
        dialogs.next.set(all);
        robot.clickOn("File").clickOn("Export MIDI…");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(kicks, MidiFiles.readGrooves(all, ReadOptions.userImport()).get(0).hitCount(0),
            "the export keeps the muted lane");

        robot.clickOn("File").clickOn("Export as heard (leave muted lanes out)");
        assertTrue(session().exportAsHeard());
        Path heard = tmp.resolve("heard.mid");
        dialogs.next.set(heard);
        robot.clickOn("File").clickOn("Export MIDI…");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, MidiFiles.readGrooves(heard, ReadOptions.userImport()).get(0).hitCount(0),
            "exported as heard: no kick");

        clickToggle(robot, Lanes.Toggle.SOLO, 1);
        Groove played = session().playGroove();
        assertEquals(played.hitCount(1), played.hitCount(), "only the soloed snare is played");
    }

    @Test
    void swingMovesTheOffBeatsOnTheGridAndInTheExport(FxRobot robot) throws Exception {
        Slider swing = robot.lookup("#swingSlider").queryAs(Slider.class);
        robot.interact(swing::requestFocus);
        for (int i = 0; i < 5; i++) {
            robot.type(KeyCode.RIGHT);
        }
        assertEquals(5, swing.getValue(), 1e-9);
        robot.interact(() -> swing.setValue(50));
        assertEquals("50%", text(robot, "#swingLabel"));
        assertEquals(0.5, session().swing(), 1e-12);
        assertEquals(0.5, grid(robot).getSwing(), 1e-12, "the grid draws the swung off-beats");
        Path file = tmp.resolve("swung.mid");
        dialogs.next.set(file);
        robot.clickOn("File").clickOn("Export MIDI…");
        WaitForAsyncUtils.waitForFxEvents();
        byte[] written = Files.readAllBytes(file);
        assertArrayEquals(MidiFiles.toBytes(session().exportGroove(), 0.5), written, "exported with swing");
        assertFalse(java.util.Arrays.equals(MidiFiles.toBytes(session().exportGroove(), 0), written));
    }

    /** Fills A with the groove on the grid, generates another and fills B with it. */
    private static void fillAB(FxRobot robot, StudioVariationsWindowTest t) throws Exception {
        robot.clickOn("#fillAButton");
        robot.clickOn("#generateButton");
        t.settle();
        robot.clickOn("#fillBButton");
    }

    @Test
    void theABPathExportsAsClipsAndAsOneLongFile(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#exportClipsButton").queryButton().isDisabled(), "no A and B yet");
        robot.interact(() -> robot.lookup("#sideScroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0));
        fillAB(robot, this);
        Groove a = session().slot(0).groove();
        Groove b = session().slot(1).groove();
        robot.interact(() -> robot.lookup("#sideScroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#abStepsSpinner .decrement-arrow-button"); // 8 -> 4 steps
        }
        Path dir = Files.createDirectory(tmp.resolve("clips"));
        dialogs.next.set(dir);
        robot.clickOn("#exportClipsButton");
        settle();
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "one clip per step");
        }
        Groove first = MidiFiles.readGrooves(dir.resolve(StudioSession.clipName(0, 4)), ReadOptions.userImport()).get(0);
        Groove last = MidiFiles.readGrooves(dir.resolve(StudioSession.clipName(3, 4)), ReadOptions.userImport()).get(0);
        assertEquals(a.hitCount(), first.hitCount(), "the path starts at A");
        assertEquals(b.hitCount(), last.hitCount(), "and ends at B");

        Path one = tmp.resolve("path.mid");
        dialogs.next.set(one);
        robot.clickOn("#exportPathButton");
        settle();
        List<Groove> sections = MidiFiles.readGrooves(one, ReadOptions.userImport());
        assertEquals(4, sections.size(), "one 4-bar section per step");
        assertEquals(a.hitCount(), sections.get(0).hitCount());
        assertEquals(b.hitCount(), sections.get(3).hitCount());
        assertTrue(text(robot, "#statusDecode").startsWith("Exported 4 steps"), text(robot, "#statusDecode"));
    }
}
