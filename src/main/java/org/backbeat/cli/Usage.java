package org.backbeat.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.backbeat.model.DecoderType;
import org.backbeat.train.ModelSize;
import org.backbeat.train.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types alone cannot express. A value outside its range is a
 * usage error: picocli's {@link CommandLine.ParameterException}, which {@link BackbeatCommand}
 * prints as one line naming the option and what it accepts, with exit code 2. Every command checks
 * its values before it reads a file or loads a model, so a bad value never costs work or prints
 * internal text ("Illegal Capacity: -1", "/ by zero").
 */
final class Usage {

    /** Most grooves one {@code sample} run writes; each is a file, written as it comes. */
    static final int MAX_SAMPLE_COUNT = 100_000;
    /** Most grooves one {@code interpolate} run writes (a smooth morph needs a few dozen). */
    static final int MAX_INTERPOLATION_STEPS = 1_000;
    /** The tempo range of written MIDI files, in quarter notes per minute. */
    static final double MIN_QPM = 20;
    static final double MAX_QPM = 400;
    /** Sampling temperature: 0 is deterministic; far above 2 is noise, above 10 meaningless. */
    static final double MAX_TEMPERATURE = 10;
    /** Training budgets: a billion steps or a year of minutes is more than any run. */
    static final long MAX_STEPS = 1_000_000_000L;
    static final double MAX_MINUTES = 525_600;
    static final double MAX_EPOCHS = 1_000_000;
    static final int MAX_BATCH = 4_096;

    private Usage() {
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** An integer in [min, max]. */
    static void range(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw error(spec, option + " must be an integer from " + min + " to " + max + " (got " + value + ")");
        }
    }

    /** A number in the given interval; NaN and infinities never are. */
    static void range(CommandSpec spec, String option, double value, double min, boolean minIncluded, double max,
                      boolean maxIncluded) {
        boolean ok = !Double.isNaN(value) && (minIncluded ? value >= min : value > min)
            && (maxIncluded ? value <= max : value < max);
        if (!ok) {
            throw error(spec, option + " must be a number in " + (minIncluded ? "[" : "(") + number(min) + ", "
                + number(max) + (maxIncluded ? "]" : ")") + " (got " + value + ")");
        }
    }

    /** A number in [min, max]. */
    static void range(CommandSpec spec, String option, double value, double min, double max) {
        range(spec, option, value, min, true, max, true);
    }

    /**
     * A name outside an enum's labels, thrown by the converters below: picocli reports it as the
     * cause of its "Invalid value" error, and {@link #handle} prints this message instead, so an enum
     * option's error reads as every other option's.
     */
    static final class BadName extends CommandLine.TypeConversionException {
        BadName(String message) {
            super(message);
        }
    }

    /** The enum value {@code value} names, or a {@link BadName} error listing {@code labels}. */
    static <T> T named(String option, String value, List<String> labels, Function<String, T> parse) {
        if (!labels.contains(value)) {
            throw new BadName(option + " must be " + words(labels.toArray(String[]::new)) + " (got '" + value + "')");
        }
        return parse.apply(value);
    }

    /** {@code --decoder}: flat or hierarchical. */
    static final class DecoderName implements CommandLine.ITypeConverter<DecoderType> {
        @Override
        public DecoderType convert(String value) {
            return named("--decoder", value, DecoderType.labels(), DecoderType::parse);
        }
    }

    /** {@code --preset}: a training preset. */
    static final class PresetName implements CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            return named("--preset", value, Preset.labels(), Preset::parse);
        }
    }

    /** {@code train --size}: a size a model is trained at (tiny is the benchmarks' only). */
    static final class TrainableSize implements CommandLine.ITypeConverter<ModelSize> {
        @Override
        public ModelSize convert(String value) {
            return named("--size", value, ModelSize.labels(ModelSize.TRAINABLE), ModelSize::parse);
        }
    }

    /** {@code bench --size}: any size (tiny, for long memory runs, is the benchmarks' own). */
    static final class AnySize implements CommandLine.ITypeConverter<ModelSize> {
        @Override
        public ModelSize convert(String value) {
            return named("--size", value, ModelSize.labels(List.of(ModelSize.values())), ModelSize::parse);
        }
    }

    /** {@code value} is one of {@code allowed}. */
    static void oneOf(CommandSpec spec, String option, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw error(spec, option + " must be " + words(allowed) + " (got '" + value + "')");
        }
    }

    private static String words(String[] allowed) {
        if (allowed.length == 1) {
            return allowed[0];
        }
        return String.join(", ", Arrays.copyOf(allowed, allowed.length - 1)) + " or " + allowed[allowed.length - 1];
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /**
     * One line for any usage error, picocli's own (unknown option, missing parameter, a value that
     * is not a number) and {@link Usage}'s: {@code backbeat CMD: MESSAGE (see backbeat CMD --help)}.
     */
    static int handle(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        String message = ex.getCause() instanceof BadName b ? b.getMessage()
            : ex.getMessage() == null ? "bad usage" : ex.getMessage().replace('\n', ' ').trim();
        cl.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        cl.getErr().flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }
}
