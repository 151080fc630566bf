package org.backbeat.groove;

/**
 * Swing: the off-beat 16ths (odd steps) sound later by {@code amount} of a 16th note, on top of
 * the groove's own micro-timing. 0 is straight, 1/3 the triplet feel (the off-beat at two thirds of
 * its 8th note), {@link #MAX} a hard shuffle. Applied when a groove sounds or is written, never
 * stored in it, so the model's micro-timing stays what the model made.
 */
public final class Swing {

    /** Most swing: 75 % of a 16th. */
    public static final double MAX = 0.75;

    private Swing() {
    }

    /** {@code amount} if it is in [0, {@link #MAX}], else an IllegalArgumentException. */
    public static double check(double amount) {
        if (!(amount >= 0 && amount <= MAX)) {
            throw new IllegalArgumentException("swing must be 0-" + Math.round(MAX * 100) + " %, got " + amount);
        }
        return amount;
    }

    /** How many steps later than its grid line step {@code step}'s hits sound. */
    public static double delaySteps(int step, double amount) {
        return step % 2 == 1 ? amount : 0;
    }
}
