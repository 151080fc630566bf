package org.backbeat.groove;

import java.util.Arrays;

/**
 * Four bars of 4/4 drums at 16 steps per bar: 64 steps x 9 {@link DrumClass}es, each cell holding a
 * hit, a velocity in [0, 1] (MIDI velocity / 127) and a micro-timing offset, plus the tempo the
 * groove was played at.
 *
 * <p>Offsets are fractions of a step, positive = played late (after the grid line), in
 * [-0.5, 0.5]. Magenta's tensors use the opposite sign and twice the scale
 * ({@code 2 * (grid - played) / step}, positive = early); {@link #toTensor()} and
 * {@link #fromTensor(float[][], double)} convert. Cells without a hit always hold velocity 0 and
 * offset 0, so two grooves with the same music are equal.
 *
 * <p>Immutable: every "with" method returns a new groove.
 */
public final class Groove {

    public static final int STEPS_PER_BAR = 16;
    public static final int BARS = 4;
    public static final int STEPS = STEPS_PER_BAR * BARS;
    public static final int CLASSES = DrumClass.COUNT;
    /** Features per step in the tensor layout {@code [9 hits | 9 velocities | 9 offsets]}. */
    public static final int FEATURES = 3 * CLASSES;
    public static final double DEFAULT_QPM = 120.0;

    private final boolean[] hits;
    private final float[] velocities;
    private final float[] offsets;
    private final double qpm;

    private Groove(boolean[] hits, float[] velocities, float[] offsets, double qpm) {
        if (!(qpm > 0) || Double.isInfinite(qpm)) {
            throw new IllegalArgumentException("tempo must be a positive number of quarter notes per minute: " + qpm);
        }
        this.hits = hits;
        this.velocities = velocities;
        this.offsets = offsets;
        this.qpm = qpm;
        for (int i = 0; i < hits.length; i++) {
            if (!hits[i]) {
                velocities[i] = 0f;
                offsets[i] = 0f;
            } else {
                velocities[i] = clamp(velocities[i], 0f, 1f);
                offsets[i] = clamp(offsets[i], -0.5f, 0.5f);
            }
        }
    }

    /** A groove with no hits. */
    public static Groove empty(double qpm) {
        return new Groove(new boolean[STEPS * CLASSES], new float[STEPS * CLASSES], new float[STEPS * CLASSES], qpm);
    }

    /**
     * Builds a groove from arrays indexed {@code [step][class]}. Velocities are clamped to [0, 1],
     * offsets to [-0.5, 0.5]; cells without a hit are cleared.
     */
    public static Groove of(boolean[][] hits, float[][] velocities, float[][] offsets, double qpm) {
        checkShape(hits.length, velocities.length, offsets.length);
        boolean[] h = new boolean[STEPS * CLASSES];
        float[] v = new float[STEPS * CLASSES];
        float[] o = new float[STEPS * CLASSES];
        for (int s = 0; s < STEPS; s++) {
            if (hits[s].length != CLASSES || velocities[s].length != CLASSES || offsets[s].length != CLASSES) {
                throw new IllegalArgumentException("groove arrays must be " + STEPS + " x " + CLASSES);
            }
            for (int c = 0; c < CLASSES; c++) {
                h[s * CLASSES + c] = hits[s][c];
                v[s * CLASSES + c] = velocities[s][c];
                o[s * CLASSES + c] = offsets[s][c];
            }
        }
        return new Groove(h, v, o, qpm);
    }

    /**
     * Reads a 64 x 27 tensor in Magenta's layout. A hit is a value above 0.5; velocities are taken
     * as they are; offsets are converted from Magenta's convention (positive = early, units of half
     * a step) to Backbeat's (positive = late, units of a step).
     */
    public static Groove fromTensor(float[][] tensor, double qpm) {
        if (tensor.length != STEPS) {
            throw new IllegalArgumentException("tensor needs " + STEPS + " steps, got " + tensor.length);
        }
        boolean[] h = new boolean[STEPS * CLASSES];
        float[] v = new float[STEPS * CLASSES];
        float[] o = new float[STEPS * CLASSES];
        for (int s = 0; s < STEPS; s++) {
            if (tensor[s].length != FEATURES) {
                throw new IllegalArgumentException("tensor step needs " + FEATURES + " features, got " + tensor[s].length);
            }
            for (int c = 0; c < CLASSES; c++) {
                int i = s * CLASSES + c;
                h[i] = tensor[s][c] > 0.5f;
                v[i] = tensor[s][CLASSES + c];
                o[i] = -tensor[s][2 * CLASSES + c] / 2f;
            }
        }
        return new Groove(h, v, o, qpm);
    }

