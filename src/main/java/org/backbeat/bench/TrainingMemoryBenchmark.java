package org.backbeat.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backbeat.data.WindowTensors;
import org.backbeat.memory.OpenBlasCore;
import org.backbeat.memory.ResidentMemory;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.train.ModelSize;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingData;
import org.backbeat.train.TrainingException;
import org.backbeat.train.TrainingOptions;

/**
 * Resident memory over a training run, to show that it stays flat: the real {@link Trainer} (clipped
 * Adam, validation, checkpoints, native-heap trims) on synthetic windows, printing VmRSS, its native
 * part (outside the Java heap's range) and the Java heap (used and committed) every {@code every}
 * steps, then the native part's drift per 1,000 steps after the warm-up (the first tenth of the run,
 * at least {@code every} steps). Run it with the same JVM flags as training
 * ({@code -Dorg.nd4j.autodiff.samediff=false}). Total RSS goes up and down with the heap the collector
 * commits (up to {@code -Xmx}); the native part is where a leak shows.
 */
public final class TrainingMemoryBenchmark {

    static {
        // Before ND4J or OpenBLAS loads: OpenBLAS chooses its kernels once, as it loads (memory.OpenBlasCore).
        OpenBlasCore.configure();
    }

    private TrainingMemoryBenchmark() {
    }

    /** Backbeat's "small" size (as {@code train --size small}): fast enough to run hundreds of steps. */
    public static ModelConfig small(DecoderType d) {
        return ModelSize.SMALL.config(d);
    }

    /**
     * The smallest model with a default structure: the flat decoder's two layers, or the hierarchical
     * decoder's conductor and one bottom layer (the shipped model's structure, a quarter fewer ops a
     * step). The same graph, ops and training loop per step as the full size, at a fraction of the step
     * time (~1 s, SameDiff's per-op cost), so that a run of 10,000 steps fits in an afternoon of one
     * core. Garbage that waits for the collector grows with the model and the heap, so check the
     * default size too.
     */
    public static ModelConfig tiny(DecoderType d) {
        return ModelSize.TINY.config(d);
    }

    /**
     * @param model model to train (e.g. {@link TrainingOptions#defaultModel} or {@link #small})
     * @param steps training steps
     * @param every print a line every this many steps (a multiple of 10: the trainer reports every 10)
     * @param batch windows per step
     * @return the least-squares drift of native memory ({@link ResidentMemory#nativeMegabytes()}) in MB
     *         per 1,000 steps after the warm-up, NaN with fewer than two samples after it
     */
    public static double run(ModelConfig model, long steps, int every, int batch, PrintWriter out)
        throws IOException, TrainingException {
        if (every <= 0 || every % 10 != 0) {
            throw new IllegalArgumentException("--every must be a positive multiple of 10");
        }
        TrainingData data = new TrainingData(synthetic(512, 1), synthetic(64, 2), Map.of("data", "synthetic"));
        TrainingOptions opts = TrainingOptions.preset("standard", model.decoder()).withModel(model)
            .withBatchSize(batch).withBudget(steps, 0).withValidateEvery(every).withCheckpointEvery(1e9);
        Path dir = Files.createTempDirectory("backbeat-memory");
        List<Long> at = new ArrayList<>();
        List<Double> nativeMb = new ArrayList<>();
        out.printf("model %s decoder, encoder %d, z %d, decoder %s; batch %d; %d steps; "
                + "org.nd4j.autodiff.samediff=%s, max heap %d MB, OMP_NUM_THREADS=%s%n",
            model.decoder().label(), model.encoderSize(), model.zSize(), model.decoderSizes(), batch,
            steps, System.getProperty("org.nd4j.autodiff.samediff", "(unset: the array cache is ON)"),
            Runtime.getRuntime().maxMemory() >> 20, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        out.printf("%8s %10s %10s %10s %10s %12s %10s%n", "step", "rss_mb", "native_mb", "heap_used", "heap_comm",
            "seconds", "loss");
        out.printf("%8s %10.0f %10.0f %10.0f %10.0f %12s %10s%n", "start", ResidentMemory.megabytes(),
            ResidentMemory.nativeMegabytes(), heapMb(), committedMb(), "", "");
        out.flush();
        long t0 = System.nanoTime();
        try {
            new Trainer(opts, data, dir.resolve("memory.bbm"), p -> {
                if (p.message().isEmpty() && (p.step() == 1 || p.step() % every == 0)) {
                    double r = ResidentMemory.megabytes();
                    double n = ResidentMemory.nativeMegabytes();
                    at.add(p.step());
                    nativeMb.add(n);
                    out.printf("%8d %10.0f %10.0f %10.0f %10.0f %12.1f %10.2f%n", p.step(), r, n, heapMb(),
                        committedMb(), (System.nanoTime() - t0) / 1e9, p.loss());
                    out.flush();
                }
            }).run(null, false);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        out.printf("%8s %10.0f %10.0f %10.0f %10.0f%n", "end", ResidentMemory.megabytes(),
            ResidentMemory.nativeMegabytes(), heapMb(), committedMb());
        long warmup = Math.max(every, steps / 10);
        List<Long> afterSteps = new ArrayList<>();
        List<Double> afterMb = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            if (at.get(i) >= warmup && !Double.isNaN(nativeMb.get(i))) {
                afterSteps.add(at.get(i));
                afterMb.add(nativeMb.get(i));
            }
        }
        double drift = driftPer1000Steps(afterSteps, afterMb);
        if (afterSteps.size() >= 2) {
            out.printf("native memory from step %d to %d (%d samples): %.0f-%.0f MB, drift %+.1f MB per 1,000 steps"
                    + " (least squares)%n", afterSteps.get(0), afterSteps.get(afterSteps.size() - 1), afterSteps.size(),
                afterMb.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                afterMb.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), drift);
        }
        out.flush();
        return drift;
    }

    /** The least-squares slope of {@code mb} over {@code steps}, per 1,000 steps; NaN for fewer than 2 points. */
    static double driftPer1000Steps(List<Long> steps, List<Double> mb) {
        int n = steps.size();
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = steps.stream().mapToDouble(Long::doubleValue).average().orElseThrow();
        double meanY = mb.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = steps.get(i) - meanX;
            sxy += dx * (mb.get(i) - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : 1000 * sxy / sxx;
    }

    /** Windows shaped like drum grooves: ~10% hits with velocities and offsets. */
    static WindowTensors synthetic(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = WindowTensors.WINDOW_FLOATS;
        float[] x = new float[count * w];
        for (int i = 0; i < x.length; i += 27) {
            for (int c = 0; c < 9; c++) {
                if (r.nextDouble() < 0.1) {
                    x[i + c] = 1;
                    x[i + 9 + c] = (float) (0.3 + 0.7 * r.nextDouble());
                    x[i + 18 + c] = (float) (r.nextDouble() - 0.5);
                }
            }
        }
        double[] qpm = new double[count];
        java.util.Arrays.fill(qpm, 120);
        return new WindowTensors(x, qpm, count);
    }

    /** Heap the JVM has committed: part of RSS once touched, whatever is in use. */
    private static double committedMb() {
        return Runtime.getRuntime().totalMemory() / (1024.0 * 1024);
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024);
    }
}
