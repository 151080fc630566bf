package org.backbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.io.InputFiles;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Task;
import org.backbeat.model.TaskModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat humanize} and {@code backbeat drumify}: a MIDI clip of any length through a task model. */
final class TaskCommands {

    private TaskCommands() {
    }

    /** What both commands share: read the clip window by window, run the model, write it back at its length. */
    abstract static class TaskCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "IN.mid", description = "a .mid file of any length (4/4)")
        Path in;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT.mid", description = "the MIDI file to write")
        Path out;

        @Option(names = "--temperature", description = "0 = the model's most likely result (default ${DEFAULT-VALUE}); "
            + "higher for variations (drumify and humanize --free-hits: each hit drawn; humanize: another "
            + "performance of the same hits)")
        double temperature = 0;

        @Option(names = "--seed", description = "seed of the draws at a temperature above 0 (default ${DEFAULT-VALUE})")
        long seed = 0;

        @Option(names = "--overwrite", description = "replace OUT.mid if it exists")
        boolean overwrite;

        abstract Task task();

        abstract Path model();

        abstract ReadOptions readOptions(FastGrooveModel m);

        /** "humanized", "drumified". */
        abstract String done();

        /** The model's output for each window. */
        List<Groove> perform(FastGrooveModel m, List<Groove> windows) {
            return TaskModels.perform(m, windows, temperature, seed);
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String name = "backbeat " + task().label();
            Usage.range(spec, "--temperature", temperature, 0, Usage.MAX_TEMPERATURE);
            ModelCommands.refuseToReplace(spec, "--out", out, overwrite);
            String notReadable = InputFiles.whyNotRegular(in);
            if (notReadable != null) {
                err.println(name + ": " + in + ": " + notReadable);
                return 1;
            }
            FastGrooveModel m;
            try {
                m = TaskModels.open(model(), task());
            } catch (ModelFileException e) {
                err.println(name + ": " + e.getMessage());
                return 1;
            }
            try {
                MidiScan clip = MidiFiles.readClip(in, readOptions(m));
                List<Groove> windows = new ArrayList<>(perform(m, clip.windows()));
                // the file starts on its first beat: nothing may be played before it
                windows.set(0, GrooveTransforms.noHitBeforeTheFirstBeat(windows.get(0)));
                MidiFiles.writeClip(windows, clip.bars(), out);
                int hits = windows.stream().mapToInt(Groove::hitCount).sum();
                spec.commandLine().getOut().printf("wrote %s: %d bar%s (%d window%s of 4 bars) %s, %d hits%n", out,
                    clip.bars(), clip.bars() == 1 ? "" : "s", windows.size(), windows.size() == 1 ? "" : "s", done(), hits);
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                err.println(name + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "humanize", mixinStandardHelpOptions = true,
        description = {"Humanize a quantized drum clip (e.g. from a step sequencer): a humanize model (Magenta "
            + "Studio's Groove) reads only its hits and plays exactly those, with velocities and micro-timing. A clip "
            + "longer than 4 bars is processed in consecutive 4-bar windows and written back at its own length.",
            "Exit code: 0 when written, 1 when the input or the model cannot be used, 2 on bad usage."})
    static final class Humanize extends TaskCommand {
        @Option(names = "--model", description = "a humanize model (.bbm); default: models/humanize.bbm")
        Path model;

        @Option(names = "--all-channels", description = "read notes on every channel as drums, not only channel 10")
        boolean allChannels;

        @Option(names = "--free-hits", description = "let the model change the pattern too, as Magenta Studio's Groove "
            + "does (default: it plays exactly the input's hits, with its own velocities and timing)")
        boolean freeHits;

        @Override
        List<Groove> perform(FastGrooveModel m, List<Groove> windows) {
            return freeHits ? super.perform(m, windows) : TaskModels.humanize(m, windows, temperature, seed);
        }

        @Override
        Task task() {
            return Task.HUMANIZE;
        }

        @Override
        Path model() {
            return model;
        }

        @Override
        ReadOptions readOptions(FastGrooveModel m) {
            return ReadOptions.userImport().withMapping(m.config().mapping()).withAllChannelsAreDrums(allChannels);
        }

        @Override
        String done() {
            return "humanized";
        }
    }

    @Command(name = "drumify", mixinStandardHelpOptions = true,
        description = {"Turn any rhythm into drums: every note of the file, on any channel and of any pitch (a bass "
            + "line, a melody, a tapped rhythm), is a tap; a drumify model (tap2drum) plays a full groove that "
            + "follows the taps. A clip longer than 4 bars is processed in consecutive 4-bar windows and written "
            + "back at its own length.",
            "Exit code: 0 when written, 1 when the input or the model cannot be used, 2 on bad usage."})
    static final class Drumify extends TaskCommand {
        @Option(names = "--model", description = "a drumify model (.bbm); default: models/drumify.bbm")
        Path model;

        @Override
        Task task() {
            return Task.DRUMIFY;
        }

        @Override
        Path model() {
            return model;
        }

        @Override
        ReadOptions readOptions(FastGrooveModel m) {
            return ReadOptions.userImport().withMapping(GrooveTransforms.TAPS).withAllChannelsAreDrums(true);
        }

        @Override
        String done() {
            return "drumified";
        }
    }
}
