package org.backbeat.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.memory.OpenBlasCore;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam with Magenta's gradient clipping (global norm 1.0; a step whose norm is 10,000 or more, or not
 * finite, is replaced by zero gradients, as MusicVAE's {@code grad_norm_clip_to_zero}), on top of
 * SameDiff's {@code fit}.
 *
 * <p>SameDiff M2.1 has no clipping, and its {@code TrainingSession} applies each variable's update as
 * soon as that variable's gradient is computed (updater, then {@code param.subi(update)}), so a global
 * norm cannot be taken inside {@code fit}. Instead the training config's updater is {@link Capture}: it
 * copies each gradient into a buffer owned here and turns SameDiff's own update into zeros. After
 * {@code fit}, {@link #fit} takes the global norm over all buffers, scales them and applies Adam itself.
 * {@code fit} is kept (rather than {@code calculateGradients}) because its memory manager frees the
 * step's intermediates; {@code calculateGradients} does not (../shared/notes/dl4j-m2.1.md).
 *
 * <p>The Adam moments are plain arrays owned here, so a resume restores them without reflection.
 */
final class ClippedAdam {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    static final double CLIP_NORM = 1.0;
    static final double CLIP_TO_ZERO = 10_000;

    private final SameDiff sd;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, AdamUpdater> adam = new LinkedHashMap<>();
    private double lastNorm = Double.NaN;
    private long clipNanos;
    private long adamNanos;

    /**
     * @param sdNames the SameDiff names of the trainable variables
     * @param lr      learning rate by step
     */
    ClippedAdam(SameDiff sd, List<String> sdNames, ISchedule lr, List<String> featureMapping) {
        this.sd = sd;
        Adam config = new Adam(lr);
        for (String name : sdNames) {
            INDArray p = sd.getVariable(name).getArr();
            AdamUpdater u = new AdamUpdater(config);
            u.setStateViewArray(Nd4j.zeros(p.dataType(), 1, 2 * p.length()), p.shape(), 'c', true);
            params.put(name, p);
            adam.put(name, u);
        }
        sd.setTrainingConfig(TrainingConfig.builder().updater(new CaptureGradients())
            .dataSetFeatureMapping(featureMapping.toArray(String[]::new)).markLabelsUnused().build());
    }

    /** Adam's first moment of a variable (a live view: assign to restore it). */
    INDArray m(String sdName) {
        return adam.get(sdName).getM();
    }

    /** Adam's second moment of a variable (a live view: assign to restore it). */
    INDArray v(String sdName) {
        return adam.get(sdName).getV();
    }

    /** The global gradient norm of the last step, before clipping. */
    double lastGradientNorm() {
        return lastNorm;
    }

    /**
     * Seconds, summed over all steps, spent on what clipping adds to a plain {@code fit}: copying the
     * gradients out, zeroing SameDiff's update, the global norm and the scaling.
     */
    double clippingSeconds() {
        long capture = 0;
        for (GradientUpdater u : sd.getUpdaterMap() == null ? List.<GradientUpdater>of() : sd.getUpdaterMap().values()) {
            capture += ((Capture) u).nanos;
        }
        return (clipNanos + capture) / 1e9;
    }

    /** Seconds, summed over all steps, spent applying Adam (which a plain {@code fit} does too). */
    double adamSeconds() {
        return adamNanos / 1e9;
    }

    /** One training step: gradients by SameDiff, then clipping and Adam here; {@code step} counts from 0. */
    void fit(MultiDataSet batch, long step) {
        if (sd.getFunction("grad") == null) {
            createGradFunctionQuietly(sd);
        }
        sd.fit(batch);
        long t0 = System.nanoTime();
        Map<String, GradientUpdater> captured = sd.getUpdaterMap();
        double sumSq = 0;
        for (String name : params.keySet()) {
            Capture c = (Capture) captured.get(name);
            if (c == null || !c.fresh) {
                throw new IllegalStateException("no gradient was computed for " + name);
            }
            double n = c.gradient.norm2Number().doubleValue();
            sumSq += n * n;
        }
        double norm = Math.sqrt(sumSq);
        lastNorm = norm;
        boolean zero = !(norm < CLIP_TO_ZERO);
        double scale = norm > CLIP_NORM ? CLIP_NORM / norm : 1;
        for (String name : params.keySet()) {
            INDArray g = ((Capture) captured.get(name)).gradient;
            if (zero) {
                g.assign(0);
            } else if (scale != 1) {
                g.muli(scale);
            }
        }
        long t1 = System.nanoTime();
        clipNanos += t1 - t0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            Capture c = (Capture) captured.get(e.getKey());
            adam.get(e.getKey()).applyUpdater(c.gradient, (int) step, 0);
            e.getValue().subi(c.gradient);
            c.fresh = false;
        }
        adamNanos += System.nanoTime() - t1;
    }

    /**
     * Builds the gradient graph. SameDiff M2.1's {@code createGradFunction} prints one
     * "Added differentiated op ..." line per op to {@code System.out} (thousands for this graph, an
     * unconditional {@code println}, not a logger); those lines, and only those, are dropped while
     * it runs, and {@code System.out} is restored afterwards.
     */
    static void createGradFunctionQuietly(SameDiff sd) {
        PrintStream original = System.out;
        PrintStream filtered = new DroppingPrintStream(original, "Added differentiated op ");
        System.setOut(filtered);
        try {
            sd.createGradFunction();
        } finally {
            if (System.out == filtered) {
                System.setOut(original);
            }
            filtered.flush();
        }
    }

    /** Passes everything through except {@code println(String)} lines that start with a prefix. */
    static final class DroppingPrintStream extends PrintStream {
        private final String prefix;

        DroppingPrintStream(OutputStream out, String prefix) {
            super(out, true);
            this.prefix = prefix;
        }

        @Override
        public void println(String x) {
            if (x != null && x.startsWith(prefix)) {
                return;
            }
            super.println(x);
        }
    }

    /** The "updater" SameDiff sees: keeps each gradient and makes SameDiff's own update zero. */
    static final class CaptureGradients implements IUpdater {
        @Override
        public long stateSize(long numParams) {
            return 0;
        }

        @Override
        public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
            return new Capture(this);
        }

        @Override
        public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
            return new Capture(this);
        }

        @Override
        public IUpdater clone() {
            return new CaptureGradients();
        }

        @Override
        public double getLearningRate(int iteration, int epoch) {
            return Double.NaN;
        }

        @Override
        public boolean hasLearningRate() {
            return false;
        }

        @Override
        public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
            throw new UnsupportedOperationException("the learning rate lives in ClippedAdam");
        }
    }

    static final class Capture implements GradientUpdater<CaptureGradients> {
        private final CaptureGradients config;
        private INDArray gradient;
        private boolean fresh;
        private long nanos;

        Capture(CaptureGradients config) {
            this.config = config;
        }

        @Override
        public CaptureGradients getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            gradient = Nd4j.create(DataType.FLOAT, gradientShape, gradientOrder);
        }

        @Override
        public void applyUpdater(INDArray g, int iteration, int epoch) {
            long t0 = System.nanoTime();
            if (gradient == null || !java.util.Arrays.equals(gradient.shape(), g.shape())) {
                gradient = Nd4j.create(g.dataType(), g.shape(), 'c');
            }
            gradient.assign(g);
            g.assign(0);
            fresh = true;
            nanos += System.nanoTime() - t0;
        }
    }
}
