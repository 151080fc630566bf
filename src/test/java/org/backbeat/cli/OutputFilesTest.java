package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.StoredModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line never replaces an existing output unless told to (--overwrite). */
class OutputFilesTest {

    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void tinyModel() throws Exception {
        ModelConfig c = new ModelConfig(8, 4, DecoderType.FLAT, List.of(8), 0, DrumMapping.ROLAND);
        model = dir.resolve("tiny.bbm");
        ModelFile.save(model, new StoredModel(c, ModelInitializer.random(c, 1), ModelCard.named("tiny", "test"),
            List.of()));
    }

    private List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSampleRerunContinuesTheNumbersAndOverwriteStartsAgain() throws Exception {
        Path out = dir.resolve("grooves");
        InspectCommandTest.Run first = InspectCommandTest.run("sample", "--model", model.toString(), "--count", "2",
            "--seed", "1", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        byte[] one = Files.readAllBytes(out.resolve("sample-01.mid"));
        InspectCommandTest.Run again = InspectCommandTest.run("sample", "--model", model.toString(), "--count", "2",
            "--seed", "2", "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("sample-01.mid", "sample-02.mid", "sample-03.mid", "sample-04.mid"), names(out));
        assertArrayEquals(one, Files.readAllBytes(out.resolve("sample-01.mid")), "the first run's file was replaced");
        assertTrue(again.out().contains("sample-03.mid"), again.out());

        InspectCommandTest.Run over = InspectCommandTest.run("sample", "--model", model.toString(), "--count", "2",
            "--seed", "2", "--out", out.toString(), "--overwrite");
        assertEquals(0, over.code(), over.err());
        assertArrayEquals(Files.readAllBytes(out.resolve("sample-03.mid")), Files.readAllBytes(out.resolve("sample-01.mid")));
    }

    @Test
    void moreThanOneBatchOfSamplesIsWrittenAndTheFirstBatchIsAsBefore() throws Exception {
        int n = ModelCommands.Sample.BATCH + 3;
        String batch = String.valueOf(ModelCommands.Sample.BATCH);
        Path big = dir.resolve("big");
        Path small = dir.resolve("small");
        assertEquals(0, InspectCommandTest.run("sample", "--model", model.toString(), "--count", String.valueOf(n),
            "--out", big.toString()).code());
        assertEquals(0, InspectCommandTest.run("sample", "--model", model.toString(), "--count", batch,
            "--out", small.toString()).code());
        assertEquals(n, names(big).size());
        // up to one batch the files are those of one sample() call, as they were before batches
        for (String f : List.of("sample-01.mid", "sample-100.mid", "sample-" + batch + ".mid")) {
            assertArrayEquals(Files.readAllBytes(small.resolve(f)), Files.readAllBytes(big.resolve(f)), f);
        }
    }

    @Test
    void decodeAndRenderRefuseAnExistingOutputWithoutOverwrite() throws Exception {
        Path z = Files.writeString(dir.resolve("z.json"), "[0, 0, 0, 0]");
        Path mid = Files.writeString(dir.resolve("old.mid"), "precious");
        InspectCommandTest.Run d = InspectCommandTest.run("decode", "--model", model.toString(), "--z", z.toString(),
            "--out", mid.toString());
        assertEquals(2, d.code(), d.err());
        assertTrue(d.err().contains("--out " + mid + " already exists; pass --overwrite"), d.err());
        assertEquals("precious", Files.readString(mid));
        InspectCommandTest.Run ok = InspectCommandTest.run("decode", "--model", model.toString(), "--z", z.toString(),
            "--out", mid.toString(), "--overwrite");
        assertEquals(0, ok.code(), ok.err());
        assertFalse(new String(Files.readAllBytes(mid), java.nio.charset.StandardCharsets.ISO_8859_1).equals("precious"));

        Path wav = Files.writeString(dir.resolve("old.wav"), "precious");
        InspectCommandTest.Run r = InspectCommandTest.run("render", mid.toString(), "--out", wav.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("precious", Files.readString(wav));
    }
}
