package org.backbeat.cli;

import java.io.PrintWriter;
import org.backbeat.Backbeat;
import org.backbeat.io.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backbeat} command: every subcommand of the command line hangs off this one. */
@Command(name = "backbeat",
    mixinStandardHelpOptions = true,
    versionProvider = BackbeatCommand.Version.class,
    description = "Backbeat: generate, blend and train expressive drum grooves (GrooVAE) on your own machine.%n"
        + "With no arguments, java -jar backbeat.jar opens the studio.",
    subcommands = {
        CommandLine.HelpCommand.class,
        InspectCommand.class,
        ModelCommands.Sample.class,
        ModelCommands.Interpolate.class,
        ModelCommands.Encode.class,
        ModelCommands.Decode.class,
        ModelCommands.ImportMagenta.class,
        BenchCommand.class,
        StreamBenchCommand.class,
        TrainCommand.class,
        EvalCommand.class,
        DirectionsCommand.class,
        RenderCommand.class,
        TaskCommands.Humanize.class,
        TaskCommands.Drumify.class,
        PlaybackBenchCommand.class,
    })
public final class BackbeatCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new BackbeatCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Usage::handle);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + Errors.describe(ex));
            return 1;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Backbeat " + Backbeat.version(),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")};
        }
    }
}
