package org.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.bench.PlaybackBenchmark;
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
        PlaybackBenchmark.Result r = PlaybackBenchmark.run(PlaybackBenchmark.busyGroove(), loops, bpm,
            done -> err.printf("  %d/%d loops%n", done, loops));
        Map<String, Object> m = r.toMap();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            m.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
        }
        return 0;
    }
}
