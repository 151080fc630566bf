package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.data.ProgressListener;
import org.backbeat.groove.Groove;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Task;
import org.junit.jupiter.api.Test;

/** Humanize and drumify models are scored from their transformed input, against their baselines. */
class TaskEvaluationTest {

    private static FastGrooveModel tiny(Task t) {
        ModelConfig c = TrainerTest.TINY.withTask(t);
        return new FastGrooveModel(c, ModelInitializer.random(c, 3));
    }

    private static List<Groove> grooves(int from, int n) {
        List<Groove> g = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            g.add(TestData.busyGroove(i));
        }
        return g;
    }

    @Test
    void humanizeBaselinesKeepTheHitsAndTheNearestWindowCopiesItsPerformance() {
        List<Groove> training = grooves(0, 6);
        // windows seen in training: the nearest hit pattern is the window itself, so kNN copies it exactly
        TaskEvaluation seen = Evaluator.evaluateTask(tiny(Task.HUMANIZE), training.subList(0, 3), training,
            ProgressListener.NONE);
        assertEquals("humanize", seen.task());
        assertEquals(1.0, seen.baseline().nearestTrainingWindow().hitF1());
        assertEquals(0.0, seen.baseline().nearestTrainingWindow().velocityMae());
        assertEquals(0.0, seen.baseline().nearestTrainingWindow().offsetMaeMs());

        TaskEvaluation unseen = Evaluator.evaluateTask(tiny(Task.HUMANIZE), grooves(50, 3), training,
            ProgressListener.NONE);
        Evaluation.Metrics knn = unseen.baseline().nearestTrainingWindow();
        assertEquals(1.0, knn.hitF1(), "the baseline keeps the input's hits");
        assertTrue(knn.velocityMae() > 0 && knn.offsetMaeMs() > 0, knn.toString());
        assertTrue(unseen.baseline().velocityClassMean().velocityMae() > 0);
        assertTrue(unseen.baseline().offsetsOnGrid().offsetMaeMs() > 0);
        assertTrue(!Double.isNaN(unseen.output().velocityMae()) && !Double.isNaN(unseen.output().offsetMaeMs()));
        assertEquals(1.0, unseen.output().hitF1(), "the humanize model plays the input's own hits");
        assertTrue(unseen.freeHits() != null && unseen.freeHits().hitF1() >= 0, "and its free decode");
    }

    @Test
    void drumifyIsComparedWithTheTrainingWindowWithTheNearestTaps() {
        List<Groove> training = grooves(0, 6);
        TaskEvaluation seen = Evaluator.evaluateTask(tiny(Task.DRUMIFY), training.subList(2, 4), training,
            ProgressListener.NONE);
        assertEquals("drumify", seen.task());
        assertEquals(1.0, seen.baseline().nearestTrainingWindow().hitF1());
        assertEquals(null, seen.baseline().offsetsOnGrid(), "no humanize baselines for drumify");
        assertEquals(null, seen.freeHits(), "no free decode for drumify");
        TaskEvaluation unseen = Evaluator.evaluateTask(tiny(Task.DRUMIFY), grooves(60, 3), training,
            ProgressListener.NONE);
        assertTrue(unseen.baseline().nearestTrainingWindow().hitF1() < 1.0);
    }

    @Test
    void aGenerateModelIsNotEvaluatedAsATask() {
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluateTask(tiny(Task.GENERATE), grooves(0, 2),
            List.of(), ProgressListener.NONE));
    }
}
