package org.backbeat.model;

import java.util.SplittableRandom;
import org.backbeat.groove.Groove;

/**
 * How one decode turns hit probabilities into hits: at temperature 0 a hit is
 * {@code sigmoid(logit) > 0.5}; above 0, the hit of step t and class k is
 * {@code sigmoid(logit / temperature) > uniforms[t * 9 + k]}. Keeping a groove's sampling and
 * decoding a nearby z with it (the same uniform draws) changes only the hits whose probability
 * crossed their draw, so a small move in z is a small change in the groove.
 *
 * @param temperature 0 for the most likely hits, else the sampling temperature
 * @param uniforms    one draw in [0, 1) per step and class (null at temperature 0)
 */
public record Sampling(double temperature, double[] uniforms) {

    /** Draws per decode: one per step and class. */
    public static final int DRAWS = Groove.STEPS * Groove.CLASSES;

    private static final Sampling GREEDY = new Sampling(0, null);

    public Sampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (temperature > 0 && (uniforms == null || uniforms.length != DRAWS)) {
            throw new IllegalArgumentException("a sampling above temperature 0 needs " + DRAWS + " draws");
        }
        uniforms = temperature > 0 ? uniforms.clone() : null;
    }

    /** The most likely hits (temperature 0). */
    public static Sampling greedy() {
        return GREEDY;
    }

    /**
     * The sampling that {@code decode(List.of(z), temperature, seed, qpm)} uses: its draws, in the
     * order the decoder makes them.
     */
    public static Sampling seeded(double temperature, long seed) {
        return temperature <= 0 ? GREEDY : of(temperature, new SplittableRandom(seed).split());
    }

    /** The next {@link #DRAWS} draws of {@code r}, one per step and class in decoding order. */
    static Sampling of(double temperature, SplittableRandom r) {
        if (temperature <= 0) {
            return GREEDY;
        }
        double[] u = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            u[i] = r.nextDouble();
        }
        return new Sampling(temperature, u);
    }

    /**
     * The sampling that plays exactly the hits of {@code g}, whatever the logits: a draw below 0 for
     * each of its hits (every probability beats it), 1 elsewhere (none does). The decoder still
     * feeds back its own outputs, so velocities and timing follow the pattern it plays: how a
     * humanize model performs a pattern without changing it.
     */
    public static Sampling playing(Groove g) {
        double[] u = new double[DRAWS];
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                u[s * Groove.CLASSES + c] = g.hit(s, c) ? -1 : 1;
            }
        }
        return new Sampling(1, u);
    }

    /**
     * Whether the hit at (step, class) is given rather than drawn: {@link #playing} plays it whatever
     * the model's probability. The decoder then reads its velocity and offset as given a hit (see
     * {@code FastGrooveModel.givenHit}).
     */
    boolean given(int step, int cls) {
        return uniforms != null && uniforms[step * Groove.CLASSES + cls] < 0;
    }

    public boolean isGreedy() {
        return temperature <= 0;
    }

    /** The draw of step {@code step}, class {@code cls} (0.5 at temperature 0). */
    public double draw(int step, int cls) {
        return uniforms == null ? 0.5 : uniforms[step * Groove.CLASSES + cls];
    }

    /** Whether the hit with {@code logit} at (step, class) is played. */
    boolean hit(float logit, int step, int cls) {
        if (temperature <= 0) {
            return FastGrooveModel.sigmoid(logit) > 0.5f;
        }
        return FastGrooveModel.sigmoid((float) (logit / temperature)) > uniforms[step * Groove.CLASSES + cls];
    }

    @Override
    public double[] uniforms() {
        return uniforms == null ? null : uniforms.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sampling s && s.temperature == temperature && java.util.Arrays.equals(s.uniforms, uniforms);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(temperature) * 31 + java.util.Arrays.hashCode(uniforms);
    }

    @Override
    public String toString() {
        return isGreedy() ? "Sampling[greedy]" : String.format("Sampling[t %.2f]", temperature);
    }
}
