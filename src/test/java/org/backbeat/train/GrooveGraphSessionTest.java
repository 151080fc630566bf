package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import org.backbeat.TestData;
import org.backbeat.model.ModelInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Forward passes through the training graph leave nothing behind that grows with the run. */
class GrooveGraphSessionTest {

    @Test
    void forwardPassesKeepNoSessionBetweenCallsAndGiveTheSameResult() throws Exception {
        GrooveGraph graph = GrooveGraph.build(GraphAgreementTest.HIER, ModelInitializer.random(GraphAgreementTest.HIER, 7));
        Map<String, INDArray> feed = feed();

        double first = graph.output(feed, "loss").get("loss").getDouble(0);
        assertTrue(graph.sameDiff().getSessions().isEmpty(), "no session kept after a pass");
        double second = graph.output(feed, "loss").get("loss").getDouble(0);
        assertTrue(graph.sameDiff().getSessions().isEmpty());
        assertEquals(first, second, 0.0, "a fresh session computes the same loss");

        // Why: SameDiff M2.1's own output() keeps its session, and the ids of the arrays it freed pile up
        // in it with every pass. Should this stop holding (a fixed SameDiff), the session drop can go.
        SameDiff sd = graph.sameDiff();
        sd.output(feed, "loss");
        int afterOne = freedArrayIds(sd);
        sd.output(feed, "loss");
        int afterTwo = freedArrayIds(sd);
        sd.getSessions().clear();
        assertTrue(afterOne > 100 && afterTwo >= 2 * afterOne,
            "SameDiff's session kept " + afterOne + " then " + afterTwo + " freed-array ids");
    }

    private static Map<String, INDArray> feed() {
        int b = 2;
        int z = GraphAgreementTest.HIER.zSize();
        float[] x = new float[b * 64 * 27];
        for (int i = 0; i < b; i++) {
            TestData.busyGroove(i).toTensor(x, i * 64 * 27);
        }
        return SameDiffTraining.feed(new TrainingEngine.Batch(x, Batches.shiftForTeacherForcing(x, b), new float[b * z], b, 0.2), z);
    }

    private static int freedArrayIds(SameDiff sd) throws ReflectiveOperationException {
        Field f = InferenceSession.class.getDeclaredField("freedArrays");
        f.setAccessible(true);
        int n = 0;
        for (InferenceSession s : sd.getSessions().values()) {
            n += ((Collection<?>) f.get(s)).size();
        }
        return n;
    }
}
