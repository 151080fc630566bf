package org.backbeat.ui;

import javafx.event.EventHandler;
import javafx.scene.input.MouseEvent;

/**
 * The blend pad's one gesture: a press or drag moves the puck under the mouse (the point's share
 * of the content area's width and height, clamped to the pad). The end of the gesture is the
 * release, which the owner listens to ({@code setOnMouseReleased}) to commit the blend.
 */
final class BlendPadBehavior {

    private final BlendPad pad;
    private final EventHandler<MouseEvent> moved = this::moved;

    BlendPadBehavior(BlendPad pad) {
        this.pad = pad;
        pad.addEventHandler(MouseEvent.MOUSE_PRESSED, moved);
        pad.addEventHandler(MouseEvent.MOUSE_DRAGGED, moved);
    }

    /** Removes the handlers (the skin is being replaced). */
    void dispose() {
        pad.removeEventHandler(MouseEvent.MOUSE_PRESSED, moved);
        pad.removeEventHandler(MouseEvent.MOUSE_DRAGGED, moved);
    }

    private void moved(MouseEvent e) {
        if (moveTo(e.getX() - pad.snappedLeftInset(), e.getY() - pad.snappedTopInset())) {
            e.consume();
        }
    }

    /** Moves the puck to the point (x, y) of the content area; false when the pad is off or has no size. */
    boolean moveTo(double x, double y) {
        double w = pad.snapSizeX(pad.getWidth()) - pad.snappedLeftInset() - pad.snappedRightInset();
        double h = pad.snapSizeY(pad.getHeight()) - pad.snappedTopInset() - pad.snappedBottomInset();
        if (pad.isDisabled() || w <= 0 || h <= 0) {
            return false;
        }
        pad.setPuckX(x / w);
        pad.setPuckY(y / h);
        return true;
    }
}
