package org.backbeat.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelWeights;

/** The default training engine: {@link BackpropEngine}'s gradients, {@link Adam}, a weight average on arrays. */
final class BackpropTraining implements TrainingEngine {

    private final BackpropEngine engine;
    private final Adam adam;
    private final Map<String, float[]> grads;
    private Map<String, float[]> shadow;
    private double decay;

    /**
     * @param workers     data-parallel workers (the batch is split between them)
     * @param blasThreads OpenBLAS threads inside each product: 1 with several workers (they would
     *                    compete for the cores); more than 1 only to compare the two ways of using
     *                    the cores ({@code bench --train})
     */
    BackpropTraining(ModelConfig config, ModelWeights init, Adam.Schedule lr, int workers, int blasThreads) {
        workers = Math.max(1, workers);
        Blas.setThreads(Math.max(1, blasThreads));
        this.engine = new BackpropEngine(config, init, workers);
        this.adam = new Adam(engine.parameters(), lr);
        this.grads = engine.newGradients();
    }

    @Override
    public Engine kind() {
        return Engine.BACKPROP;
    }

    @Override
    public int threads() {
        return engine.threads();
    }

    @Override
    public List<String> weightNames() {
        return engine.weightNames();
    }

    @Override
    public void step(Batch b, long step) {
        engine.gradients(b.input(), b.x(), b.prev(), b.eps(), b.size(), b.beta(), grads);
        adam.apply(engine.parameters(), grads, step);
        engine.weightsChanged();
    }

    @Override
    public Losses losses(Batch b) {
        return engine.losses(b.input(), b.x(), b.prev(), b.eps(), b.size(), b.beta());
    }

    /** Loss parts and gradients of a batch without an update (tests compare them with the graph's). */
    BackpropEngine gradientEngine() {
        return engine;
    }

    @Override
    public ModelWeights weights() {
        return engine.weights();
    }

    @Override
    public ModelWeights adamM() {
        return byName(adam::m);
    }

    @Override
    public ModelWeights adamV() {
        return byName(adam::v);
    }

    private ModelWeights byName(java.util.function.Function<String, float[]> f) {
        ModelWeights.Builder b = ModelWeights.builder();
        for (String n : engine.weightNames()) {
            b.put(n, engine.shape(n), f.apply(n).clone());
        }
        return b.build();
    }

    @Override
    public void restoreAdam(ModelWeights m, ModelWeights v) {
        for (String n : engine.weightNames()) {
            System.arraycopy(m.get(n).data(), 0, adam.m(n), 0, adam.m(n).length);
            System.arraycopy(v.get(n).data(), 0, adam.v(n), 0, adam.v(n).length);
        }
    }

    @Override
    public void startAverage(double d, ModelWeights start) {
        if (!(d > 0 && d < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in (0, 1), not " + d);
        }
        decay = d;
        shadow = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : engine.parameters().entrySet()) {
            shadow.put(e.getKey(), start != null ? start.get(e.getKey()).data().clone() : e.getValue().clone());
        }
    }

    @Override
    public void updateAverage(long step) {
        if (shadow == null) {
            return;
        }
        float d = (float) WeightAverage.decayAt(decay, step);
        float rest = 1 - d;
        for (Map.Entry<String, float[]> e : shadow.entrySet()) {
            float[] s = e.getValue();
            float[] w = engine.parameters().get(e.getKey());
            for (int i = 0; i < s.length; i++) {
                s[i] = d * s[i] + rest * w[i];
            }
        }
    }

    @Override
    public <T> T withAveragedWeights(Supplier<T> work) {
        if (shadow == null) {
            return work.get();
        }
        Map<String, float[]> live = engine.parameters();
        Map<String, float[]> backup = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            backup.put(e.getKey(), e.getValue().clone());
            System.arraycopy(shadow.get(e.getKey()), 0, e.getValue(), 0, e.getValue().length);
        }
        engine.weightsChanged();
        try {
            return work.get();
        } finally {
            for (Map.Entry<String, float[]> e : live.entrySet()) {
                System.arraycopy(backup.get(e.getKey()), 0, e.getValue(), 0, e.getValue().length);
            }
            engine.weightsChanged();
        }
    }

    @Override
    public ModelWeights averagedWeights() {
        if (shadow == null) {
            return weights();
        }
        ModelWeights.Builder b = ModelWeights.builder();
        for (String n : engine.weightNames()) {
            b.put(n, engine.shape(n), shadow.get(n).clone());
        }
        return b.build();
    }

    @Override
    public double lastGradientNorm() {
        return adam.lastGradientNorm();
    }

    @Override
    public void close() {
        engine.close();
    }
}
