package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backbeat.model.ModelWeights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightAverageTest {

    private static Map<String, INDArray> live(float a, float b) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("w", Nd4j.create(new float[] {a, b}, new long[] {1, 2}, 'c'));
        return m;
    }

    private static ModelWeights like() {
        return ModelWeights.builder().put("w", new int[] {2}, new float[2]).build();
    }

    @Test
    void theDecayWarmsUpAsTensorFlowsAndThenStaysAtItsValue() {
        WeightAverage avg = new WeightAverage(0.995, live(0, 0), null);
        assertEquals(2.0 / 11, avg.decayAt(1), 1e-12);
        assertEquals(101.0 / 110, avg.decayAt(100), 1e-12);
        assertEquals(0.995, avg.decayAt(10_000), 1e-12);
    }

    @Test
    void updateFoldsTheLiveWeightsInWithTheStepsDecay() {
        Map<String, INDArray> w = live(1, 2);
        WeightAverage avg = new WeightAverage(0.5, w, null);   // starts at the live weights (1, 2)
        w.get("w").assign(Nd4j.create(new float[] {3, 6}, new long[] {1, 2}, 'c'));
        avg.update(100);                                         // decay min(0.5, 101/110) = 0.5
        assertArrayEquals(new float[] {2, 4}, avg.weights(like()).get("w").data(), 1e-6f);
        avg.update(1);                                           // decay 2/11: mostly the live (3, 6)
        float d = 2f / 11;
        assertArrayEquals(new float[] {2 * d + 3 * (1 - d), 4 * d + 6 * (1 - d)}, avg.weights(like()).get("w").data(),
            1e-5f);
        assertArrayEquals(new float[] {3, 6}, w.get("w").dup().data().asFloat(), "update changed the live weights");
    }

    @Test
    void matricesAreAveragedInPlaceToo() {
        Map<String, INDArray> w = new LinkedHashMap<>();
        w.put("m", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        WeightAverage avg = new WeightAverage(0.5, w, null);
        w.get("m").muli(3);
        avg.update(1000);
        ModelWeights like = ModelWeights.builder().put("m", new int[] {2, 3}, new float[6]).build();
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, avg.weights(like).get("m").data(), 1e-5f);
    }

    @Test
    void aCheckpointsAverageIsContinuedNotTheLiveWeights() {
        ModelWeights start = ModelWeights.builder().put("w", new int[] {2}, new float[] {10, 20}).build();
        WeightAverage avg = new WeightAverage(0.5, live(0, 0), start);
        assertArrayEquals(new float[] {10, 20}, avg.weights(like()).get("w").data());
        avg.update(1000);
        assertArrayEquals(new float[] {5, 10}, avg.weights(like()).get("w").data(), 1e-6f);
    }

    @Test
    void theAverageIsSwappedInForTheWorkAndTheTrainedWeightsComeBackEvenOnFailure() {
        Map<String, INDArray> w = live(1, 1);
        WeightAverage avg = new WeightAverage(0.5, w, ModelWeights.builder().put("w", new int[] {2},
            new float[] {7, 8}).build());
        float[] seen = avg.withAveragedWeights(() -> w.get("w").dup().data().asFloat());
        assertArrayEquals(new float[] {7, 8}, seen);
        assertArrayEquals(new float[] {1, 1}, w.get("w").dup().data().asFloat());
        assertThrows(IllegalStateException.class, () -> avg.withAveragedWeights(() -> {
            throw new IllegalStateException("validation failed");
        }));
        assertArrayEquals(new float[] {1, 1}, w.get("w").dup().data().asFloat());
    }

    @Test
    void aDecayOutsideTheOpenUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(1.0, live(0, 0), null));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(0, live(0, 0), null));
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.preset("quick",
            org.backbeat.model.DecoderType.FLAT).withWeightAverage(1.5));
    }
}
