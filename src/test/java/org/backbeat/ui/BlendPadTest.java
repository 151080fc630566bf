package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import javafx.css.CssMetaData;
import javafx.css.StyleOrigin;
import javafx.css.Styleable;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The blend pad on its own: the puck follows a press and a drag, stays on the pad, and is drawn in
 * the style sheet's colours.
 */
@ExtendWith(ApplicationExtension.class)
class BlendPadTest {

    private static final double W = 260;
    private static final double H = 180;
    private BlendPad pad;
    private int released;

    @Start
    void start(Stage stage) {
        pad = new BlendPad();
        pad.setOnMouseReleased(e -> released++);
        StackPane root = new StackPane(pad);
        pad.setMaxSize(W, H);
        Scene scene = new Scene(root, W, H);
        scene.getStylesheets().add(BlendPadTest.class.getResource("/styles/studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private Point2D at(FxRobot robot, double x, double y) {
        return robot.point(pad).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y)).query();
    }

    private Color pixel(double x, double y) throws Exception {
        return fx(() -> pad.snapshot(null, null).getPixelReader().getColor((int) x, (int) y));
    }

    @Test
    void aPressPutsThePuckThereAndADragKeepsItOnThePad(FxRobot robot) throws Exception {
        robot.clickOn(at(robot, W * 0.25, H * 0.75));
        assertEquals(0.25, pad.getPuckX(), 0.01);
        assertEquals(0.75, pad.getPuckY(), 0.01);
        assertEquals(1, released, "the owner hears the release that ends the gesture");

        robot.drag(at(robot, W * 0.5, H * 0.5), MouseButton.PRIMARY).moveBy(W, -H);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, pad.getPuckX(), 1e-9, "dragged past the right edge: clamped");
        assertEquals(0.0, pad.getPuckY(), 1e-9, "dragged past the top: clamped");
        robot.release(MouseButton.PRIMARY);
        assertEquals(2, released);
    }

    @Test
    void aDisabledPadKeepsItsPuck(FxRobot robot) throws Exception {
        fx(() -> {
            pad.setPuckX(0.5);
            pad.setPuckY(0.5);
            pad.setDisable(true);
            return null;
        });
        robot.clickOn(at(robot, 10, 10));
        assertEquals(0.5, pad.getPuckX());
        assertEquals(0.5, pad.getPuckY());
        fx(() -> {
            pad.setDisable(false);
            return null;
        });
    }

    @Test
    void itsColoursAreTheStyleSheets() throws Exception {
        assertInstanceOf(BlendPadSkin.class, pad.getSkin());
        for (CssMetaData<? extends Styleable, ?> m : BlendPadSkin.getClassCssMetaData()) {
            if (m.getProperty().startsWith("-bb-")) {
                @SuppressWarnings("unchecked")
                CssMetaData<BlendPad, ?> meta = (CssMetaData<BlendPad, ?>) m;
                assertEquals(StyleOrigin.AUTHOR, meta.getStyleableProperty(pad).getStyleOrigin(),
                    m.getProperty() + " is set by studio.css");
            }
        }
        fx(() -> {
            pad.setPuckX(0.25);
            pad.setPuckY(0.25);
            return null;
        });
        Color puck = pixel(W * 0.25, H * 0.25);
        assertTrue(puck.getRed() > 0.9 && puck.getGreen() > 0.9 && puck.getBlue() > 0.9, "a white puck: " + puck);
        fx(() -> {
            pad.setStyle("-bb-puck: #ff0000;");
            pad.applyCss();
            return null;
        });
        Color red = pixel(W * 0.25, H * 0.25);
        assertTrue(red.getRed() > 0.9 && red.getGreen() < 0.1 && red.getBlue() < 0.1, "restyled: " + red);
        fx(() -> {
            pad.setStyle("");
            return null;
        });
    }
}
