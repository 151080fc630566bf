package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> baseline(Map<String, Object> r, String name) {
        return (Map<String, Object>) ((Map<String, Object>) r.get("baseline")).get(name);
    }

    @Test
    void humanizeBaselinesKeepTheHitsAndTheNearestWindowCopiesItsPerformance() {
        List<Groove> training = grooves(0, 6);
        // windows seen in training: the nearest hit pattern is the window itself, so kNN copies it exactly
        Map<String, Object> seen = Evaluator.evaluateTask(tiny(Task.HUMANIZE), training.subList(0, 3), training,
            ProgressListener.NONE);
        assertEquals("humanize", seen.get("task"));
        assertEquals(1.0, baseline(seen, "nearestTrainingWindow").get("hitF1"));
        assertEquals(0.0, baseline(seen, "nearestTrainingWindow").get("velocityMae"));
        assertEquals(0.0, baseline(seen, "nearestTrainingWindow").get("offsetMaeMs"));

        Map<String, Object> unseen = Evaluator.evaluateTask(tiny(Task.HUMANIZE), grooves(50, 3), training,
            ProgressListener.NONE);
        Map<String, Object> knn = baseline(unseen, "nearestTrainingWindow");
        assertEquals(1.0, knn.get("hitF1"), "the baseline keeps the input's hits");
        assertTrue((double) knn.get("velocityMae") > 0 && (double) knn.get("offsetMaeMs") > 0, knn.toString());
        assertTrue((double) baseline(unseen, "velocityClassMean").get("velocityMae") > 0);
        assertTrue((double) baseline(unseen, "offsetsOnGrid").get("offsetMaeMs") > 0);
        assertTrue(unseen.containsKey("velocityMae") && unseen.containsKey("offsetMaeMs"));
        assertEquals(1.0, unseen.get("hitF1"), "the humanize model plays the input's own hits");
        assertTrue(unseen.get("freeHits") instanceof Map<?, ?> f && f.containsKey("hitF1"), "and its free decode");
    }

    @Test
    void drumifyIsComparedWithTheTrainingWindowWithTheNearestTaps() {
        List<Groove> training = grooves(0, 6);
        Map<String, Object> seen = Evaluator.evaluateTask(tiny(Task.DRUMIFY), training.subList(2, 4), training,
            ProgressListener.NONE);
        assertEquals("drumify", seen.get("task"));
        assertEquals(1.0, baseline(seen, "nearestTrainingWindow").get("hitF1"));
        assertEquals(null, baseline(seen, "offsetsOnGrid"), "no humanize baselines for drumify");
        Map<String, Object> unseen = Evaluator.evaluateTask(tiny(Task.DRUMIFY), grooves(60, 3), training,
            ProgressListener.NONE);
        assertTrue((double) baseline(unseen, "nearestTrainingWindow").get("hitF1") < 1.0);
    }

    @Test
    void aGenerateModelIsNotEvaluatedAsATask() {
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluateTask(tiny(Task.GENERATE), grooves(0, 2),
            List.of(), ProgressListener.NONE));
    }
}
