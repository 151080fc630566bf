package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backbeat.model.DecoderType;
import org.backbeat.train.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code backbeat bench --size/--decoder} are the {@link ModelSize} and {@link DecoderType} enums,
 * read by {@link Usage}'s converters as {@code train} reads them: a bad name is one line naming the
 * option and what it accepts, exit 2, before anything is measured.
 */
class BenchCommandTest {

    @Test
    void sizeAndDecoderAreTheEnumsWithTheirDefaults() {
        BenchCommand given = new BenchCommand();
        new CommandLine(given).parseArgs("--size", "tiny", "--decoder", "hierarchical");
        assertEquals(ModelSize.TINY, given.size);
        assertEquals(DecoderType.HIERARCHICAL, given.decoder);
        BenchCommand none = new BenchCommand();
        new CommandLine(none).parseArgs();
        assertEquals(ModelSize.DEFAULT, none.size);
        assertEquals(DecoderType.FLAT, none.decoder);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--size huge --train|--size must be tiny, small, default or paper (got 'huge')",
        "--size Tiny|--size must be tiny, small, default or paper (got 'Tiny')",
        "--decoder lstm --train|--decoder must be flat or hierarchical (got 'lstm')",
        "--decoder lstm --train-memory|--decoder must be flat or hierarchical (got 'lstm')",
        "--train-memory --size paper|--size must be tiny, small or default with --train-memory (got 'paper')",
        "--train-memory --every 15|--every must be a positive multiple of 10 (got 15)",
        "--train-memory --every 0|--every must be a positive multiple of 10 (got 0)",
        "--train --steps 0|--steps must be an integer from 1 to 1000000000 (got 0)"})
    void aBadValueIsOneUsageLine(String args, String message) {
        List<String> argv = new java.util.ArrayList<>(List.of("bench"));
        argv.addAll(List.of(args.split(" ")));
        InspectCommandTest.Run r = InspectCommandTest.run(argv.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals("backbeat bench: " + message + " (see 'backbeat bench --help')", r.err().strip());
        assertEquals("", r.out(), "nothing measured");
    }
}
