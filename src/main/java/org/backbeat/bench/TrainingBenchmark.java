package org.backbeat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.train.Engine;
import org.backbeat.train.EngineTiming;
import org.backbeat.train.Hardware;
import org.backbeat.train.TrainingOptions;

/**
 * Training throughput of both engines side by side in one run, on synthetic windows, with the
 * achieved GFLOP/s and their share of this machine's own float32 matrix-product peak (a large square
 * sgemm through the OpenBLAS the hand-derived engine calls, on all cores and on one).
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /** One configuration measured: engine, batch, threads and what it reached. */
    public record Row(String engine, String threads, int batch, double firstStepSeconds, double stepSeconds,
                      double examplesPerSecond, double gflopsPerSecond, double shareOfPeak) {
    }

    /** The machine's sgemm peak and every row. */
    public record Result(String model, double peakAllCores, double peakOneCore, int cores, List<Row> rows,
                         String hardware) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("sgemm_peak_gflops_all_cores", round1(peakAllCores));
            m.put("sgemm_peak_gflops_one_core", round1(peakOneCore));
            m.put("cores", cores);
            List<Map<String, Object>> rs = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("engine", r.engine());
                x.put("threads", r.threads());
                x.put("batch", r.batch());
                x.put("first_step_s", Math.round(r.firstStepSeconds() * 100) / 100.0);
                x.put("step_s", Math.round(r.stepSeconds() * 1000) / 1000.0);
                x.put("examples_per_s", round1(r.examplesPerSecond()));
                x.put("gflops_per_s", round1(r.gflopsPerSecond()));
                x.put("share_of_peak", Math.round(r.shareOfPeak() * 1000) / 1000.0);
                rs.add(x);
            }
            m.put("rows", rs);
            m.put("hardware", hardware);
            return m;
        }

        /** A table: one line per row, the ratio against SameDiff at the same batch. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append("model: ").append(model).append('\n');
            sb.append(String.format("sgemm peak (OpenBLAS, 2048^3): %.1f GFLOP/s on %d cores, %.1f on one%n",
                peakAllCores, cores, peakOneCore));
            sb.append(String.format("%-9s %-26s %6s %9s %8s %10s %8s %7s %8s%n", "engine", "threads", "batch",
                "first_s", "step_s", "examples/s", "GFLOP/s", "peak%", "vs sd"));
            for (Row r : rows) {
                double sd = rows.stream().filter(o -> o.engine().equals("samediff") && o.batch() == r.batch())
                    .mapToDouble(Row::examplesPerSecond).findFirst().orElse(Double.NaN);
                sb.append(String.format("%-9s %-26s %6d %9.2f %8.3f %10.1f %8.1f %6.1f%% %8s%n", r.engine(),
                    r.threads(), r.batch(), r.firstStepSeconds(), r.stepSeconds(), r.examplesPerSecond(),
                    r.gflopsPerSecond(), 100 * r.shareOfPeak(),
                    Double.isNaN(sd) ? "-" : String.format("%.2fx", r.examplesPerSecond() / sd)));
            }
            sb.append("hardware: ").append(hardware).append('\n');
            return sb.toString();
        }
    }

    /**
     * @param steps   timed steps per row (after one untimed first step)
     * @param batches the batch sizes to compare
     * @param model   the model trained
     * @param withSameDiff whether to include the SameDiff engine (slow at large batches)
     */
    public static Result run(int steps, List<Integer> batches, ModelConfig model, boolean withSameDiff) {
        int cores = Runtime.getRuntime().availableProcessors();
        double peakAll = EngineTiming.sgemmPeak(cores);
        double peakOne = EngineTiming.sgemmPeak(1);
        List<Row> rows = new ArrayList<>();
        for (int batch : batches) {
            if (withSameDiff) {
                rows.add(measure(Engine.SAMEDIFF, model, batch, steps, 1, 1, peakAll));
            }
            rows.add(measure(Engine.BACKPROP, model, batch, steps, cores, 1, peakAll));
            if (cores > 1) {
                rows.add(measure(Engine.BACKPROP, model, batch, steps, 1, cores, peakAll));
            }
        }
        EngineTiming.setBlasThreads(1);
        return new Result(describe(model), peakAll, peakOne, cores, rows, Hardware.describe());
    }

    /** The default flat model at batch 64 and 512, both engines. */
    public static Result run(int steps) {
        return run(steps, List.of(64, 512), TrainingOptions.defaultModel(DecoderType.FLAT), true);
    }

    static String describe(ModelConfig c) {
        return c.decoder().label() + ", encoder " + c.encoderSize() + ", z " + c.zSize() + ", decoder "
            + c.decoderSizes() + (c.conductorSize() > 0 ? ", conductor " + c.conductorSize() : "");
    }

    private static Row measure(Engine kind, ModelConfig c, int batch, int steps, int workers,
                               int blasThreads, double peak) {
        EngineTiming.Timing t = EngineTiming.time(kind, c, batch, steps, workers, blasThreads);
        double perStep = t.stepSeconds();
        double gflops = 6.0 * macsPerWindow(c) * batch / perStep / 1e9; // forward + backward ~ 3x forward
        String threads = kind == Engine.SAMEDIFF ? "1 (OMP_NUM_THREADS="
            + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ")"
            : workers > 1 ? workers + " workers (batch split)" : "1 worker, " + blasThreads + " BLAS threads";
        return new Row(kind.label(), threads, batch, t.firstStepSeconds(), perStep, batch / perStep, gflops,
            gflops / peak);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
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
        if (c.decoder() == DecoderType.HIERARCHICAL) {
            double cs = c.conductorSize();
            dec += 4 * cs * 4 * cs + c.zSize() * 2 * cs;
        }
        return enc + dec;
    }
}
