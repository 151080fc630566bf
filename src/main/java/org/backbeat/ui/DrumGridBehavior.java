package org.backbeat.ui;

import javafx.event.EventHandler;
import javafx.scene.input.MouseEvent;
import org.backbeat.groove.Groove;
import org.backbeat.studio.GridLayout;

/**
 * The drum grid's gestures: a press on a lane's L, M or S box toggles it (through
 * {@link DrumGrid#getOnLaneToggled()}), on a bar number chooses that bar; on a cell, when editable,
 * it starts an edit: a click toggles the hit, a vertical drag sets its velocity, an Alt-drag its
 * timing (the arithmetic is {@link GridLayout}'s). The groove changes live; the release fires one
 * {@link GrooveEditEvent} from the groove before the press, so one gesture is one undo step.
 *
 * <p>Points are in the grid's content area (the skin's canvas), whatever the control's padding.
 */
final class DrumGridBehavior {

    /** The velocity of a hit added by a click. */
    static final float NEW_HIT_VELOCITY = 0.8f;
    /** Pixels a press may wander and still be a click. */
    static final double CLICK_SLOP = 3;

    private final DrumGrid grid;
    private final EventHandler<MouseEvent> focus = e -> focus();
    private final EventHandler<MouseEvent> pressed = this::pressed;
    private final EventHandler<MouseEvent> dragged = this::dragged;
    private final EventHandler<MouseEvent> released = this::released;
    private Gesture gesture;

    /**
     * One edit under way: the groove before it, the cell and point it started at, whether the cell
     * had a hit (a click without a drag then removes it), the hit's starting velocity and offset,
     * and whether the mouse has moved past {@link #CLICK_SLOP}.
     */
    record Gesture(Groove before, GridLayout.Cell cell, double x, double y, boolean hadHit, float velocity,
                   float offset, boolean moved) {
        Gesture movedTo() {
            return new Gesture(before, cell, x, y, hadHit, velocity, offset, true);
        }
    }

    DrumGridBehavior(DrumGrid grid) {
        this.grid = grid;
        grid.addEventHandler(MouseEvent.MOUSE_PRESSED, focus);
        grid.addEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        grid.addEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        grid.addEventHandler(MouseEvent.MOUSE_RELEASED, released);
    }

    /** Removes the handlers (the skin is being replaced). */
    void dispose() {
        grid.removeEventHandler(MouseEvent.MOUSE_PRESSED, focus);
        grid.removeEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        grid.removeEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        grid.removeEventHandler(MouseEvent.MOUSE_RELEASED, released);
    }

    /** The cell being edited, whose readout the skin draws beside it; null between gestures. */
    GridLayout.Cell activeCell() {
        return gesture == null ? null : gesture.cell();
    }

    /** A click on the grid takes the keyboard from a text field (the BPM field): G and Space are the studio's again. */
    private void focus() {
        grid.requestFocus();
    }

    private double x(MouseEvent e) {
        return e.getX() - grid.snappedLeftInset();
    }

    private double y(MouseEvent e) {
        return e.getY() - grid.snappedTopInset();
    }

    private void pressed(MouseEvent e) {
        if (e.isPrimaryButtonDown() && press(x(e), y(e))) {
            e.consume();
        }
    }

    private void dragged(MouseEvent e) {
        if (drag(x(e), y(e), e.isAltDown())) {
            e.consume();
        }
    }

    private void released(MouseEvent e) {
        if (release()) {
            e.consume();
        }
    }

    /** A primary-button press at (x, y); true when the grid took it. */
    boolean press(double x, double y) {
        if (grid.isCompact()) {
            return false;
        }
        GridLayout l = grid.gridLayout();
        GridLayout.LaneToggle toggle = l.toggleAt(x, y);
        if (toggle != null) {
            if (grid.getOnLaneToggled() != null) {
                grid.getOnLaneToggled().accept(toggle);
            }
            return true;
        }
        int bar = l.barAt(x, y);
        if (bar >= 0) {
            grid.setSelectedBar(bar == grid.getSelectedBar() ? -1 : bar);
            return true;
        }
        if (!grid.isEditable()) {
            return false;
        }
        GridLayout.Cell cell = l.cellAt(x, y);
        if (cell == null) {
            return false;
        }
        Groove g = grid.getGroove();
        boolean had = g.hit(cell.step(), cell.drumClass());
        float v = had ? g.velocity(cell.step(), cell.drumClass()) : NEW_HIT_VELOCITY;
        float o = had ? g.offset(cell.step(), cell.drumClass()) : 0f;
        gesture = new Gesture(g, cell, x, y, had, v, o, false);
        if (!had) {
            grid.setGroove(g.withCell(cell.step(), cell.drumClass(), true, v, o));
        }
        return true;
    }

    /** The mouse dragged to (x, y), with Alt down or not; true while a gesture is under way. */
    boolean drag(double x, double y, boolean alt) {
        if (gesture == null) {
            return false;
        }
        double dx = x - gesture.x();
        double dy = y - gesture.y();
        if (!gesture.moved() && Math.hypot(dx, dy) < CLICK_SLOP) {
            return false;
        }
        gesture = gesture.movedTo();
        GridLayout.Cell c = gesture.cell();
        float v = gesture.velocity();
        float o = gesture.offset();
        if (alt) {
            o = grid.gridLayout().dragOffset(o, dx);
            grid.setReadout(String.format("timing %+.2f step", o));
        } else {
            v = GridLayout.dragVelocity(v, dy);
            grid.setReadout("velocity " + Math.max(1, Math.round(v * 127)));
        }
        grid.setGroove(grid.getGroove().withCell(c.step(), c.drumClass(), true, v, o));
        return true;
    }

    /** The mouse released: ends the gesture, firing its edit if it changed the groove. */
    boolean release() {
        if (gesture == null) {
            return false;
        }
        Gesture done = gesture;
        gesture = null;
        grid.setReadout("");
        if (done.hadHit() && !done.moved()) {
            GridLayout.Cell c = done.cell();
            grid.setGroove(grid.getGroove().withCell(c.step(), c.drumClass(), false, 0, 0));
        }
        if (!grid.getGroove().equals(done.before())) {
            grid.fireEvent(new GrooveEditEvent(done.before(), grid.getGroove()));
        }
        return true;
    }
}
