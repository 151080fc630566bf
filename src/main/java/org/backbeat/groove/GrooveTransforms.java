package org.backbeat.groove;

import java.util.List;

/**
 * GrooVAE's inverse sequence transformations: what the encoder of a <em>humanize</em> (Magenta
 * Studio's Groove) or a <em>drumify</em> (tap2drum) model sees, as Magenta.js 1.23.1's
 * {@code GrooveConverter} computes it ({@code ../shared/fixtures/magenta-groovae/transforms.json}
 * is the spec). The decoder of such a model always predicts the full groove; only its encoder
 * input changes, so these are the whole difference between the three tasks.
 *
 * <ul>
 *   <li>{@link #humanizeInput}: the hits as they are, every velocity and offset 0 (the quantized
 *       pattern a step sequencer would give).</li>
 *   <li>{@link #tapify}: one channel of taps: at every step with any note, a hit in channel 3 (the
 *       open hi-hat slot, Magenta's {@code TAPIFY_CHANNEL}) with velocity 0 (Magenta's
 *       {@code fixed_velocities}) and the offset of the loudest note of that step.</li>
 * </ul>
 *
 * <p>Each comes in three forms that compute the same thing: on a {@link Groove}, in place on the
 * trainer's flat tensors (no allocation per window), and, for tapify, on raw notes of any pitch
 * (Magenta.js reads every note of the sequence, not only drum notes, so a bass line drumifies).
 */
public final class GrooveTransforms {

    /** The channel every tap goes to: the open hi-hat slot in tensor order. */
    public static final int TAP_CHANNEL = DrumClass.OPEN_HIHAT.ordinal();

    /**
     * Reading MIDI for tapify: every pitch is a note of the tap channel, so a file read with it (all
     * channels) keeps the loudest note of each step whatever its pitch, as Magenta.js' tapify does.
     */
    public static final DrumMapping TAPS = tapMapping();

    private static DrumMapping tapMapping() {
        int[][] pitches = new int[Groove.CLASSES][0];
        pitches[TAP_CHANNEL] = java.util.stream.IntStream.range(0, 128).toArray();
        return DrumMapping.of("taps", pitches);
    }

    /**
     * {@code g} with no hit before its first beat: an early hit (negative offset) on step 0 is put on
     * the grid. A model may play the first downbeat early, which a file or a loop cannot start
     * before (Magenta Studio issue #5).
     */
    public static Groove noHitBeforeTheFirstBeat(Groove g) {
        Groove out = g;
        for (int c = 0; c < Groove.CLASSES; c++) {
            if (g.hit(0, c) && g.offset(0, c) < 0) {
                out = out.withCell(0, c, true, g.velocity(0, c), 0f);
            }
        }
        return out;
    }

    private static final int C = Groove.CLASSES;
    private static final int F = Groove.FEATURES;
    private static final int WINDOW = Groove.STEPS * F;

    private GrooveTransforms() {
    }

    /** The hits of {@code g}, every velocity and offset 0, at its tempo. */
    public static Groove humanizeInput(Groove g) {
        float[] t = new float[WINDOW];
        g.toTensor(t, 0);
        humanizeInPlace(t, 0);
        return fromFlat(t, g.qpm());
    }

    /**
     * The taps of {@code g}: a hit in {@link #TAP_CHANNEL} at every step with a hit, velocity 0,
     * the offset of that step's loudest hit. Where two classes tie for loudest the lower class
     * wins (a groove keeps no note order; Magenta.js takes the first note, which for grooves read
     * from a file is usually the same).
     */
    public static Groove tapify(Groove g) {
        float[] t = new float[WINDOW];
        g.toTensor(t, 0);
        tapifyInPlace(t, 0);
        return fromFlat(t, g.qpm());
    }

    /** {@link #humanizeInput} on the 64 x 27 window at {@code from} of a flat tensor array. */
    public static void humanizeInPlace(float[] tensor, int from) {
        for (int s = 0; s < Groove.STEPS; s++) {
            int row = from + s * F;
            for (int c = C; c < F; c++) {
                tensor[row + c] = 0f;
            }
        }
    }

    /** {@link #tapify(Groove)} on the 64 x 27 window at {@code from} of a flat tensor array. */
    public static void tapifyInPlace(float[] tensor, int from) {
        for (int s = 0; s < Groove.STEPS; s++) {
            int row = from + s * F;
            int loudest = -1;
            for (int c = 0; c < C; c++) {
                if (tensor[row + c] > 0.5f && (loudest < 0 || tensor[row + C + c] > tensor[row + C + loudest])) {
                    loudest = c;
                }
            }
            float offset = loudest < 0 ? 0f : tensor[row + 2 * C + loudest];
            java.util.Arrays.fill(tensor, row, row + F, 0f);
            if (loudest >= 0) {
                tensor[row + TAP_CHANNEL] = 1f;
                tensor[row + 2 * C + TAP_CHANNEL] = offset;
            }
        }
    }

    /**
     * A note as Magenta.js' converter reads it: start in seconds from the window's start, MIDI
     * velocity; the pitch does not matter to tapify.
     */
    public record Onset(double startSeconds, int velocity) {
    }

    /**
     * Magenta.js' {@code GrooveConverter({tapify: true}).toTensor} on notes of any pitch, number
     * for number: a note's step is {@code floor(start * 4 * qpm / 60 + 0.5)}, its offset
     * {@code 2 * (step * stepLength - start) / stepLength} in float64 (Magenta's tensor
     * convention), the loudest note of a step wins (the first in {@code notes} order on a tie).
     * Notes outside the 64 steps are left out (Magenta.js throws for them; a caller cuts windows
     * first).
     */
    public static Groove tapify(List<Onset> notes, double qpm) {
        double stepLength = 60.0 / qpm / 4.0;
        double stepsPerSecond = 4.0 * qpm / 60.0;
        float[] t = new float[WINDOW];
        int[] best = new int[Groove.STEPS];
        for (Onset n : notes) {
            long s = (long) Math.floor(n.startSeconds() * stepsPerSecond + 0.5);
            if (s < 0 || s >= Groove.STEPS) {
                continue;
            }
            int step = (int) s;
            if (n.velocity() > best[step]) {
                best[step] = n.velocity();
                int row = step * F;
                t[row + TAP_CHANNEL] = 1f;
                t[row + 2 * C + TAP_CHANNEL] = (float) (2 * (step * stepLength - n.startSeconds()) / stepLength);
            }
        }
        return fromFlat(t, qpm);
    }

    private static Groove fromFlat(float[] t, double qpm) {
        float[][] rows = new float[Groove.STEPS][];
        for (int s = 0; s < Groove.STEPS; s++) {
            rows[s] = java.util.Arrays.copyOfRange(t, s * F, (s + 1) * F);
        }
        return Groove.fromTensor(rows, qpm);
    }
}
