package org.backbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.backbeat.groove.Groove;
import org.backbeat.io.InputFiles;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiReadException;
import org.backbeat.midi.ReadOptions;
import org.backbeat.play.WavRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat render IN.mid --out OUT.wav}: a groove as audio, without a sound card. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Render the first 4-bar groove of a MIDI file (or, with --whole-file, the file as it is) to a "
        + "WAV file (44.1 kHz, 16-bit stereo) with the Java synthesizer. Works without a sound card. The audio "
        + "ends with a 2 s tail so cymbals can ring out.",
        "Exit code: 0 when written, 1 when the input cannot be read or the output cannot be written, 2 on bad usage."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN.mid", description = "a .mid file")
    Path in;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT.wav", description = "the WAV file to write")
    Path out;

    @Option(names = "--soundfont", paramLabel = "F.sf2", description = "a SoundFont (.sf2) or DLS file for the drum sounds "
        + "(default: Java's built-in sounds)")
    Path soundfont;

    @Option(names = "--loops", description = "times the groove is repeated (default ${DEFAULT-VALUE})")
    int loops = 1;

    @Option(names = "--overwrite", description = "replace OUT.wav if it exists")
    boolean overwrite;

    @Option(names = "--whole-file", description = "render every note of the file as it is, not its first groove")
    boolean wholeFile;

    @Option(names = "--all-channels", description = "read notes on every channel as drums, not only channel 10")
    boolean allChannels;

    @Override
    public Integer call() {
        PrintWriter out0 = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (loops < 1 || loops > 1000) {
            throw new ParameterException(spec.commandLine(), "--loops must be between 1 and 1000: " + loops);
        }
        ModelCommands.refuseToReplace(spec, "--out", out, overwrite);
        String notReadable = InputFiles.whyNotRegular(in);
        if (notReadable != null) {
            err.println("backbeat render: " + in + ": " + notReadable);
            return 1;
        }
        if (soundfont != null && !Files.isRegularFile(soundfont)) {
            err.println("backbeat render: no such soundfont: " + soundfont);
            return 1;
        }
        try {
            WavRenderer.Result r;
            String what;
            if (wholeFile) {
                Sequence seq = readSequence(in);
                r = WavRenderer.render(seq, soundfont, out);
                what = "the whole file";
            } else {
                List<Groove> grooves = MidiFiles.readGrooves(in, ReadOptions.userImport().withAllChannelsAreDrums(allChannels));
                Groove g = grooves.get(0);
                r = WavRenderer.render(g, loops, soundfont, out);
                what = loops + (loops == 1 ? " loop" : " loops") + " of 4 bars at " + Math.round(g.qpm() * 10) / 10.0 + " qpm";
            }
            out0.printf("wrote %s (%.1f s: %s)%n", out, r.seconds(), what);
            return 0;
        } catch (IOException e) {
            err.println("backbeat render: " + e.getMessage());
            return 1;
        }
    }

    private static Sequence readSequence(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, MidiFiles.MAX_FILE_BYTES, "a MIDI file");
        } catch (InputFiles.Refused e) {
            throw new MidiReadException(file.getFileName() + ": " + e.getMessage());
        }
        try {
            return MidiSystem.getSequence(new java.io.ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException | RuntimeException e) {
            // a truncated file ends in a bare EOFException: name it rather than print "null"
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new MidiReadException(file.getFileName() + ": not a readable MIDI file (" + why.replace('\n', ' ') + ")");
        }
    }
}
