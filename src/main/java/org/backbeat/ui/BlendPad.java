package org.backbeat.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A square pad with a puck, in the spirit of Beat Blender: the four corners hold grooves and the
 * puck's position (x to the right, y downwards, both 0..1) says how much of each to blend.
 * Pressing or dragging anywhere on an enabled pad moves the puck there. Corner names are shown in
 * the corners.
 *
 * <p>The control is its properties; {@link BlendPadSkin} draws it (colours from the
 * {@code blend-pad} style class in {@code styles/studio.css}) and {@link BlendPadBehavior} moves
 * the puck.
 */
public class BlendPad extends Control {

    private final DoubleProperty puckX = new SimpleDoubleProperty(this, "puckX", 0.5);
    private final DoubleProperty puckY = new SimpleDoubleProperty(this, "puckY", 0.5);
    private final ObservableList<String> cornerNames =
        FXCollections.observableArrayList("1", "2", "3", "4");

    public BlendPad() {
        getStyleClass().add("blend-pad");
        setFocusTraversable(false); // as when it was a plain region: Tab skips it, it is played with the mouse
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new BlendPadSkin(this);
    }

    /** The puck's horizontal position, 0 (left corners) to 1 (right corners). */
    public DoubleProperty puckXProperty() {
        return puckX;
    }

    public double getPuckX() {
        return puckX.get();
    }

    /** Moves the puck to {@code x}, clamped to 0..1. */
    public void setPuckX(double x) {
        puckX.set(clamp(x));
    }

    /** The puck's vertical position, 0 (top corners) to 1 (bottom corners). */
    public DoubleProperty puckYProperty() {
        return puckY;
    }

    public double getPuckY() {
        return puckY.get();
    }

    /** Moves the puck to {@code y}, clamped to 0..1. */
    public void setPuckY(double y) {
        puckY.set(clamp(y));
    }

    /** Names of the corners: top-left, top-right, bottom-left, bottom-right. */
    public ObservableList<String> getCornerNames() {
        return cornerNames;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
