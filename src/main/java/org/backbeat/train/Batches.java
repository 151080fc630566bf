package org.backbeat.train;

import org.backbeat.groove.Groove;

/** Batch preparation shared by the trainer and the tests. */
final class Batches {

    private static final int STEP = Groove.FEATURES;
    private static final int WINDOW = Groove.STEPS * Groove.FEATURES;

    private Batches() {
    }

    /** Teacher forcing: step t's input is the target's step t-1; zeros at step 0. */
    static float[] shiftForTeacherForcing(float[] x, int batch) {
        float[] prev = new float[x.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, b * WINDOW, prev, b * WINDOW + STEP, WINDOW - STEP);
        }
        return prev;
    }
}
