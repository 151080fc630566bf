package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/** Global-norm clipping as Magenta's: scale to norm 1, keep small gradients, zero huge ones. */
class ClippedAdamTest {

    private static final ISchedule LR = new Trainer.DecaySchedule(0.01, 0.01, 1);

    /** loss = sum(w * x), so the gradient of w is x. */
    private static SameDiff linear() {
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.create(new float[] {1, 2, 3}, new long[] {3}));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 3);
        sd.sum("loss", w.mul(x));
        sd.setLossVariables("loss");
        return sd;
    }

    /** Adam's first moment after one step: (1 - beta1) * the gradient it was given. */
    private static float[] firstMomentAfterOneStep(float... gradient) {
        SameDiff sd = linear();
        ClippedAdam opt = new ClippedAdam(sd, List.of("w"), LR, List.of("x"));
        opt.fit(new MultiDataSet(new INDArray[] {Nd4j.create(gradient, new long[] {3})}, new INDArray[0]), 0);
        float[] m = opt.m("w").dup().data().asFloat();
        for (int i = 0; i < m.length; i++) {
            m[i] /= 0.1f;
        }
        return m;
    }

    @Test
    void aLargeGradientIsScaledToNormOne() {
        float[] g = firstMomentAfterOneStep(30, 40, 0);
        assertEquals(0.6, g[0], 1e-5);
        assertEquals(0.8, g[1], 1e-5);
        assertEquals(0, g[2], 1e-7);
    }

    @Test
    void aSmallGradientIsLeftAlone() {
        float[] g = firstMomentAfterOneStep(0.3f, 0.4f, 0);
        assertEquals(0.3, g[0], 1e-6);
        assertEquals(0.4, g[1], 1e-6);
    }

    @Test
    void aHugeOrNonFiniteGradientBecomesZero() {
        float[] g = firstMomentAfterOneStep(3e4f, 4e4f, 0);
        assertEquals(0, g[0], 0);
        assertEquals(0, g[1], 0);
        float[] nan = firstMomentAfterOneStep(Float.NaN, 1, 0);
        assertEquals(0, nan[1], 0);
    }

    @Test
    void adamMovesEachWeightByAboutTheLearningRateAndReportsTheNorm() {
        SameDiff sd = linear();
        ClippedAdam opt = new ClippedAdam(sd, List.of("w"), LR, List.of("x"));
        opt.fit(new MultiDataSet(new INDArray[] {Nd4j.create(new float[] {30, -40, 0}, new long[] {3})},
            new INDArray[0]), 0);
        assertEquals(50, opt.lastGradientNorm(), 1e-4);
        float[] w = sd.getVariable("w").getArr().dup().data().asFloat();
        assertEquals(1 - 0.01, w[0], 1e-5);
        assertEquals(2 + 0.01, w[1], 1e-5);
        assertEquals(3, w[2], 1e-6);
    }

    @Test
    void buildingTheGradientGraphPrintsNoAddedOpLinesAndRestoresSystemOut() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            ClippedAdam.createGradFunctionQuietly(linear());
            assertSame(capture, System.out);
            System.out.println("still printed");
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("Added differentiated op"), printed);
        assertTrue(printed.contains("still printed"));
    }
}
