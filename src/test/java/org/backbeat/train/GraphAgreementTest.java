package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.LatentCode;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff training graph and the fast Java inference path compute the same function. */
class GraphAgreementTest {

    static final ModelConfig FLAT = new ModelConfig(24, 16, DecoderType.FLAT, List.of(20, 12), 0, DrumMapping.ROLAND);
    static final ModelConfig HIER = new ModelConfig(24, 16, DecoderType.HIERARCHICAL, List.of(20), 10, DrumMapping.ROLAND);

    @Test
    void flatDecoderAgrees() {
        check(FLAT);
    }

    @Test
    void hierarchicalDecoderAgrees() {
        check(HIER);
    }

    static void check(ModelConfig config) {
        ModelWeights w = ModelInitializer.random(config, 42);
        GrooveGraph graph = GrooveGraph.build(config, w);
        FastGrooveModel fast = new FastGrooveModel(config, w);
        List<Groove> grooves = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            grooves.add(TestData.busyGroove(i));
        }
        float[] x = new float[3 * 64 * 27];
        for (int i = 0; i < 3; i++) {
            grooves.get(i).toTensor(x, i * 64 * 27);
        }
        float[] prev = Batches.shiftForTeacherForcing(x, 3);
        Map<String, INDArray> out = graph.output(Map.of(
            "input", Nd4j.create(x, new long[] {3, 64, 27}, 'c'),
            "x", Nd4j.create(x, new long[] {3, 64, 27}, 'c'),
            "prev", Nd4j.create(prev, new long[] {3, 64, 27}, 'c'),
            "eps", Nd4j.zeros(DataType.FLOAT, 3, config.zSize()),
            "beta", Nd4j.create(new float[] {0.2f}, new long[] {1})), "mu", "logits");
        List<LatentCode> codes = fast.encode(grooves);
        double muDiff = 0;
        float[] mu = out.get("mu").dup('c').data().asFloat();
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < config.zSize(); k++) {
                muDiff = Math.max(muDiff, Math.abs(mu[i * config.zSize() + k] - codes.get(i).mean()[k]));
            }
        }
        float[][] teacher = new float[3][];
        List<float[]> zs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            teacher[i] = java.util.Arrays.copyOfRange(x, i * 64 * 27, (i + 1) * 64 * 27);
            zs.add(codes.get(i).mean());
        }
        FastGrooveModel.DecodeResult r = fast.decodeDetailed(zs, 0, 0, teacher);
        float[] logits = out.get("logits").dup('c').data().asFloat();
        double logitDiff = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 64 * 27; k++) {
                logitDiff = Math.max(logitDiff, Math.abs(logits[i * 64 * 27 + k] - r.logits()[i][k]));
            }
        }
        System.out.println(config.decoder() + ": max |mu diff| " + muDiff + ", max |logit diff| " + logitDiff);
        assertTrue(muDiff < 1e-5, "mu differs by " + muDiff);
        assertTrue(logitDiff < 1e-5, "logits differ by " + logitDiff);
    }
}
