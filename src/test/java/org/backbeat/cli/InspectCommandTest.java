package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackbeatCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void folderJsonHasFilesWindowsAndSkippedWithReasons(@TempDir Path dir, @TempDir Path cache) throws Exception {
        System.setProperty("backbeat.cache", cache.toString());
        TestData.folder(dir, 6);
        Run r = run("inspect", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(6, j.get("files").asInt());
        assertEquals(6, j.get("windows").asInt());
        assertEquals(1, j.get("skipped").size());
        assertEquals("broken.mid", j.get("skipped").get(0).get("file").asText());
        assertTrue(j.get("skipped").get(0).get("reason").asText().contains("truncated"));
    }

    /**
     * Files named like MIDI files that are not regular files were dropped without a word (a FIFO
     * hung the scan): each is listed with its reason, next to a 3 GB file refused by its size.
     */
    @Test
    void oddFilesInAFolderAreListedWithReasonsAndNothingHangs(@TempDir Path dir, @TempDir Path cache) throws Exception {
        System.setProperty("backbeat.cache", cache.toString());
        TestData.folder(dir, 3);
        Path pipe = TestData.fifo(dir.resolve("pipe.mid"));
        Files.createSymbolicLink(dir.resolve("broken.midi"), dir.resolve("nowhere.mid"));
        Files.createDirectory(dir.resolve("folder.mid"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("huge.mid").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
            () -> run("inspect", dir.toString(), "--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("files").asInt());
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        j.get("skipped").forEach(s -> reasons.put(s.get("file").asText(), s.get("reason").asText()));
        assertTrue(reasons.get(pipe.getFileName().toString()).startsWith("not a regular file (a named pipe"), reasons.toString());
        assertTrue(reasons.get("broken.midi").startsWith("broken symbolic link"), reasons.toString());
        assertEquals("a folder, not a file", reasons.get("folder.mid"));
        assertTrue(reasons.get("huge.mid").startsWith("too large for a MIDI file (3072 MB"), reasons.toString());
        Run single = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
            () -> run("inspect", pipe.toString()));
        assertEquals(1, single.code());
        assertTrue(single.out().contains("not a regular file"), single.out());
    }

    @Test
    void theHopSetsTheTrainingWindowsOfAFolder(@TempDir Path dir, @TempDir Path cache) throws Exception {
        System.setProperty("backbeat.cache", cache.toString());
        org.backbeat.LongGrooves.write(TestData.busyGroove(5), 4, dir.resolve("long.mid")); // 16 bars
        assertEquals(13, new ObjectMapper().readTree(run("inspect", dir.toString(), "--json").out())
            .get("windowsPerSplit").get("train").asInt());
        JsonNode hop4 = new ObjectMapper().readTree(run("inspect", dir.toString(), "--hop", "4", "--json").out());
        assertEquals(4, hop4.get("windowsPerSplit").get("train").asInt());
        assertEquals(4, hop4.get("windowHopBars").get("train").asInt());
        Run bad = run("inspect", dir.toString(), "--hop", "0");
        assertEquals(2, bad.code());
        assertEquals("backbeat inspect: --hop must be at least 1 bar, not 0", bad.err().strip());
    }

    @Test
    void singleFileAndExitCodes(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("g.mid");
        org.backbeat.midi.MidiFiles.write(TestData.busyGroove(1), good);
        Run ok = run("inspect", good.toString());
        assertEquals(0, ok.code());
        assertTrue(ok.out().contains("windows:      1"), ok.out());

        Path bad = dir.resolve("bad.mid");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        Run nothing = run("inspect", bad.toString(), "--json");
        assertEquals(1, nothing.code());
        assertTrue(nothing.out().contains("not a MIDI file"), nothing.out());

        assertEquals(1, run("inspect", dir.resolve("missing.mid").toString()).code());
        assertEquals(2, run("inspect").code());
        assertEquals(2, run("inspect", "--frobnicate", good.toString()).code());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("Backbeat "), v.out());
        Run h = run("help", "inspect");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--json"));
    }

    @Test
    void aModelFileShowsItsCardAndAForeignFileAClearError(@TempDir Path dir) throws Exception {
        org.backbeat.model.ModelConfig c = new org.backbeat.model.ModelConfig(8, 4,
            org.backbeat.model.DecoderType.HIERARCHICAL, java.util.List.of(8), 8, org.backbeat.groove.DrumMapping.ROLAND);
        Path model = dir.resolve("tiny.bbm");
        org.backbeat.model.ModelFile.save(model, new org.backbeat.model.StoredModel(c,
            org.backbeat.model.ModelInitializer.random(c, 1),
            org.backbeat.model.ModelCard.named("Tiny test model", "for the inspect test"), java.util.List.of()));
        Run r = run("inspect", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Tiny test model"), r.out());
        assertTrue(r.out().contains("decoder: hierarchical [8], conductor 8"), r.out());
        Run j = run("inspect", model.toString(), "--json");
        assertEquals(0, j.code(), j.err());
        assertEquals(4, new ObjectMapper().readTree(j.out()).get("config").get("zSize").asInt());

        Path foreign = dir.resolve("foreign.bbm");
        Files.writeString(foreign, "not a model");
        Run bad = run("inspect", foreign.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("backbeat inspect: "), bad.err());
    }
}
