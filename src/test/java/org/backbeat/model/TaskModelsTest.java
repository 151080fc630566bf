package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a task model: what its output depends on, and refusing a model of another task. */
class TaskModelsTest {

    private static FastGrooveModel tiny(Task t) {
        ModelConfig c = TaskTest.TINY.withTask(t);
        return new FastGrooveModel(c, ModelInitializer.random(c, 5));
    }

    /** The same hits with other velocities and timing. */
    private static Groove replayed(Groove g) {
        Groove out = g;
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(s, c)) {
                    out = out.withCell(s, c, true, 1 - g.velocity(s, c), (s % 3 - 1) * 0.2f);
                }
            }
        }
        return out;
    }

    @Test
    void aHumanizeModelHearsOnlyTheHitsAndADrumifyModelOnlyTheTaps() {
        Groove g = TestData.busyGroove(7);
        FastGrooveModel h = tiny(Task.HUMANIZE);
        Groove out = TaskModels.perform(h, List.of(g), 0, 0).get(0);
        assertEquals(out, TaskModels.perform(h, List.of(replayed(g)), 0, 0).get(0), "velocities and timing are not heard");
        float[] z = h.encode(GrooveTransforms.humanizeInput(g)).mean();
        assertEquals(h.decode(List.of(z), 0, 0, g.qpm()).get(0), out);
        assertEquals(g.qpm(), out.qpm());

        FastGrooveModel d = tiny(Task.DRUMIFY);
        // every hit moved to the kick: the same taps (one class per step keeps each step's loudest offset)
        Groove oneClass = Groove.empty(g.qpm());
        Groove taps = GrooveTransforms.tapify(g);
        for (int s = 0; s < Groove.STEPS; s++) {
            if (taps.hit(s, GrooveTransforms.TAP_CHANNEL)) {
                oneClass = oneClass.withCell(s, 0, true, 0.7f, taps.offset(s, GrooveTransforms.TAP_CHANNEL));
            }
        }
        assertEquals(TaskModels.perform(d, List.of(g), 0, 0).get(0), TaskModels.perform(d, List.of(oneClass), 0, 0).get(0));
        assertNotEquals(TaskModels.perform(d, List.of(g), 0, 0).get(0), TaskModels.perform(h, List.of(g), 0, 0).get(0));
    }

    @Test
    void humanizeKeepsExactlyTheHitsAndPlaysThemItsOwnWay() {
        Groove g = TestData.busyGroove(8);
        FastGrooveModel h = tiny(Task.HUMANIZE);
        Groove out = TaskModels.humanize(h, List.of(g), 0, 0).get(0);
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                assertEquals(g.hit(s, c), out.hit(s, c), "step " + s + " class " + c);
            }
        }
        assertNotEquals(g, out, "velocities and timing are the model's");
        assertEquals(out, TaskModels.humanize(h, List.of(replayed(g)), 0, 0).get(0), "only the hits are heard");
        Groove other = TaskModels.humanize(h, List.of(g), 0.8, 5).get(0);
        assertNotEquals(out, other, "a temperature gives another performance");
        assertEquals(g.hitCount(), other.hitCount());
        assertEquals(other, TaskModels.humanize(h, List.of(g), 0.8, 5).get(0), "seeded");
        assertThrows(IllegalArgumentException.class, () -> TaskModels.humanize(tiny(Task.DRUMIFY), List.of(g), 0, 0));
    }

    @Test
    void aModelTrainedAtTheHitsPlaysItsVelocityHeadAsIsAndOneTrainedEverywhereDividesByP() {
        Groove g = TestData.busyGroove(9);
        ModelConfig every = TaskTest.TINY.withTask(Task.HUMANIZE);
        ModelWeights w = ModelInitializer.random(every, 5);
        Groove divided = TaskModels.humanize(new FastGrooveModel(every, w), List.of(g), 0, 0).get(0);
        Groove asIs = TaskModels.humanize(new FastGrooveModel(every.withRegression(Regression.AT_HITS), w), List.of(g), 0, 0)
            .get(0);
        // up to the first hit both decode the same; from there the fed-back velocities differ
        int first = firstHitStep(g);
        for (int c = 0; c < Groove.CLASSES; c++) {
            if (g.hit(first, c)) {
                assertTrue(divided.velocity(first, c) > asIs.velocity(first, c),
                    "v / max(p, floor) > v where p < 1: " + divided.velocity(first, c) + " vs " + asIs.velocity(first, c));
                assertEquals(divided.offset(first, c), asIs.offset(first, c), 1e-6f, "offsets as they are");
            }
        }
        assertNotEquals(divided, asIs);
    }

    @Test
    void whereAModelTrainedAtTheHitsPlaysNoHitItFeedsBackNoVelocityAndNoOffset() {
        ModelConfig every = TaskTest.TINY;
        ModelWeights w = ModelInitializer.random(every, 6);
        float[] z = new float[every.zSize()];
        float[] asTrained = new FastGrooveModel(every, w).decodeDetailed(List.of(z), 0, 0, null).outputs()[0];
        float[] atHits = new FastGrooveModel(every.withRegression(Regression.AT_HITS), w)
            .decodeDetailed(List.of(z), 0, 0, null).outputs()[0];
        int silent = 0;
        int nonZeroEverywhere = 0;
        for (int t = 0; t < Groove.STEPS; t++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                int at = t * Groove.FEATURES;
                if (atHits[at + c] == 0f) {
                    silent++;
                    assertEquals(0f, atHits[at + Groove.CLASSES + c], "velocity at step " + t);
                    assertEquals(0f, atHits[at + 2 * Groove.CLASSES + c], "offset at step " + t);
                }
                if (asTrained[at + c] == 0f && asTrained[at + Groove.CLASSES + c] != 0f) {
                    nonZeroEverywhere++;
                }
            }
        }
        assertTrue(silent > 0, "a random model leaves cells silent");
        assertTrue(nonZeroEverywhere > 0, "a model trained at every step keeps its heads' values there");
    }

    private static int firstHitStep(Groove g) {
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(s, c)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no hit");
    }

    @Test
    void silenceStaysSilent() {
        List<Groove> out = TaskModels.perform(tiny(Task.DRUMIFY), List.of(Groove.empty(90), TestData.busyGroove(1)), 0.5, 3);
        assertTrue(out.get(0).isEmpty());
        assertEquals(90, out.get(0).qpm());
    }

    @Test
    void aModelOfAnotherTaskIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.bbm");
        ModelFile.save(f, new StoredModel(TaskTest.TINY, ModelInitializer.random(TaskTest.TINY, 1),
            ModelCard.named("g", ""), List.of()));
        ModelFileException e = assertThrows(ModelFileException.class, () -> TaskModels.open(f, Task.HUMANIZE));
        assertEquals(f + " is a generate model, not a humanize model (train one with backbeat train --task humanize)",
            e.getMessage());
        assertEquals(Task.GENERATE, TaskModels.open(f, Task.GENERATE).config().task());
    }

    @Test
    void noHitIsPlayedBeforeTheFirstBeat() {
        Groove g = Groove.empty(120).withCell(0, 0, true, 0.8f, -0.3f).withCell(0, 1, true, 0.5f, 0.2f)
            .withCell(16, 0, true, 0.8f, -0.3f);
        Groove on = GrooveTransforms.noHitBeforeTheFirstBeat(g);
        assertEquals(0f, on.offset(0, 0));
        assertEquals(0.8f, on.velocity(0, 0));
        assertEquals(0.2f, on.offset(0, 1), "a late hit stays late");
        assertEquals(-0.3f, on.offset(16, 0), "only the first beat");
    }

    @Test
    void aGivenHitsVelocityIsReadAsGivenTheHitAndItsOffsetIsLeftAlone() {
        int at = 5 * 27;
        float[] o = new float[64 * 27];
        o[at + 9 + 2] = 0.12f;  // velocity head of class 2: p * E[v | hit] with p = 0.2
        o[at + 18 + 2] = 0.04f; // offset head
        FastGrooveModel.givenHit(o, at, 2, 0.2f);
        assertEquals(0.6f, o[at + 9 + 2], 1e-6f, "0.12 / 0.2: the velocity given the hit");
        assertEquals(0.04f, o[at + 18 + 2], 0f, "offsets unchanged");
        o[at + 9 + 3] = 0.5f;
        FastGrooveModel.givenHit(o, at, 3, 1e-4f);
        assertEquals(1f, o[at + 9 + 3], 0f, "a near-impossible hit: divided by the floor, never above 1");
        o[at + 9 + 4] = 0.01f;
        FastGrooveModel.givenHit(o, at, 4, 1e-4f);
        assertEquals(0.01f / FastGrooveModel.GIVEN_HIT_FLOOR, o[at + 9 + 4], 1e-6f, "floor, not 1e-4");
    }
}
