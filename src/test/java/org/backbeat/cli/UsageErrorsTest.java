package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option value is a usage error: exit 2 and one line that names the option and what it
 * accepts, before any file is read or model loaded (the values below once gave exit 1 with
 * "Illegal Capacity: -1" or "/ by zero", or were accepted: a NaN temperature, a zero step budget
 * that trained forever, a NaN validation share that silently turned validation off).
 */
class UsageErrorsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> badValues() {
        return Stream.of(
            bad("--count", "sample", "--count", "-1"),
            bad("--count", "sample", "--count", "0"),
            bad("--count", "sample", "--count", "100001"),
            bad("--temperature", "sample", "--temperature", "-1"),
            bad("--temperature", "sample", "--temperature", "1e9"),
            bad("--temperature", "sample", "--temperature", "NaN"),
            bad("--temperature", "sample", "--temperature", "Infinity"),
            bad("--qpm", "sample", "--qpm", "0"),
            bad("--qpm", "sample", "--qpm", "1e9"),
            bad("--qpm", "sample", "--qpm", "1e-9"),
            bad("--temperature", "decode", "--z", "z.json", "--out", "x.mid", "--temperature", "NaN"),
            bad("--qpm", "decode", "--z", "z.json", "--out", "x.mid", "--qpm", "-3"),
            bad("--steps", "interpolate", "a.mid", "b.mid", "--steps", "10000000"),
            bad("--steps", "interpolate", "a.mid", "b.mid", "--steps", "2147483647"),
            bad("--steps", "interpolate", "a.mid", "b.mid", "--steps", "1"),
            bad("--batch", "train", "--batch", "0"),
            bad("--learning-rate", "train", "--learning-rate", "NaN"),
            bad("--weight-average", "train", "--weight-average", "1"),
            bad("--size", "train", "--size", "tiny"),
            bad("--preset", "train", "--preset", "bogus"),
            bad("--decoder", "train", "--decoder", "lstm"),
            bad("--dropout-keep", "train", "--dropout-keep", "0"),
            bad("--dropout-keep", "train", "--dropout-keep", "2"),
            bad("--validation-share", "train", "--validation-share", "NaN"),
            bad("--steps", "train", "--steps", "0"),
            bad("--steps", "train", "--steps", "-5"),
            bad("--epochs", "train", "--epochs", "NaN"),
            bad("--epochs", "train", "--epochs", "0"),
            bad("--minutes", "train", "--minutes", "-1"),
            bad("--minutes", "train", "--minutes", "Infinity"),
            bad("--validate-every", "train", "--validate-every", "0"),
            bad("--samples", "eval", "--data", "d", "--samples", "-1"),
            bad("--split", "eval", "--data", "d", "--split", "bogus"),
            bad("--min-hits", "inspect", "x.mid", "--min-hits", "-1"),
            bad("--count", "sample", "--out", "o", "--count", "abc"));
    }

    private static Arguments bad(String option, String command, String... rest) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(Arrays.asList(rest));
        if (command.equals("train")) {
            args.addAll(List.of("--data", dir.resolve("no-data").toString(), "--out", dir.resolve("m.bbm").toString()));
        } else if (command.equals("sample") && !args.contains("--out")) {
            args.addAll(List.of("--out", dir.resolve("out").toString()));
        } else if (command.equals("interpolate")) {
            args.addAll(List.of("--out", dir.resolve("out").toString()));
        }
        return Arguments.of(option, args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void aBadValueIsOneLineNamingTheOptionWithExitCode2(String option, String[] args) {
        InspectCommandTest.Run r = InspectCommandTest.run(args);
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("backbeat " + args[0] + ": "), lines.get(0));
        assertTrue(lines.get(0).contains(option), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
        assertEquals("", r.out());
    }

    @Test
    void theMessageSaysWhatTheOptionAccepts() {
        String count = InspectCommandTest.run("sample", "--count", "-1", "--out", dir.toString()).err();
        assertTrue(count.contains("--count must be an integer from 1 to 100000 (got -1)"), count);
        String keep = InspectCommandTest.run("train", "--data", "d", "--out", "m.bbm", "--dropout-keep", "2").err();
        assertTrue(keep.contains("--dropout-keep must be a number in (0, 1] (got 2.0)"), keep);
        String size = InspectCommandTest.run("train", "--data", "d", "--out", "m.bbm", "--size", "tiny").err();
        assertTrue(size.contains("--size must be small, default or paper (got 'tiny')"), size);
        String decoder = InspectCommandTest.run("train", "--data", "d", "--out", "m.bbm", "--decoder", "lstm").err();
        assertEquals("backbeat train: --decoder must be flat or hierarchical (got 'lstm') (see 'backbeat train --help')",
            decoder.strip());
        String preset = InspectCommandTest.run("train", "--data", "d", "--out", "m.bbm", "--preset", "bogus").err();
        assertTrue(preset.contains("--preset must be quick, standard, full or groovae_4bar (got 'bogus')"), preset);
    }

    @Test
    void anOutputFolderThatIsAFileIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(dir.resolve("a.mid"), "x");
        InspectCommandTest.Run r = InspectCommandTest.run("sample", "--out", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--out must be a folder, and " + file + " is a file"), r.err());
    }
}
