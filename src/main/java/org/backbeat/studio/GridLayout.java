package org.backbeat.studio;

import org.backbeat.groove.Groove;

/**
 * Geometry of the drum grid: a label column on the left, then 64 step columns and 9 rows, kick at
 * the bottom as on a drum machine's lanes... kept free of JavaFX so hit-testing and the
 * mouse-gesture arithmetic are unit-tested.
 *
 * @param width       total width in pixels
 * @param height      total height in pixels
 * @param labelWidth  width of the row-label column
 * @param rulerHeight height of the bar/beat ruler above the lanes (0 for none)
 */
public record GridLayout(double width, double height, double labelWidth, double rulerHeight) {

    /** Pixels of vertical drag that move a velocity from 0 to 1. */
    public static final double VELOCITY_DRAG_PIXELS = 120;

    /** The full grid's label column: a lane's colour, its name and its lock, mute and solo boxes. */
    public static final double LABEL_WIDTH = 156;

    /** The full grid's bar/beat ruler above the lanes. */
    public static final double RULER_HEIGHT = 18;

    /** The full grid's layout at {@code width} x {@code height}, or a thumbnail's (no labels, no ruler). */
    public static GridLayout of(double width, double height, boolean compact) {
        return compact ? new GridLayout(width, height, 0) : new GridLayout(width, height, LABEL_WIDTH, RULER_HEIGHT);
    }

    /** A grid without a ruler (thumbnails). */
    public GridLayout(double width, double height, double labelWidth) {
        this(width, height, labelWidth, 0);
    }

    /**
     * The ruler's label at {@code step}: the bar number ("1".."4") on a bar's first step, bar and
     * beat ("2.3") on the other beats, null between beats.
     */
    public static String rulerLabel(int step) {
        if (step < 0 || step >= Groove.STEPS || step % 4 != 0) {
            return null;
        }
        int bar = step / Groove.STEPS_PER_BAR + 1;
        int beat = step % Groove.STEPS_PER_BAR / 4 + 1;
        return beat == 1 ? Integer.toString(bar) : bar + "." + beat;
    }

    public double cellWidth() {
        return Math.max(1e-9, (width - labelWidth) / Groove.STEPS);
    }

    public double rowHeight() {
        return Math.max(1e-9, (height - rulerHeight) / Groove.CLASSES);
    }

    /** Row on screen of a drum class: row 0 at the top is the last class (ride), kick at the bottom. */
    public int rowOf(int drumClass) {
        return Groove.CLASSES - 1 - drumClass;
    }

    public int classAtRow(int row) {
        return Groove.CLASSES - 1 - row;
    }

    public double stepX(int step) {
        return labelWidth + step * cellWidth();
    }

    public double rowY(int drumClass) {
        return rulerHeight + rowOf(drumClass) * rowHeight();
    }

    /** Left edge of a hit drawn with its micro-timing: the grid line moved by offset steps. */
    public double hitX(int step, float offset) {
        return stepX(step) + offset * cellWidth();
    }

    /** The cell under a point, or null outside the step area. */
    public Cell cellAt(double x, double y) {
        if (x < labelWidth || x >= width || y < rulerHeight || y >= height) {
            return null;
        }
        int step = (int) Math.floor((x - labelWidth) / cellWidth());
        int row = (int) Math.floor((y - rulerHeight) / rowHeight());
        if (step < 0 || step >= Groove.STEPS || row < 0 || row >= Groove.CLASSES) {
            return null;
        }
        return new Cell(step, classAtRow(row));
    }

    /** Velocity after dragging {@code dy} pixels (up is louder) from {@code start}. */
    public static float dragVelocity(float start, double dy) {
        return (float) Blend.clamp(start - dy / VELOCITY_DRAG_PIXELS, 1 / 127.0, 1);
    }

    /** Offset after dragging {@code dx} pixels (right is later) from {@code start}, within half a step. */
    public float dragOffset(float start, double dx) {
        return (float) Blend.clamp(start + dx / cellWidth(), -0.5, 0.5);
    }

    /** Side of a lane's lock, mute and solo boxes, which sit at the right of the label column. */
    public static final double TOGGLE_SIZE = 16;
    private static final double TOGGLE_GAP = 2;

    /** Left edge of {@code toggle}'s box in every lane; NaN when the label column has no room. */
    public double toggleX(Lanes.Toggle toggle) {
        int fromRight = Lanes.Toggle.values().length - toggle.ordinal();
        double x = labelWidth - fromRight * (TOGGLE_SIZE + TOGGLE_GAP);
        return x < 0 || labelWidth < 4 * (TOGGLE_SIZE + TOGGLE_GAP) ? Double.NaN : x;
    }

    /** Top edge of the toggle boxes of {@code drumClass}'s lane (centred in the row). */
    public double toggleY(int drumClass) {
        return rowY(drumClass) + (rowHeight() - TOGGLE_SIZE) / 2;
    }

    /** The lane toggle under a point, or null. */
    public LaneToggle toggleAt(double x, double y) {
        if (y < rulerHeight || y >= height || x >= labelWidth) {
            return null;
        }
        int drumClass = classAtRow((int) Math.floor((y - rulerHeight) / rowHeight()));
        if (drumClass < 0 || drumClass >= Groove.CLASSES) {
            return null;
        }
        for (Lanes.Toggle t : Lanes.Toggle.values()) {
            double tx = toggleX(t);
            double ty = toggleY(drumClass);
            if (x >= tx && x < tx + TOGGLE_SIZE && y >= ty && y < ty + TOGGLE_SIZE) {
                return new LaneToggle(t, drumClass);
            }
        }
        return null;
    }

    /** The bar (0-3) whose part of the ruler is under a point, or -1. */
    public int barAt(double x, double y) {
        if (rulerHeight <= 0 || y < 0 || y >= rulerHeight || x < labelWidth || x >= width) {
            return -1;
        }
        int step = (int) Math.floor((x - labelWidth) / cellWidth());
        return step < 0 || step >= Groove.STEPS ? -1 : step / Groove.STEPS_PER_BAR;
    }

    /** One lane's lock, mute or solo box. */
    public record LaneToggle(Lanes.Toggle toggle, int drumClass) {
    }

    /** One cell of the grid. */
    public record Cell(int step, int drumClass) {
    }
}