    /** The 64 x 27 tensor in Magenta's layout and offset convention (see class comment). */
    public float[][] toTensor() {
        float[][] t = new float[STEPS][FEATURES];
        for (int s = 0; s < STEPS; s++) {
            writeStep(s, t[s], 0);
        }
        return t;
    }

    /** Writes this groove's tensor row-major into {@code dst} at {@code from} (64 * 27 floats). */
    public void toTensor(float[] dst, int from) {
        for (int s = 0; s < STEPS; s++) {
            writeStep(s, dst, from + s * FEATURES);
        }
    }

    private void writeStep(int s, float[] row, int at) {
        for (int c = 0; c < CLASSES; c++) {
            int i = s * CLASSES + c;
            if (hits[i]) {
                row[at + c] = 1f;
                row[at + CLASSES + c] = velocities[i];
                row[at + 2 * CLASSES + c] = -2f * offsets[i];
            }
        }
    }

    public boolean hit(int step, int drumClass) {
        return hits[index(step, drumClass)];
    }

    public boolean hit(int step, DrumClass drumClass) {
        return hit(step, drumClass.ordinal());
    }

    /** Velocity in [0, 1]; 0 where there is no hit. */
    public float velocity(int step, int drumClass) {
        return velocities[index(step, drumClass)];
    }

    /** Offset in steps, positive = late, in [-0.5, 0.5]; 0 where there is no hit. */
    public float offset(int step, int drumClass) {
        return offsets[index(step, drumClass)];
    }

    /** Tempo in quarter notes per minute. */
    public double qpm() {
        return qpm;
    }

    /** Seconds per 16th step at this groove's tempo. */
    public double stepSeconds() {
        return 60.0 / qpm / 4.0;
    }

    public int hitCount() {
        int n = 0;
        for (boolean h : hits) {
            if (h) {
                n++;
            }
        }
        return n;
    }

    public int hitCount(int drumClass) {
        int n = 0;
        for (int s = 0; s < STEPS; s++) {
            if (hits[s * CLASSES + drumClass]) {
                n++;
            }
        }
        return n;
    }

    public boolean isEmpty() {
        return hitCount() == 0;
    }

    /** This groove with one cell set; velocity and offset are ignored when {@code hit} is false. */
    public Groove withCell(int step, int drumClass, boolean hit, float velocity, float offset) {
        int i = index(step, drumClass);
        boolean[] h = hits.clone();
        float[] v = velocities.clone();
        float[] o = offsets.clone();
        h[i] = hit;
        v[i] = velocity;
        o[i] = offset;
        return new Groove(h, v, o, qpm);
    }

    /** This groove with a hit added (default velocity, on the grid) or removed. */
    public Groove toggled(int step, int drumClass, float velocityIfAdded) {
        boolean on = !hit(step, drumClass);
        return withCell(step, drumClass, on, velocityIfAdded, 0f);
    }

    public Groove withQpm(double newQpm) {
        return new Groove(hits.clone(), velocities.clone(), offsets.clone(), newQpm);
    }

    private static int index(int step, int drumClass) {
        if (step < 0 || step >= STEPS || drumClass < 0 || drumClass >= CLASSES) {
            throw new IndexOutOfBoundsException("cell (" + step + ", " + drumClass + ") is outside 64 x 9");
        }
        return step * CLASSES + drumClass;
    }

    private static void checkShape(int a, int b, int c) {
        if (a != STEPS || b != STEPS || c != STEPS) {
            throw new IllegalArgumentException("groove arrays must be " + STEPS + " x " + CLASSES);
        }
    }

    private static float clamp(float x, float lo, float hi) {
        if (Float.isNaN(x)) {
            return 0f;
        }
        return Math.max(lo, Math.min(hi, x));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Groove g && qpm == g.qpm && Arrays.equals(hits, g.hits)
            && Arrays.equals(velocities, g.velocities) && Arrays.equals(offsets, g.offsets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(hits) + Arrays.hashCode(velocities)) + Double.hashCode(qpm);
    }

    @Override
    public String toString() {
        return "Groove[" + hitCount() + " hits, " + qpm + " qpm]";
    }
}
