package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.css.CssMetaData;
import javafx.css.StyleOrigin;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.studio.GridLayout;
import org.backbeat.studio.Lanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The drum grid on its own, with the studio's style sheet: the skin paints with the colours the
 * style sheet gives it (and only those), and the behaviour's gestures edit the groove as the studio
 * relies on: one {@link GrooveEditEvent} per gesture, lane boxes and bar numbers answered, a
 * thumbnail inert.
 */
@ExtendWith(ApplicationExtension.class)
class DrumGridTest {

    private DrumGrid grid;
    private final List<GrooveEditEvent> edits = new ArrayList<>();
    private final List<GridLayout.LaneToggle> toggles = new ArrayList<>();

    @Start
    void start(Stage stage) {
        grid = new DrumGrid();
        grid.setOnGrooveEdited(edits::add);
        grid.setOnLaneToggled(toggles::add);
        StackPane root = new StackPane(grid);
        Scene scene = new Scene(root, GridLayout.LABEL_WIDTH + 64 * 12, GridLayout.RULER_HEIGHT + 9 * 28);
        scene.getStylesheets().add(DrumGridTest.class.getResource("/styles/studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get();
    }

    /** The colour the grid shows at (x, y) of its content area. */
    private Color pixel(double x, double y) throws Exception {
        return fx(() -> grid.snapshot(null, null).getPixelReader().getColor((int) x, (int) y));
    }

    private static void assertColor(Color expected, Color actual, String what) {
        double d = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
            + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(d < 3 / 255.0, what + ": expected " + expected + ", got " + actual);
    }

    private Point2D cell(FxRobot robot, int step, int cls) {
        GridLayout l = grid.gridLayout();
        return robot.point(grid).atPosition(Pos.TOP_LEFT)
            .atOffset(new Point2D(l.stepX(step) + l.cellWidth() / 2, l.rowY(cls) + l.rowHeight() / 2)).query();
    }

    @Test
    void everyColourOfTheSkinComesFromTheStyleSheet() throws Exception {
        assertInstanceOf(DrumGridSkin.class, grid.getSkin());
        for (CssMetaData<? extends Styleable, ?> m : DrumGridSkin.getClassCssMetaData()) {
            if (!m.getProperty().startsWith("-bb-")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            CssMetaData<DrumGrid, ?> meta = (CssMetaData<DrumGrid, ?>) m;
            StyleableProperty<?> p = meta.getStyleableProperty(grid);
            assertEquals(StyleOrigin.AUTHOR, p.getStyleOrigin(), m.getProperty() + " is set by studio.css");
        }
    }

    @Test
    void theSkinPaintsWithTheStyleSheetsColours() throws Exception {
        GridLayout l = fx(() -> grid.gridLayout());
        int step = 6;
        int kick = 0;
        fx(() -> grid.setGroove(Groove.empty(Groove.DEFAULT_QPM).withCell(step, kick, true, 1f, 0f)));
        double hitX = l.stepX(step) + l.cellWidth() / 2;
        double hitY = l.rowY(kick) + l.rowHeight() / 2;
        double labelX = 4;
        double labelY = l.rowY(4) + 2;
        assertColor(Color.web("#15171c"), pixel(labelX, labelY), "the label column: -bb-background");
        assertColor(Color.web("#ff6b5b"), pixel(hitX, hitY), "a full-velocity kick: -bb-lane-kick");
        assertColor(Color.web("#1f2229"), pixel(l.stepX(2) + 1, 1), "the ruler: -bb-ruler");

        fx(() -> {
            grid.setStyle("-bb-background: #102030; -bb-lane-kick: #00ff00; -bb-ruler: #ff00ff;");
            grid.applyCss();
        });
        assertColor(Color.web("#102030"), pixel(labelX, labelY), "restyled background");
        assertColor(Color.web("#00ff00"), pixel(hitX, hitY), "restyled kick");
        assertColor(Color.web("#ff00ff"), pixel(l.stepX(2) + 1, 1), "restyled ruler");
        fx(() -> grid.setStyle(""));
    }

    @Test
    void aClickAddsAHitAndASecondRemovesItEachOneEdit(FxRobot robot) throws Exception {
        Groove empty = Groove.empty(Groove.DEFAULT_QPM);
        fx(() -> grid.setGroove(empty));
        robot.clickOn(cell(robot, 10, 2));
        assertTrue(grid.getGroove().hit(10, 2));
        assertEquals(DrumGridBehavior.NEW_HIT_VELOCITY, grid.getGroove().velocity(10, 2));
        assertEquals(0f, grid.getGroove().offset(10, 2));
        assertEquals(1, edits.size(), "one edit for one click");
        assertEquals(empty, edits.get(0).before());
        assertEquals(grid.getGroove(), edits.get(0).after());

        robot.clickOn(cell(robot, 10, 2));
        assertFalse(grid.getGroove().hit(10, 2), "a click on a hit removes it");
        assertEquals(2, edits.size());
        assertEquals(empty, grid.getGroove());
    }

    @Test
    void aDragSetsVelocityOrWithAltTimingAsOneEditWithAReadout(FxRobot robot) throws Exception {
        Groove start = Groove.empty(Groove.DEFAULT_QPM).withCell(20, 3, true, 0.5f, 0f);
        fx(() -> grid.setGroove(start));
        robot.drag(cell(robot, 20, 3), MouseButton.PRIMARY).moveBy(0, -24);
        WaitForAsyncUtils.waitForFxEvents();
        float louder = grid.getGroove().velocity(20, 3);
        assertEquals(GridLayout.dragVelocity(0.5f, -24), louder, 1e-6, "120 px of drag is the whole range");
        assertEquals("velocity " + Math.round(louder * 127), grid.getReadout());
        assertTrue(edits.isEmpty(), "nothing is committed while the mouse is down");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", grid.getReadout());
        assertEquals(1, edits.size(), "the drag is one edit");
        assertEquals(start, edits.get(0).before());
        assertTrue(grid.getGroove().hit(20, 3), "a drag never removes the hit");

        Groove loud = grid.getGroove();
        double cw = fx(() -> grid.gridLayout().cellWidth());
        robot.press(KeyCode.ALT);
        robot.drag(cell(robot, 20, 3), MouseButton.PRIMARY).moveBy(cw / 4, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(grid.getReadout().startsWith("timing +0.2"), grid.getReadout());
        robot.release(MouseButton.PRIMARY).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(loud.velocity(20, 3), grid.getGroove().velocity(20, 3), "Alt-drag keeps the velocity");
        assertEquals(0.25f, grid.getGroove().offset(20, 3), 0.03f);
        assertEquals(2, edits.size());
    }

    @Test
    void laneBoxesAndBarNumbersAnswerEvenWhenNotEditable(FxRobot robot) throws Exception {
        fx(() -> grid.setEditable(false));
        GridLayout l = fx(() -> grid.gridLayout());
        double s = GridLayout.TOGGLE_SIZE / 2;
        robot.clickOn(robot.point(grid).atPosition(Pos.TOP_LEFT)
            .atOffset(new Point2D(l.toggleX(Lanes.Toggle.MUTE) + s, l.toggleY(5) + s)));
        assertEquals(List.of(new GridLayout.LaneToggle(Lanes.Toggle.MUTE, 5)), toggles);

        Point2D bar3 = robot.point(grid).atPosition(Pos.TOP_LEFT)
            .atOffset(new Point2D(l.stepX(2 * Groove.STEPS_PER_BAR) + 4, l.rulerHeight() / 2)).query();
        robot.clickOn(bar3);
        assertEquals(2, grid.getSelectedBar());
        robot.clickOn(bar3);
        assertEquals(-1, grid.getSelectedBar(), "a second click clears the choice");

        Groove before = grid.getGroove();
        robot.clickOn(cell(robot, 1, 1));
        assertEquals(before, grid.getGroove(), "not editable: a cell click changes nothing");
        assertTrue(edits.isEmpty());
        fx(() -> grid.setEditable(true));
    }

    @Test
    void aThumbnailTakesNoGesturesAndLetsTheClickThrough(FxRobot robot) throws Exception {
        List<Object> clicks = new ArrayList<>();
        fx(() -> {
            grid.setCompact(true);
            grid.setEditable(false);
            grid.setOnMouseClicked(clicks::add);
            grid.setGroove(Groove.empty(Groove.DEFAULT_QPM));
        });
        WaitForAsyncUtils.waitForFxEvents();
        GridLayout l = fx(() -> grid.gridLayout());
        assertEquals(0, l.labelWidth(), "no label column");
        assertEquals(0, l.rulerHeight(), "no ruler");
        robot.clickOn(cell(robot, 0, 8));
        assertEquals(Groove.empty(Groove.DEFAULT_QPM), grid.getGroove());
        assertEquals(1, clicks.size(), "the owner (the history strip) gets the click");
        assertTrue(toggles.isEmpty());
        assertEquals(-1, grid.getSelectedBar());
    }

    @Test
    void aPressMovesTheKeyboardToTheGridButTabSkipsIt(FxRobot robot) throws Exception {
        assertFalse(grid.isFocusTraversable(), "as when it was a plain region");
        robot.clickOn(cell(robot, 30, 4));
        assertTrue(grid.isFocused());
    }

    @Test
    void aReplacedSkinLeavesNoGestureBehind(FxRobot robot) throws Exception {
        fx(() -> {
            grid.setGroove(Groove.empty(Groove.DEFAULT_QPM));
            grid.setSkin(new javafx.scene.control.SkinBase<DrumGrid>(grid) { });
        });
        robot.clickOn(robot.point(grid).atPosition(Pos.TOP_LEFT)
            .atOffset(new Point2D(GridLayout.LABEL_WIDTH + 20, 60)));
        assertEquals(Groove.empty(Groove.DEFAULT_QPM), grid.getGroove(), "the old behaviour's handlers are gone");
        assertTrue(edits.isEmpty());
    }
}
