package org.backbeat.model;

import org.backbeat.groove.Groove;

/**
 * Cells of a groove that a decode keeps exactly: at every step of the autoregressive decode, the
 * locked cells' hit, velocity and offset replace the model's own output before it is fed back as
 * the next step's input, so the model samples the other cells conditioned on the locked ones.
 * Locking whole lanes keeps a kick and snare while the model re-plays the hats; locking every cell
 * outside one bar re-rolls that bar and keeps the other three.
 *
 * @param reference the groove whose cells are kept
 * @param cells     locked cells, indexed {@code step * 9 + class}
 */
public record Lock(Groove reference, boolean[] cells) {

    public Lock {
        if (reference == null || cells == null || cells.length != Groove.STEPS * Groove.CLASSES) {
            throw new IllegalArgumentException("a lock needs a groove and 64 x 9 cells");
        }
        cells = cells.clone();
    }

    /** The whole lanes {@code lanes[class]} of {@code reference}. */
    public static Lock lanes(Groove reference, boolean[] lanes) {
        return new Lock(reference, mask(lanes, -1));
    }

    /**
     * Every cell outside bar {@code bar} (0-3), plus the whole {@code lanes} (may be null): a
     * decode with this lock re-rolls that bar's unlocked lanes and keeps everything else.
     */
    public static Lock allBut(Groove reference, int bar, boolean[] lanes) {
        if (bar < 0 || bar >= Groove.BARS) {
            throw new IllegalArgumentException("bar must be 0-" + (Groove.BARS - 1) + ", got " + bar);
        }
        return new Lock(reference, mask(lanes, bar));
    }

    private static boolean[] mask(boolean[] lanes, int freeBar) {
        if (lanes != null && lanes.length != Groove.CLASSES) {
            throw new IllegalArgumentException("lanes needs " + Groove.CLASSES + " values");
        }
        boolean[] m = new boolean[Groove.STEPS * Groove.CLASSES];
        for (int s = 0; s < Groove.STEPS; s++) {
            boolean outside = freeBar >= 0 && s / Groove.STEPS_PER_BAR != freeBar;
            for (int c = 0; c < Groove.CLASSES; c++) {
                m[s * Groove.CLASSES + c] = outside || (lanes != null && lanes[c]);
            }
        }
        return m;
    }

    /** Whether (step, class) is kept. */
    public boolean locked(int step, int cls) {
        return cells[step * Groove.CLASSES + cls];
    }

    /** Whether no cell is locked (the plain decode). */
    public boolean isEmpty() {
        for (boolean b : cells) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean[] cells() {
        return cells.clone();
    }
}
