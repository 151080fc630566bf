package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.backbeat.groove.DrumMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    static final ModelConfig TINY = new ModelConfig(12, 8, DecoderType.FLAT, List.of(10, 6), 0, DrumMapping.ROLAND);

    static StoredModel tiny() {
        return new StoredModel(TINY, ModelInitializer.random(TINY, 5), new ModelCard("tiny", "for tests",
            Map.of("steps", 3), Map.of("hitF1", 0.5)),
            List.of(new LatentDirection("busier", "more hits", new float[] {1, 0, 0, 0, 0, 0, 0, 0}, 0.7f)));
    }

    @Test
    void saveAndLoadGiveBackEverything(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.bbm");
        StoredModel m = tiny();
        ModelFile.save(f, m);
        StoredModel back = ModelFile.load(f);
        assertEquals(m.config(), back.config());
        assertEquals("roland", back.config().mapping().name());
        assertEquals(m.card(), back.card());
        assertEquals(1, back.directions().size());
        assertEquals("busier", back.directions().get(0).name());
        for (String name : m.weights().names()) {
            assertArrayEquals(m.weights().get(name).data(), back.weights().get(name).data(), name);
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.toString().endsWith(".tmp")), "no temp file left behind");
    }

    private static String loadError(Path f) {
        return assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
    }

    @Test
    void badFilesGiveOneLineReasons(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.bbm");
        ModelFile.save(good, tiny());
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.bbm");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(loadError(truncated).contains("damaged"), loadError(truncated));

        Path junk = dir.resolve("junk.bbm");
        Files.write(junk, "this is not a model".getBytes());
        assertTrue(loadError(junk).contains("not a readable zip") || loadError(junk).contains("damaged"), loadError(junk));

        Path foreign = dir.resolve("foreign.bbm");
        zip(foreign, Map.of("hello.txt", "hi"));
        assertTrue(loadError(foreign).contains("not a Backbeat model"), loadError(foreign));

        Path newer = dir.resolve("newer.bbm");
        zip(newer, Map.of("backbeat-model.json", "{\"format\":\"backbeat-model\",\"version\":99}"));
        assertTrue(loadError(newer).contains("newer Backbeat"), loadError(newer));

        assertTrue(loadError(dir.resolve("missing.bbm")).contains("no such file"));
        for (Path p : List.of(truncated, junk, foreign, newer)) {
            assertFalse(loadError(p).contains("\n"), "one line: " + p);
        }
    }

    @Test
    void wrongShapesForTheConfigAreNamed(@TempDir Path dir) throws Exception {
        StoredModel m = tiny();
        ModelConfig bigger = new ModelConfig(16, 8, DecoderType.FLAT, List.of(10, 6), 0, DrumMapping.ROLAND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new FastGrooveModel(bigger, m.weights()));
        assertTrue(e.getMessage().contains("encoder/fw/Wx"), e.getMessage());
    }

    @Test
    void aFailedSaveKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.bbm");
        ModelFile.save(f, tiny());
        byte[] before = Files.readAllBytes(f);
        Path blocked = dir.resolve("sub");
        Files.writeString(blocked, "a file where a folder should be");
        assertThrows(ModelFileException.class, () -> ModelFile.save(blocked.resolve("m.bbm"), tiny()));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    static void zip(Path f, Map<String, String> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(raw)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes());
                z.closeEntry();
            }
        }
    }
}
