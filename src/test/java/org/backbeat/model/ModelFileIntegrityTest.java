package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged model is refused on load with a one-line reason, the same for every command. */
class ModelFileIntegrityTest {

    @TempDir
    Path dir;

    private Path good() throws Exception {
        Path f = dir.resolve("good.bbm");
        ModelFile.save(f, ModelFileTest.tiny());
        return f;
    }

    private static String loadError(Path f) {
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(f)).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(f.toString()), "names the file: " + m);
        return m;
    }

    /** A copy of {@code from} with some entries changed (the zip's own CRCs made to match). */
    static Path rewrite(Path from, Path to, Map<String, UnaryOperator<byte[]>> change) throws Exception {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream raw = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(raw)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] b = in.getInputStream(e).readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(change.getOrDefault(e.getName(), x -> x).apply(b));
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void aFlippedByteAnywhereInTheCompressedWeightsIsRefused() throws Exception {
        Path good = good();
        byte[] bytes = Files.readAllBytes(good);
        int start;
        long compressed;
        try (ZipFile z = new ZipFile(good.toFile())) {
            compressed = z.getEntry("weights.bin").getCompressedSize();
        }
        // the local header of weights.bin: its name, then the data
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        start = all.indexOf("weights.bin") + "weights.bin".length();
        for (int k = 1; k < 20; k++) {
            int at = start + (int) (compressed * k / 20);
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x10;
            Path f = Files.write(dir.resolve("flipped" + k + ".bbm"), damaged);
            String m = loadError(f);
            assertTrue(m.contains("damaged"), m);
        }
    }

    @Test
    void aChangedTensorWithAMatchingZipChecksumIsCaughtByItsOwnChecksum() throws Exception {
        Path f = rewrite(good(), dir.resolve("changed.bbm"), Map.of("weights.bin", b -> {
            byte[] c = b.clone();
            c[40] ^= 0x01; // a low mantissa bit of one weight of encoder/fw/Wx: a finite, plausible value
            return c;
        }));
        assertTrue(loadError(f).contains("weight 'encoder/fw/Wx' fails its checksum"), loadError(f));
    }

    @Test
    void nanOrInfiniteWeightsAreRefused() throws Exception {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            StoredModel m = ModelFileTest.tiny();
            ModelWeights.Builder b = ModelWeights.builder();
            m.weights().asMap().forEach((name, p) -> {
                float[] d = new float[p.data().length];
                Arrays.fill(d, bad);
                b.put(name, p.shape(), d);
            });
            Path f = dir.resolve("bad" + bad + ".bbm");
            ModelFile.save(f, new StoredModel(m.config(), b.build(), m.card(), m.directions()));
            assertTrue(loadError(f).contains("every weight must be a finite number"), loadError(f));
        }
    }

    @Test
    void anOverflowedShapeIsNamedWithTheWeightAndWhatTheConfigNeeds() throws Exception {
        Path f = rewrite(good(), dir.resolve("shape.bbm"), Map.of("weights.json", b ->
            new String(b, StandardCharsets.UTF_8).replaceFirst("\\[\\s*27\\s*,\\s*48\\s*\\]", "[27, 4000000000]")
                .getBytes(StandardCharsets.UTF_8)));
        String m = loadError(f);
        assertTrue(m.contains("weight 'encoder/fw/Wx' has shape [27,4000000000], the config needs [27, 48]"), m);
        Path negative = rewrite(good(), dir.resolve("negative.bbm"), Map.of("weights.json", b ->
            new String(b, StandardCharsets.UTF_8).replaceFirst("\\[\\s*27\\s*,\\s*48\\s*\\]", "[27, -1024]")
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(loadError(negative).contains("has shape [27,-1024]"), loadError(negative));
    }

    @Test
    void aWeightsEntryLargerThanTheShapesNeedIsRefusedBeforeInflating() throws Exception {
        // 256 MB of zeros compress to a few hundred KB: the size in the zip directory gives it away
        Path f = rewrite(good(), dir.resolve("bomb.bbm"), Map.of("weights.bin", b -> new byte[256 << 20]));
        long t0 = System.nanoTime();
        String m = loadError(f);
        assertTrue(m.contains("weights.bin holds 268435456 bytes, the weights need "), m);
        assertTrue((System.nanoTime() - t0) / 1e9 < 2, "it inflated first");
    }

    @Test
    void unknownFieldsOfANewerCardAreIgnoredAndANewerFormatIsRefused() throws Exception {
        Path f = rewrite(good(), dir.resolve("newer-card.bbm"), Map.of(
            "model-card.json", b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\\{",
                "{\"licence\": \"CC BY 4.0\", \"extra\": {\"a\": [1, 2]},").getBytes(StandardCharsets.UTF_8),
            "latent.json", b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"unit\": \"z\",")
                .getBytes(StandardCharsets.UTF_8),
            "config.json", b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"future\": true,")
                .getBytes(StandardCharsets.UTF_8)));
        StoredModel m = ModelFile.load(f);
        assertEquals("tiny", m.card().name());
        assertEquals("busier", m.directions().get(0).name());
        assertEquals("tiny", ModelFile.loadCard(f).name());
        Path newer = rewrite(good(), dir.resolve("newer-format.bbm"), Map.of("backbeat-model.json",
            b -> "{\"format\":\"backbeat-model\",\"version\":2}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(loadError(newer).contains("was written by a newer Backbeat (model format 2"), loadError(newer));
    }

    @Test
    void theGoodFileStillLoadsExactly() throws Exception {
        StoredModel back = ModelFile.load(good());
        ModelWeights w = ModelFileTest.tiny().weights();
        for (String n : w.names()) {
            assertArrayEquals(w.get(n).data(), back.weights().get(n).data(), n);
        }
        assertEquals(List.copyOf(w.names()), List.copyOf(back.weights().names()));
    }

    /**
     * Seeded random damage to a model file (byte flips, bit flips, truncations, inserted junk):
     * every load either refuses with a one-line {@link ModelFileException} naming the file, or
     * gives back exactly the saved weights (damage to bytes nothing reads, such as a timestamp).
     * Never another exception, never changed numbers.
     */
    @Test
    void fuzzedModelFilesAreRefusedOrLoadUnchanged() throws Exception {
        Path good = good();
        byte[] bytes = Files.readAllBytes(good);
        ModelWeights original = ModelFile.load(good).weights();
        java.util.Random r = new java.util.Random(20261201);
        long deadline = System.nanoTime() + 15_000_000_000L;
        int cases = 0;
        int refused = 0;
        for (int i = 0; i < 600 && System.nanoTime() < deadline; i++, cases++) {
            byte[] b = bytes.clone();
            int kind = r.nextInt(4);
            if (kind == 0) {
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            } else if (kind == 1) {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            } else if (kind == 2) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            } else {
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                byte[] c = new byte[b.length + junk.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, junk.length);
                System.arraycopy(b, at, c, at + junk.length, b.length - at);
                b = c;
            }
            Path f = Files.write(dir.resolve("fuzz.bbm"), b);
            StoredModel m;
            try {
                m = ModelFile.load(f);
            } catch (ModelFileException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                refused++;
                continue;
            }
            for (String n : original.names()) {
                assertArrayEquals(original.get(n).data(), m.weights().get(n).data(), "case " + i + ": " + n);
            }
        }
        assertTrue(cases >= 100, "fuzzed only " + cases);
        assertTrue(refused > cases / 2, refused + " of " + cases + " refused");
    }

    /** A Magenta.js manifest with a damaged shape gave "is damaged: -1024" or an overflowed array size. */
    @Test
    void aMagentaCheckpointWithADamagedShapeNamesTheWeight() throws Exception {
        Path ckpt = Files.createDirectories(dir.resolve("magenta"));
        Files.writeString(ckpt.resolve("config.json"), "{\"type\": \"MusicVAE\", \"dataConverter\": "
            + "{\"type\": \"GrooveConverter\", \"args\": {\"numSteps\": 64}}}");
        Files.write(ckpt.resolve("group1-shard1of1"), new byte[4096]);
        for (String shape : List.of("[27, -1024]", "[65536, 65536]", "[27, 4000000000]")) {
            Files.writeString(ckpt.resolve("weights_manifest.json"), "[{\"paths\": [\"group1-shard1of1\"], "
                + "\"weights\": [{\"name\": \"encoder/w\", \"shape\": " + shape + ", \"dtype\": \"float32\"}]}]");
            String m = assertThrows(ModelFileException.class, () -> MagentaImporter.importCheckpoint(ckpt)).getMessage();
            assertTrue(m.contains("weight encoder/w has shape"), shape + ": " + m);
        }
    }

    /** A FIFO named .bbm (or .bbm.ckpt) hung every reader forever. */
    @Test
    void aFifoNamedLikeAModelOrCheckpointIsRefusedAtOnce() throws Exception {
        Path pipe = org.backbeat.TestData.fifo(dir.resolve("pipe.bbm"));
        String m = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
            () -> loadError(pipe));
        assertTrue(m.contains("not a regular file"), m);
        Path ckpt = org.backbeat.TestData.fifo(dir.resolve("m.bbm.ckpt"));
        String c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
            () -> assertThrows(ModelFileException.class, () -> org.backbeat.train.Checkpoint.loadHeader(ckpt))
                .getMessage());
        assertTrue(c.contains("not a regular file"), c);
    }

    /** inspect once exited 0 for a model that sample then rejected with an error naming no file. */
    @Test
    void inspectAndSampleRefuseADamagedModelAlike() throws Exception {
        Path f = rewrite(good(), dir.resolve("shape.bbm"), Map.of("weights.json", b ->
            new String(b, StandardCharsets.UTF_8).replaceFirst("\\[\\s*27\\s*,\\s*48\\s*\\]", "[27, 4000000000]")
                .getBytes(StandardCharsets.UTF_8)));
        String expected = f + " is damaged: weight 'encoder/fw/Wx' has shape [27,4000000000]";
        for (String[] args : List.of(new String[] {"inspect", f.toString()},
            new String[] {"sample", "--model", f.toString(), "--out", dir.resolve("out").toString()})) {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = org.backbeat.cli.BackbeatCommand.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), args);
            assertEquals(1, code, args[0] + ": " + err);
            assertTrue(err.toString().contains(expected), args[0] + ": " + err);
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }
}
