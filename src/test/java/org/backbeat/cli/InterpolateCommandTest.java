package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.backbeat.TestData;
import org.backbeat.midi.MidiFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interpolate --temperature}, the counterpart of Magenta's {@code music_vae_generate --mode=interpolate}. */
class InterpolateCommandTest {

    @Test
    void aTemperatureSamplesTheHitsReproduciblyByItsSeed(@TempDir Path dir) throws Exception {
        Path m = EvalCommandTest.model(dir.resolve("m.bbm"), null);
        Path a = dir.resolve("a.mid");
        Path b = dir.resolve("b.mid");
        MidiFiles.write(TestData.busyGroove(1), a);
        MidiFiles.write(TestData.busyGroove(2), b);
        byte[][] plain = run(dir.resolve("plain"), m, a, b);
        byte[][] zero = run(dir.resolve("zero"), m, a, b, "--temperature", "0");
        byte[][] hot1 = run(dir.resolve("hot1"), m, a, b, "--temperature", "1.5", "--seed", "3");
        byte[][] hot2 = run(dir.resolve("hot2"), m, a, b, "--temperature", "1.5", "--seed", "3");
        byte[][] hot3 = run(dir.resolve("hot3"), m, a, b, "--temperature", "1.5", "--seed", "4");
        assertEquals(5, plain.length);
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], zero[i], "temperature 0 is the plain interpolation");
            assertArrayEquals(hot1[i], hot2[i], "same seed, same grooves");
        }
        assertFalse(Arrays.deepEquals(plain, hot1), "a random model at temperature 1.5 samples other hits");
        assertFalse(Arrays.deepEquals(hot1, hot3), "another seed, other hits");

        InspectCommandTest.Run bad = InspectCommandTest.run("interpolate", a.toString(), b.toString(), "--model",
            m.toString(), "--out", dir.toString(), "--temperature", "-1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().startsWith("backbeat interpolate: --temperature must be a number in [0, 10]"),
            bad.err());
    }

    @Test
    void oneFileHoldsThePathOneSectionPerStep(@TempDir Path dir) throws Exception {
        Path m = EvalCommandTest.model(dir.resolve("m.bbm"), null);
        Path a = dir.resolve("a.mid");
        Path b = dir.resolve("b.mid");
        MidiFiles.write(TestData.busyGroove(1), a);
        MidiFiles.write(TestData.busyGroove(2), b);
        byte[][] clips = run(dir.resolve("clips"), m, a, b);
        Path one = dir.resolve("path.mid");
        InspectCommandTest.Run r = InspectCommandTest.run("interpolate", a.toString(), b.toString(), "--model",
            m.toString(), "--steps", "5", "--one-file", one.toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<org.backbeat.groove.Groove> sections =
            MidiFiles.readGrooves(one, org.backbeat.midi.ReadOptions.userImport());
        assertEquals(5, sections.size());
        for (int i = 0; i < 5; i++) {
            Path clip = Files.write(dir.resolve("clip" + i + ".mid"), clips[i]);
            org.backbeat.groove.Groove c = MidiFiles.readGrooves(clip, org.backbeat.midi.ReadOptions.userImport()).get(0);
            for (int s = 1; s < org.backbeat.groove.Groove.STEPS; s++) { // step 0: a clip cannot start before tick 0
                for (int k = 0; k < org.backbeat.groove.Groove.CLASSES; k++) {
                    assertEquals(c.hit(s, k), sections.get(i).hit(s, k), "section " + i + " is clip " + i);
                }
            }
            assertEquals(c.qpm(), sections.get(i).qpm(), 0.01);
        }
        InspectCommandTest.Run both = InspectCommandTest.run("interpolate", a.toString(), b.toString(), "--model",
            m.toString(), "--one-file", one.toString(), "--out", dir.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("either --out FOLDER"), both.err());
    }

    private static byte[][] run(Path out, Path model, Path a, Path b, String... extra) throws Exception {
        Files.createDirectories(out);
        String[] args = new String[] {"interpolate", a.toString(), b.toString(), "--model", model.toString(), "--out",
            out.toString(), "--steps", "5"};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        InspectCommandTest.Run r = InspectCommandTest.run(all);
        assertEquals(0, r.code(), r.err());
        byte[][] files = new byte[5][];
        for (int i = 0; i < 5; i++) {
            files[i] = Files.readAllBytes(out.resolve(String.format("interp-%02d.mid", i + 1)));
        }
        return files;
    }
}
