package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.Latent;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.junit.jupiter.api.Test;

/** The studio's logic without JavaFX: blend math, slider mapping, history, undo, grid geometry. */
class StudioLogicTest {

    @Test
    void cornerWeightsAreBilinearAndSumToOne() {
        assertArrayEquals(new double[] {1, 0, 0, 0}, Blend.cornerWeights(0, 0), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 1}, Blend.cornerWeights(1, 1), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, Blend.cornerWeights(0.5, 0.5), 1e-12);
        double[] w = Blend.cornerWeights(0.2, 0.7);
        assertEquals(1.0, w[0] + w[1] + w[2] + w[3], 1e-12);
        assertEquals(0.8 * 0.3, w[0], 1e-12);
        assertArrayEquals(Blend.cornerWeights(1, 1), Blend.cornerWeights(5, 9), 1e-12, "outside the pad clamps");
    }

    @Test
    void blendKeepsTheCornersNormInTheMiddle() {
        float[] a = {3, 0, 0};
        float[] b = {0, 3, 0};
        float[] c = {-3, 0, 0};
        float[] d = {0, -3, 0.5f};
        List<float[]> corners = List.of(a, b, c, d);
        assertArrayEquals(a, Blend.blend(corners, 0, 0), 1e-6f);
        assertArrayEquals(d, Blend.blend(corners, 1, 1), 1e-6f);
        float[] mid = Blend.blend(List.of(a, b, a, b), 0.5, 0.5);
        assertEquals(3.0, Latent.norm(mid), 1e-5, "a plain average would have norm 2.12");
        assertEquals(mid[0], mid[1], 1e-6f);
    }

    @Test
    void slidersMoveAlongTheDirectionBySigmas() {
        float[] base = {1, 1};
        LatentDirection busier = new LatentDirection("busier", "more hits", new float[] {2, 0}, 0.5f);
        LatentDirection louder = new LatentDirection("louder", "", new float[] {0, 5}, 1f);
        List<LatentDirection> dirs = List.of(busier, louder);
        assertArrayEquals(base, Blend.steer(base, dirs, new double[] {0, 0}));
        assertArrayEquals(new float[] {1 + 2 * 0.5f, 1}, Blend.steer(base, dirs, new double[] {1, 0}), 1e-6f);
        assertArrayEquals(new float[] {1, 1 - 1f}, Blend.steer(base, dirs, new double[] {0, -0.5}), 1e-6f);
        assertArrayEquals(Blend.steer(base, dirs, new double[] {1, 0}), Blend.steer(base, dirs, new double[] {7, 0}),
            "values beyond the slider's end clamp");
    }

    @Test
    void undoAndRedoWalkTheStates() {
        UndoHistory<String> u = new UndoHistory<>(3);
        assertFalse(u.canUndo());
        u.push("a");
        u.push("b");
        assertEquals("b", u.undo("c").orElseThrow());
        assertEquals("a", u.undo("b").orElseThrow());
        assertTrue(u.undo("a").isEmpty());
        assertEquals("b", u.redo("a").orElseThrow());
        u.push("b");
        assertFalse(u.canRedo(), "a new change clears redo");
        UndoHistory<Integer> bounded = new UndoHistory<>(2);
        for (int i = 0; i < 5; i++) {
            bounded.push(i);
        }
        assertEquals(4, bounded.undo(5).orElseThrow());
        assertEquals(3, bounded.undo(4).orElseThrow());
        assertTrue(bounded.undo(3).isEmpty(), "only the last 2 are kept");
    }

    @Test
    void historyIsNewestFirstBoundedAndSkipsRepeats() {
        GrooveHistory h = new GrooveHistory(3);
        for (int i = 0; i < 5; i++) {
            assertTrue(h.add(new StudioGroove(TestData.busyGroove(i), "g" + i, null)));
        }
        assertFalse(h.add(new StudioGroove(TestData.busyGroove(4), "again", null)));
        assertEquals(List.of("g4", "g3", "g2"), h.entries().stream().map(StudioGroove::label).toList());
    }

    @Test
    void gridGeometryFindsCellsAndMapsGestures() {
        GridLayout l = new GridLayout(84 + 640, 90, 84);
        assertEquals(10, l.cellWidth(), 1e-9);
        assertEquals(10, l.rowHeight(), 1e-9);
        assertEquals(new GridLayout.Cell(0, Groove.CLASSES - 1), l.cellAt(85, 1));
        assertEquals(new GridLayout.Cell(63, 0), l.cellAt(84 + 639, 89));
        assertNull(l.cellAt(50, 10), "the label column is not a cell");
        assertEquals(l.stepX(3) + 2.5, l.hitX(3, 0.25f), 1e-9);
        assertEquals(l.rowY(0) , 80, 1e-9, "kick is the bottom lane");
        assertEquals(1f, GridLayout.dragVelocity(0.5f, -500), 1e-6f);
        assertEquals(0.5f + 60 / 120f, GridLayout.dragVelocity(0.5f, -60), 1e-6f);
        assertEquals(1 / 127f, GridLayout.dragVelocity(0.5f, 500), 1e-6f, "a dragged hit never goes silent");
        assertEquals(0.3f, l.dragOffset(0.1f, 2), 1e-6f);
        assertEquals(-0.5f, l.dragOffset(0f, -100), 1e-6f);
    }

    @Test
    void workerRunsOnlyTheNewestQueuedJob() throws Exception {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch blocker = new CountDownLatch(1);
        try (LatestOnlyWorker w = new LatestOnlyWorker("test", e -> { })) {
            w.submit(() -> {
                try {
                    blocker.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.add(0);
            });
            Thread.sleep(50);
            for (int i = 1; i <= 20; i++) {
                int k = i;
                w.submit(() -> ran.add(k));
            }
            blocker.countDown();
            assertTrue(w.awaitIdle(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(0, 20), ran);
    }

    @Test
    void generateRedrawsAWallOfHits() {
        ModelConfig c = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
        FastGrooveModel real = new FastGrooveModel(c, ModelInitializer.random(c, 3));
        Groove wall = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int k = 0; k < Groove.CLASSES; k++) {
                wall = wall.withCell(s, k, true, 1f, 0f);
            }
        }
        Groove fine = TestData.busyGroove(9);
        int[] calls = {0};
        Groove finalWall = wall;
        org.backbeat.model.GrooveModel twoWallsThenFine = new org.backbeat.model.GrooveModel() {
            public ModelConfig config() {
                return c;
            }

            public List<org.backbeat.model.LatentCode> encode(List<Groove> g) {
                return real.encode(g);
            }

            public List<Groove> decode(List<float[]> zs, double t, long seed, double qpm) {
                return List.of(calls[0]++ < 2 ? finalWall : fine);
            }

            public List<org.backbeat.model.Decoded> decodeGuided(List<float[]> zs, List<org.backbeat.model.Sampling> s,
                                                                List<org.backbeat.model.Guide> g, double qpm) {
                return List.of(new org.backbeat.model.Decoded(calls[0]++ < 2 ? finalWall : fine, new float[64 * 27]));
            }

            public List<Groove> sample(int n, double t, long seed) {
                throw new UnsupportedOperationException();
            }

            public List<Groove> interpolate(Groove a, Groove b, int steps, Interpolation mode) {
                throw new UnsupportedOperationException();
            }

            public List<LatentDirection> directions() {
                return List.of();
            }

            public String backend() {
                return "fake";
            }
        };
        StudioGroove g = new StudioEngine(twoWallsThenFine).generate(1.0, 1, 120);
        assertEquals(fine, g.groove());
        assertEquals(3, calls[0], "two walls of hits were drawn again");
    }

    @Test
    void engineEndsInterpolationOnTheGroovesThemselves() {
        ModelConfig c = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
        StudioEngine e = new StudioEngine(new FastGrooveModel(c, ModelInitializer.random(c, 3)));
        StudioGroove a = new StudioGroove(TestData.busyGroove(1), "a", null);
        StudioGroove b = new StudioGroove(TestData.busyGroove(2).withQpm(90), "b", null);
        assertEquals(a.groove(), e.between(a, b, 0, Interpolation.SPHERICAL));
        assertEquals(b.groove(), e.between(a, b, 1, Interpolation.SPHERICAL));
        Groove mid = e.between(a, b, 0.5, Interpolation.SPHERICAL);
        assertEquals((a.groove().qpm() + 90) / 2, mid.qpm(), 1e-9, "tempo moves linearly");
        assertEquals(mid, e.between(a, b, 0.5, Interpolation.SPHERICAL), "the same position decodes the same");
        StudioGroove g1 = e.generate(1.0, 42, 100);
        StudioGroove g2 = e.generate(1.0, 42, 100);
        assertEquals(g1.groove(), g2.groove(), "seeded");
        assertEquals(100, g1.groove().qpm(), 1e-9);
        assertNotEquals(g1.groove(), e.generate(1.0, 43, 100).groove());
        assertEquals(a.groove().withQpm(120), e.blend(List.of(a, b, b, b), 0, 0, 120));

        assertTrue(e.lastDecodeMillis() >= 0);
    }

    @Test
    void theRulerSitsAboveTheLanesAndNamesBarsAndBeats() {
        GridLayout l = new GridLayout(84 + 640, 18 + 90, 84, 18);
        assertEquals(10, l.rowHeight(), 1e-9);
        assertNull(l.cellAt(90, 10), "the ruler is not a cell");
        assertEquals(new GridLayout.Cell(0, Groove.CLASSES - 1), l.cellAt(85, 19));
        assertEquals(18 + 80, l.rowY(0), 1e-9, "kick is still the bottom lane");
        assertEquals("1", GridLayout.rulerLabel(0));
        assertEquals("1.2", GridLayout.rulerLabel(4));
        assertEquals("2", GridLayout.rulerLabel(16));
        assertEquals("4.4", GridLayout.rulerLabel(60));
        assertNull(GridLayout.rulerLabel(5), "no label between beats");
    }

    @Test
    void theModelCardReadsAsText() {
        java.util.Map<String, Object> training = new java.util.LinkedHashMap<>();
        training.put("bestValidationLoss", 111.56139858185298);
        training.put("steps", 3702);
        training.put("trainingMinutes", 224.4);
        training.put("hyperParameters", java.util.Map.of("learningRate", 0.001, "decayRate", 0.9999,
            "minLearningRate", 1.0E-5));
        java.util.Map<String, Object> metrics = java.util.Map.of("eval.test",
            java.util.Map.of("hitF1", 0.7166, "offsetMaeMs", 17.7395));
        ModelConfig c = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
        FastGrooveModel m = new FastGrooveModel(c, ModelInitializer.random(c, 3));
        String text = ModelDescription.of(new org.backbeat.model.StoredModel(c, m.stored().weights(),
            new org.backbeat.model.ModelCard("tiny", "a test", training, metrics), List.of()));
        assertTrue(text.contains("  Best validation loss: 111.6\n"), text);
        assertTrue(text.contains("  Steps: 3,702\n"), text);
        assertTrue(text.contains("  Training time: 3 h 44 min\n"), text);
        assertTrue(text.contains("      Learning rate: 0.001\n"), text);
        assertTrue(text.contains("      Decay rate: 0.9999\n"), text);
        assertTrue(text.contains("      Min learning rate: 0.00001\n"), text);
        assertTrue(text.contains("  Evaluation on test:\n"), text);
        assertTrue(text.contains("      Offset MAE (ms): 17.74\n"), text);
        assertFalse(text.contains("bestValidationLoss") || text.contains("111.5613") || text.contains("{"), text);
    }
}
