package org.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.bench.PlaybackBenchmark;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat bench-playback}: how precisely the player keeps time on this machine. */
@Command(name = "bench-playback", mixinStandardHelpOptions = true,
    description = {"Play a busy groove through a recording MIDI receiver and report the scheduling error of every "
        + "NOTE_ON against its ideal time (mean, p50, p99, max in ms) and the drift between the first and the "
        + "last loop. Takes loops x 8 s at 120 BPM; the issue's figure is --loops 100 (800 s).",
        "On Linux, Java ignores thread priorities unless run with -XX:ThreadPriorityPolicy=1 (root only; "
        + "set BACKBEAT_JAVA_OPTS), which makes a difference on a machine whose cores are all busy."})
public final class PlaybackBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--loops", description = "4-bar loops to play (default ${DEFAULT-VALUE}; 100 for the issue's figure)")
    int loops = 10;

    @Option(names = "--bpm", description = "tempo in quarter notes per minute (default ${DEFAULT-VALUE})")
    double bpm = 120;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    /** What the model does on another thread while the player plays. */
    enum Load {
        NONE, DRAG, BATCH;

        static final List<String> LABELS = List.of("none", "drag", "batch");
    }

    /** {@code --while}: none, drag or batch. */
    static final class LoadName implements picocli.CommandLine.ITypeConverter<Load> {
        @Override
        public Load convert(String value) {
            return Usage.named("--while", value, Load.LABELS, v -> Load.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Option(names = "--while", converter = LoadName.class, description = "what the model does meanwhile, without pause: none, drag (single "
        + "decodes, the studio's drag path) or batch (decodes of 8 z, the studio's Generate of variations) "
        + "(default none)")
    Load load = Load.NONE;

    @Option(names = "--threads", description = "with --while: threads one model call may use (default ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--model", description = "with --while: model file (default: the shipped model)")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (loops < 1) {
            throw new ParameterException(spec.commandLine(), "--loops must be at least 1: " + loops);
        }
        if (!(bpm >= 20 && bpm <= 2000)) {
            throw new ParameterException(spec.commandLine(), "--bpm must be between 20 and 2000: " + bpm);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("playing %d loops at %s BPM (%.0f s) ...%n", loops, bpm, loops * 64 * 15.0 / bpm);
        if (threads < 1 || threads > 2) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1 or 2: " + threads);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        Thread decoder = null;
        if (load != Load.NONE) {
            FastGrooveModel m = new FastGrooveModel(ModelFile.load(model != null ? model : Models.defaultModelPath()));
            FastGrooveModel.setThreads(threads);
            int batch = load == Load.BATCH ? 8 : 1;
            Random random = new Random(7);
            decoder = new Thread(() -> {
                while (running.get()) {
                    List<float[]> zs = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        float[] z = new float[m.zSize()];
                        for (int j = 0; j < z.length; j++) {
                            z[j] = (float) random.nextGaussian();
                        }
                        zs.add(z);
                    }
                    m.decode(zs, 1.0, random.nextLong(), bpm);
                    calls.incrementAndGet();
                }
            }, "bench-decoder");
            decoder.setDaemon(true);
            decoder.start();
        }
        long began = System.nanoTime();
        PlaybackBenchmark.Result r;
        try {
            r = PlaybackBenchmark.run(PlaybackBenchmark.busyGroove(), loops, bpm,
                done -> err.printf("  %d/%d loops%n", done, loops));
        } finally {
            running.set(false);
            if (decoder != null) {
                decoder.join();
            }
        }
        Map<String, Object> m = r.toMap();
        if (load != Load.NONE) {
            m.put("while", load.name().toLowerCase());
            m.put("threads", threads);
            m.put("decodeCallsPerS", Math.round(calls.get() / ((System.nanoTime() - began) / 1e9) * 10) / 10.0);
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            m.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
        }
        return 0;
    }
}
