package org.backbeat.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The reference engine: the SameDiff graph ({@link GrooveGraph}) with {@link ClippedAdam} and {@link WeightAverage}. */
final class SameDiffTraining implements TrainingEngine {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    private final GrooveGraph graph;
    private final ClippedAdam optimizer;
    private WeightAverage average;

    SameDiffTraining(ModelConfig config, ModelWeights init, Trainer.DecaySchedule lr) {
        this.graph = GrooveGraph.build(config, init);
        this.optimizer = new ClippedAdam(graph.sameDiff(), graph.weightNames().stream().map(GrooveGraph::sdName).toList(),
            lr, List.of("input", "x", "prev", "eps", "beta"));
    }

    GrooveGraph graph() {
        return graph;
    }

    @Override
    public Engine kind() {
        return Engine.SAMEDIFF;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public List<String> weightNames() {
        return graph.weightNames();
    }

    @Override
    public void step(Batch b, long step) {
        Map<String, INDArray> f = feed(b, graph.config().zSize());
        optimizer.fit(new MultiDataSet(new INDArray[] {f.get("input"), f.get("x"), f.get("prev"), f.get("eps"), f.get("beta")},
            new INDArray[0]), step);
    }

    @Override
    public Losses losses(Batch b) {
        Map<String, INDArray> r = graph.output(feed(b, graph.config().zSize()), "loss", "hitLoss", "velocityLoss",
            "offsetLoss", "kl");
        Losses l = new Losses(r.get("loss").getDouble(0), r.get("hitLoss").getDouble(0),
            r.get("velocityLoss").getDouble(0), r.get("offsetLoss").getDouble(0), r.get("kl").getDouble(0));
        releaseForwardPassMemory();
        return l;
    }

    /**
     * A forward pass ({@link GrooveGraph#output}: the loss report every 10 steps, the validation
     * pass) leaves its intermediates (~200 MB at the default size and batch 64) to the garbage
     * collector, and nothing tells the collector that these small Java objects pin native memory.
     * With a large heap they reached old generation and sat there: a default-size run without
     * -Xmx held 1.4 GB of such garbage (malloc in-use 1.67 GB, 0.30 GB after one full GC) and its
     * RSS climbed by ~1 MB a step. A collection after each such pass keeps the native memory flat
     * at any heap size; {@code fit}'s own intermediates are freed by its memory manager and need none.
     */
    private static void releaseForwardPassMemory() {
        System.gc();
    }

    static Map<String, INDArray> feed(Batch b, int z) {
        Map<String, INDArray> m = new HashMap<>();
        m.put("input", Nd4j.create(b.input(), new long[] {b.size(), 64, 27}, 'c'));
        m.put("x", Nd4j.create(b.x(), new long[] {b.size(), 64, 27}, 'c'));
        m.put("prev", Nd4j.create(b.prev(), new long[] {b.size(), 64, 27}, 'c'));
        m.put("eps", Nd4j.create(b.eps(), new long[] {b.size(), z}, 'c'));
        m.put("beta", Nd4j.create(new float[] {(float) b.beta()}, new long[] {1}));
        return m;
    }

    @Override
    public ModelWeights weights() {
        return graph.weights();
    }

    @Override
    public ModelWeights adamM() {
        return moments(true);
    }

    @Override
    public ModelWeights adamV() {
        return moments(false);
    }

    private ModelWeights moments(boolean first) {
        ModelWeights.Builder m = ModelWeights.builder();
        ModelWeights w = graph.weights();
        for (String name : graph.weightNames()) {
            INDArray a = first ? optimizer.m(GrooveGraph.sdName(name)) : optimizer.v(GrooveGraph.sdName(name));
            m.put(name, w.get(name).shape(), a.dup('c').data().asFloat());
        }
        return m.build();
    }

    @Override
    public void restoreAdam(ModelWeights m, ModelWeights v) {
        for (String name : graph.weightNames()) {
            INDArray mm = optimizer.m(GrooveGraph.sdName(name));
            INDArray vv = optimizer.v(GrooveGraph.sdName(name));
            mm.assign(Nd4j.create(m.get(name).data(), mm.shape(), 'c'));
            vv.assign(Nd4j.create(v.get(name).data(), vv.shape(), 'c'));
        }
    }

    @Override
    public void startAverage(double decay, ModelWeights start) {
        average = new WeightAverage(decay, graph.weightArrays(), start);
    }

    @Override
    public void updateAverage(long step) {
        if (average != null) {
            average.update(step);
        }
    }

    @Override
    public <T> T withAveragedWeights(Supplier<T> work) {
        return average == null ? work.get() : average.withAveragedWeights(work);
    }

    @Override
    public ModelWeights averagedWeights() {
        return average == null ? graph.weights() : average.weights(graph.weights());
    }

    @Override
    public double lastGradientNorm() {
        return optimizer.lastGradientNorm();
    }

    @Override
    public void close() {
        graph.sameDiff().getSessions().clear();
    }
}
