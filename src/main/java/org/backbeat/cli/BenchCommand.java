package org.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Models;
import org.backbeat.model.StoredModel;
import org.backbeat.train.ModelSize;
import org.backbeat.bench.TrainingBenchmark;
import org.backbeat.bench.TrainingMemoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat bench}: medians of the model's operations on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure model load, decode, sample, encode and interpolate (medians of warm runs), or with "
        + "--train the training throughput, or with --train-memory the resident memory over a training run. Without a model file and without a shipped model, a random model of "
        + "groovae_4bar size is used (speed does not depend on the weights)."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "model file (default: the shipped model, else random groovae_4bar size)")
    Path model;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--runs", description = "timed runs per operation (default ${DEFAULT-VALUE})")
    int runs = 20;

    @Option(names = "--train", description = "measure training throughput instead: both engines (hand-derived and "
        + "SameDiff) side by side at batch 64 and 512, and this machine's sgemm peak")
    boolean train;

    @Option(names = "--no-samediff", description = "with --train: leave the (slow) SameDiff engine out")
    boolean noSameDiff;

    @Option(names = {"--train-steps", "--steps"}, description = "timed training steps with --train (default "
        + "${DEFAULT-VALUE}), or steps with --train-memory (default 300)")
    Integer trainSteps;

    @Option(names = "--train-memory", description = "train for --steps steps and print the resident memory (VmRSS) "
        + "and its native part (outside the Java heap) every --every steps, then the native part's drift per 1,000 "
        + "steps after the first tenth of the run, to check that it stays flat")
    boolean trainMemory;

    @Option(names = "--every", description = "with --train-memory: steps between lines, a multiple of 10 "
        + "(default ${DEFAULT-VALUE})")
    int every = 100;

    @Option(names = "--size", description = "with --train or --train-memory: tiny, small, default or paper (--train "
        + "only) (default ${DEFAULT-VALUE})", converter = Usage.AnySize.class, defaultValue = "default")
    ModelSize size;

    @Option(names = "--decoder", description = "with --train or --train-memory: flat or hierarchical "
        + "(default ${DEFAULT-VALUE})", converter = Usage.DecoderName.class, defaultValue = "flat")
    DecoderType decoder;

    @Option(names = "--batch", description = "with --train: windows per step (default 64 and 512), with "
        + "--train-memory (default 64)")
    Integer batch;

    @Option(names = "--threads", description = "threads one model call may use (default: "
        + "-Dbackbeat.inference.threads, else 2 on a machine with 2 or more cores); with more than one, each "
        + "operation is also timed on one thread, run for run alternately, so the two are measured side by side")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Usage.range(spec, "--runs", runs, 1, 100_000);
        if (threads != null) {
            Usage.range(spec, "--threads", threads, 1, 256);
        }
        if (batch != null) {
            Usage.range(spec, "--batch", batch, 1, Usage.MAX_BATCH);
        }
        if (trainSteps != null) {
            Usage.range(spec, "--steps", trainSteps, 1, Usage.MAX_STEPS);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (trainMemory) {
            if (size == ModelSize.PAPER) {
                throw Usage.error(spec, "--size must be tiny, small or default with --train-memory (got 'paper')");
            }
            if (every <= 0 || every % 10 != 0) {
                throw Usage.error(spec, "--every must be a positive multiple of 10 (got " + every + ")");
            }
            TrainingMemoryBenchmark.run(size.config(decoder), trainSteps == null ? 300 : trainSteps, every,
                batch == null ? 64 : batch, out);
            return 0;
        }
        int trainSteps = this.trainSteps == null ? 5 : this.trainSteps;
        if (train) {
            ModelConfig c = size.config(decoder);
            TrainingBenchmark.Result t = TrainingBenchmark.run(trainSteps, batch == null ? List.of(64, 512)
                : List.of(batch), c, !noSameDiff);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(t.asMap()));
            } else {
                out.print(t.table());
                out.flush();
            }
            return 0;
        }
        Map<String, Object> r = inference();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } else {
            r.forEach((k, v) -> out.printf("%-22s %s%n", k, v instanceof Double d ? String.format("%.2f", d) : v));
        }
        return 0;
    }

    private Map<String, Object> inference() throws Exception {
        Path file = model;
        String source;
        Path tmp = null;
        if (file == null) {
            try {
                file = Models.defaultModelPath();
                source = "shipped model " + file;
            } catch (Exception e) {
                tmp = Files.createTempFile("backbeat-bench", ".bbm");
                ModelConfig c = ModelConfig.groovae4Bar();
                ModelFile.save(tmp, new StoredModel(c, ModelInitializer.random(c, 1), ModelCard.named("random", ""), List.of()));
                file = tmp;
                source = "random weights, groovae_4bar size (no shipped model)";
            }
        } else {
            source = file.toString();
        }
        try {
            Map<String, Object> r = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            FastGrooveModel m = new FastGrooveModel(ModelFile.load(file));
            double firstLoad = ms(t0);
            float[] z = new float[m.zSize()];
            Arrays.fill(z, 0.3f);
            long t1 = System.nanoTime();
            m.decode(List.of(z), 0, 0, 120);
            double firstDecode = ms(t1);
            // The figures below are steady state: wait for the Vector API kernel (Kernels.Tiered).
            long t2 = System.nanoTime();
            boolean fast = FastGrooveModel.awaitFastKernels(30_000);
            double kernelWarmUp = ms(t2);
            final Path f = file;
            List<Groove> grooves = TestGrooves.rockAndFunk();
            List<float[]> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                float[] zi = z.clone();
                zi[i] = -zi[i];
                eleven.add(zi);
            }
            r.put("model", source);
            r.put("backend", m.backend());
            int n = threads != null ? threads : FastGrooveModel.threads();
            FastGrooveModel.setThreads(n);
            r.put("threads", n);
            r.put("load_ms", median(() -> {
                try {
                    long s = System.nanoTime();
                    new FastGrooveModel(ModelFile.load(f));
                    return ms(s);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Math.max(3, runs / 4)));
            r.put("first_load_ms", firstLoad);
            r.put("first_decode_ms", firstDecode);
            r.put("vector_kernel_ready_ms", fast ? Math.round(kernelWarmUp) : "not within 30 s");
            timed(r, n, "decode_1_ms", () -> m.decode(List.of(z), 0, 0, 120));
            timed(r, n, "sample_1_ms", () -> m.sample(1, 1.0, 3));
            timed(r, n, "sample_5_ms", () -> m.sample(5, 1.0, 3));
            timed(r, n, "encode_1_ms", () -> m.encode(grooves.get(0)));
            timed(r, n, "interpolate_11_ms", () -> m.interpolate(grooves.get(0), grooves.get(1), 11,
                Interpolation.SPHERICAL));
            timed(r, n, "decode_11_ms", () -> m.decode(eleven, 0, 0, 120));
            // The studio's Generate with 8 variations (one batched decode of 8 z at temperature 1),
            // and the same with kick and snare locked (their values replace the model's each step).
            org.backbeat.studio.StudioEngine engine = new org.backbeat.studio.StudioEngine(m);
            boolean[] kickAndSnare = new boolean[Groove.CLASSES];
            kickAndSnare[0] = true;
            kickAndSnare[1] = true;
            org.backbeat.model.Lock lock = org.backbeat.model.Lock.lanes(grooves.get(0), kickAndSnare);
            long[] seeds = {1};
            timed(r, n, "variations_8_ms", () -> engine.generate(8, 1.0, seeds[0]++, 120, null));
            timed(r, n, "variations_8_locked_ms", () -> engine.generate(8, 1.0, seeds[0]++, 120, lock));
            FastGrooveModel.setThreads(n);
            // End to end, as the studio uses it: Generate until the first note leaves the player,
            // the decode rate a slider drag sustains, and resident memory.
            r.putAll(org.backbeat.bench.StudioBenchmark.run(m, 10, 3.0));
            return r;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final int MAX_WARM_UP_ROUNDS = 200;

    /**
     * The median of {@code runs} timings at {@code n} threads under {@code key}; with n > 1 also at
     * one thread under {@code key_1_thread}, the two alternating run for run (same load for both).
     */
    private void timed(Map<String, Object> r, int n, String key, Runnable op) {
        if (n == 1) {
            warmUp(op);
            r.put(key, median(() -> time(op), runs));
            return;
        }
        double[][] t = new double[2][runs];
        warmUp(() -> {
            for (int k = 0; k < 2; k++) {
                FastGrooveModel.setThreads(k == 0 ? n : 1);
                op.run();
            }
        });
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < 2; k++) {
                FastGrooveModel.setThreads(k == 0 ? n : 1);
                t[k][i] = time(op);
            }
        }
        FastGrooveModel.setThreads(n);
        r.put(key, median(t[0]));
        r.put(key.replace("_ms", "_ms_1_thread"), median(t[1]));
    }

    /**
     * Runs {@code round} until the JIT has settled: at least twice, and for a second (at most
     * {@link #MAX_WARM_UP_ROUNDS} rounds). A split call's code paths (two threads in lock step, the
     * vector cell) are compiled by C2 on the same two cores, and timing them while it compiled
     * measured the compiler, not the call.
     */
    private static void warmUp(Runnable round) {
        long until = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < 2 || i < MAX_WARM_UP_ROUNDS && System.nanoTime() < until; i++) {
            round.run();
        }
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        return Math.round((n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) * 100) / 100.0;
    }

    private static double time(Runnable r) {
        long s = System.nanoTime();
        r.run();
        return ms(s);
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Two warm-up runs, then the median of {@code n}. */
    private static double median(Supplier<Double> op, int n) {
        op.get();
        op.get();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = op.get();
        }
        Arrays.sort(t);
        return Math.round((n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2) * 100) / 100.0;
    }
}
