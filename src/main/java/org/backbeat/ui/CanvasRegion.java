package org.backbeat.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A region that paints itself on one canvas filling its content area, and repaints when resized.
 * The drum grid and the blend pad are both drawn this way: thousands of cells as nodes would be
 * slow to lay out, one canvas is cheap to redraw at 60 fps.
 */
public abstract class CanvasRegion extends Region {

    protected final Canvas canvas = new Canvas();

    protected CanvasRegion() {
        getChildren().add(canvas);
    }

    /** Paints everything on {@link #canvas} at its current size. */
    protected abstract void draw();

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = snapSizeX(getWidth()) - x - snappedRightInset();
        double h = snapSizeY(getHeight()) - y - snappedBottomInset();
        canvas.relocate(x, y);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }
}
