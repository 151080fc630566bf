package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.Models;
import org.backbeat.model.Sampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21.1 with the shipped model: every latent tool starts from exactly the groove on the grid
 * and a 1 % move of a slider changes a few percent of its hits, at temperature 1.0 and 1.8.
 */
class LatentContinuityTest {

    /**
     * Share of a groove's hits a 1 % move changes: on average, and at worst (a small groove with a
     * few hits whose probability sits right at its draw). Measured with the shipped model: mean
     * ~1-2 %, worst ~9 % (4 of 42 hits); decoding from z at temperature 0, as before, changed
     * everything, and the same draws without the guide up to ~30 %.
     */
    static final double MEAN_CHANGED = 0.03;
    static final double MAX_CHANGED = 0.10;
    private static final int GROOVES = 6;

    private static GrooveModel model;
    private static StudioEngine engine;

    @BeforeAll
    static void load() throws Exception {
        Path shipped = Path.of("models", "default.bbm");
        model = Files.exists(shipped) ? Models.open(shipped) : null;
        if (model == null) {
            throw new IllegalStateException("models/default.bbm is part of the repository");
        }
        engine = new StudioEngine(model);
    }

    /** Cells whose hit differs, over the hits of {@code a}. */
    static double changed(Groove a, Groove b) {
        int diff = 0;
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                diff += a.hit(s, c) != b.hit(s, c) ? 1 : 0;
            }
        }
        return diff / (double) Math.max(1, a.hitCount());
    }

    @Test
    void aSeededSamplingIsTheDecodersOwnDraws() {
        float[] z = new float[model.zSize()];
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) r.nextGaussian();
        }
        for (double t : new double[] {0, 0.7, 1.8}) {
            Groove seeded = model.decode(List.of(z), t, 99, 120).get(0);
            Groove viaSampling = model.decode(List.of(z), List.of(Sampling.seeded(t, 99)), 120).get(0);
            assertEquals(seeded, viaSampling, "temperature " + t);
        }
    }

    @Test
    void mixedDrawsAreEachGroovesOwnAtItsEndAndUniformBetween() {
        Sampling a = Sampling.seeded(1.8, 1);
        Sampling b = Sampling.seeded(1.0, 2);
        Sampling atA = Blend.mix(List.of(a, b), new double[] {1, 0});
        assertArrayEquals(a.uniforms(), atA.uniforms(), 1e-6, "weight 1 is the groove's own draws");
        assertEquals(1.8, atA.temperature(), 1e-12);
        Sampling mid = Blend.mix(List.of(a, b), new double[] {0.5, 0.5});
        assertEquals(1.4, mid.temperature(), 1e-12);
        double mean = 0;
        for (double u : mid.uniforms()) {
            assertTrue(u >= 0 && u < 1);
            mean += u / Sampling.DRAWS;
        }
        assertEquals(0.5, mean, 0.05, "still uniform");
        Sampling near = Blend.mix(List.of(a, b), new double[] {0.99, 0.01});
        double moved = 0;
        for (int i = 0; i < Sampling.DRAWS; i++) {
            moved = Math.max(moved, Math.abs(near.uniforms()[i] - a.uniforms()[i]));
        }
        assertTrue(moved < 0.02, "a 1 % move moves every draw a little: " + moved);
        assertTrue(Blend.mix(List.of(Sampling.greedy(), Sampling.greedy()), new double[] {0.5, 0.5}).isGreedy());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.8})
    void aOnePercentMoveChangesAFewHitsAndTheEndsAreExact(double temperature) {
        double worstAB = 0;
        double worstPad = 0;
        double worstSteer = 0;
        java.util.List<Double> all = new java.util.ArrayList<>();
        for (int i = 0; i < GROOVES; i++) {
            StudioGroove a = engine.generate(temperature, 100 + i, 120);
            StudioGroove b = engine.generate(temperature, 200 + i, 120);
            StudioGroove c = engine.generate(temperature, 300 + i, 120);
            StudioGroove d = engine.generate(temperature, 400 + i, 120);
            assertEquals(a.groove(), engine.between(a, b, 0, Interpolation.SPHERICAL, "0").groove(), "0 % is A");
            assertEquals(b.groove(), engine.between(a, b, 1, Interpolation.SPHERICAL, "1").groove(), "100 % is B");
            double ab = changed(a.groove(), engine.between(a, b, 0.01, Interpolation.SPHERICAL, "").groove());
            double ba = changed(b.groove(), engine.between(a, b, 0.99, Interpolation.SPHERICAL, "").groove());
            all.add(ab);
            all.add(ba);
            worstAB = Math.max(worstAB, Math.max(ab, ba));

            List<StudioGroove> corners = List.of(a, b, c, d);
            assertEquals(a.groove(), engine.blend(corners, 0, 0, 120, "").groove(), "a corner is its groove");
            assertEquals(d.groove(), engine.blend(corners, 1, 1, 120, "").groove());
            double pa = changed(a.groove(), engine.blend(corners, 0.01, 0, 120, "").groove());
            double pd = changed(d.groove(), engine.blend(corners, 0.99, 0.99, 120, "").groove());
            all.add(pa);
            all.add(pd);
            worstPad = Math.max(worstPad, Math.max(pa, pd));

            int sliders = model.directions().size();
            assertEquals(a.groove(), engine.steer(a, new double[sliders], "").groove(), "sliders at 0 are the groove");
            for (int s = 0; s < sliders; s++) {
                double[] v = new double[sliders];
                v[s] = 0.02; // 1 % of the slider's travel from -1 to 1
                double st = changed(a.groove(), engine.steer(a, v, "").groove());
                all.add(st);
                worstSteer = Math.max(worstSteer, st);
            }
            // a point decoded on the way is itself a start that its own neighbours stay close to
            StudioGroove mid = engine.between(a, b, 0.5, Interpolation.SPHERICAL, "mid");
            assertEquals(mid.groove(), engine.between(mid, b, 0, Interpolation.SPHERICAL, "").groove());
            double[] v = new double[sliders];
            v[0] = 0.02;
            worstSteer = Math.max(worstSteer, changed(mid.groove(), engine.steer(mid, v, "").groove()));
        }
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("temperature %.1f: a 1 %% move changes %.1f %% of the hits on average; at most A↔B %.1f %%, "
            + "pad %.1f %%, sliders %.1f %%%n", temperature, 100 * mean, 100 * worstAB, 100 * worstPad, 100 * worstSteer);
        assertTrue(mean <= MEAN_CHANGED, "mean " + mean);
        assertTrue(worstAB <= MAX_CHANGED, "A↔B: " + worstAB);
        assertTrue(worstPad <= MAX_CHANGED, "pad: " + worstPad);
        assertTrue(worstSteer <= MAX_CHANGED, "sliders: " + worstSteer);
    }

    @Test
    void anEditedGrooveStartsFromItsEncoding() {
        StudioGroove g = engine.generate(1.0, 7, 120);
        StudioGroove edited = g.withGroove(g.groove().withCell(3, 0, true, 0.9f, 0f), "edited");
        assertEquals(edited.groove(), engine.steer(edited, new double[model.directions().size()], "").groove());
        float[] mean = model.encode(edited.groove()).mean();
        Groove reconstruction = model.decode(mean, 0, 0);
        double[] tiny = new double[model.directions().size()];
        tiny[0] = 1e-6;
        assertEquals(reconstruction.hitCount(), engine.steer(edited, tiny, "").groove().hitCount(),
            "the neighbours of an edited groove are those of its encoding at temperature 0");
        assertTrue(model instanceof FastGrooveModel);
    }
}
