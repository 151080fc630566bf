package org.backbeat.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** Training throughput of the default flat model (batch 64 unless told) on synthetic data, with achieved GFLOP/s. */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static Map<String, Object> run(int steps, int batch) {
        ModelConfig c = TrainingOptions.defaultModel(DecoderType.FLAT);
        GrooveGraph g = GrooveGraph.build(c, ModelInitializer.random(c, 7));
        SameDiff sd = g.sameDiff();
        ClippedAdam optimizer = new ClippedAdam(sd, g.weightNames().stream().map(GrooveGraph::sdName).toList(),
            new Trainer.DecaySchedule(1e-3, 1e-5, 0.9999), List.of("x", "prev", "eps", "beta"));
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[batch * 64 * 27];
        for (int i = 0; i < x.length; i++) {
            int f = i % 27;
            x[i] = f < 9 ? (r.nextDouble() < 0.1 ? 1 : 0) : (float) r.nextDouble();
        }
        float[] eps = new float[batch * c.zSize()];
        Map<String, INDArray> feed = Trainer.feed(x, Batches.shiftForTeacherForcing(x, batch), eps, batch, c.zSize(), 0.2);
        MultiDataSet mds = new MultiDataSet(new INDArray[] {feed.get("x"), feed.get("prev"), feed.get("eps"), feed.get("beta")},
            new INDArray[0]);
        long t0 = System.nanoTime();
        optimizer.fit(mds, 0); // builds the gradient graph
        double firstStep = (System.nanoTime() - t0) / 1e9;
        double clipBefore = optimizer.clippingSeconds();
        double adamBefore = optimizer.adamSeconds();
        long t1 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            optimizer.fit(mds, i + 1);
        }
        double perStep = (System.nanoTime() - t1) / 1e9 / steps;
        double flops = 6.0 * macsPerWindow(c) * batch; // forward + backward ~ 3x forward, 2 flops per MAC
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "flat, encoder " + c.encoderSize() + ", z " + c.zSize() + ", decoder " + c.decoderSizes());
        m.put("batch", batch);
        m.put("threads_omp", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("first_step_s", Math.round(firstStep * 100) / 100.0);
        m.put("gradient_clipping", "global norm " + ClippedAdam.CLIP_NORM);
        m.put("clipping_s", Math.round((optimizer.clippingSeconds() - clipBefore) / steps * 10000) / 10000.0);
        m.put("adam_s", Math.round((optimizer.adamSeconds() - adamBefore) / steps * 10000) / 10000.0);
        m.put("step_s", Math.round(perStep * 1000) / 1000.0);
        m.put("examples_per_s", Math.round(batch / perStep * 10) / 10.0);
        m.put("gflops_per_s", Math.round(flops / perStep / 1e9 * 10) / 10.0);
        m.put("peak_gflops_per_core_estimate", "80-110 (Zen3/AVX2 FMA)");
        m.put("hardware", Hardware.describe());
        return m;
    }

    /** Multiply-adds of one forward pass over a 64-step window. */
    static double macsPerWindow(ModelConfig c) {
        int f = 27;
        double e = c.encoderSize();
        double enc = 2 * 64 * (f * 4 * e + e * 4 * e) + 2 * (2 * e * c.zSize());
        double dec = 0;
        int in = f + (c.decoder() == DecoderType.FLAT ? c.zSize() : c.conductorSize());
        for (int h : c.decoderSizes()) {
            dec += 64 * ((double) in * 4 * h + (double) h * 4 * h);
            in = h;
        }
        dec += 64 * (double) c.decoderOutputSize() * f;
        return enc + dec;
    }
}
