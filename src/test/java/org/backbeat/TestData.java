package org.backbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;

/** Grooves and MIDI folders that tests make themselves (the dataset is never copied). */
public final class TestData {

    private TestData() {
    }

    /** Kick, snare and closed hat at ~40% density with small offsets; ~75 hits. */
    public static Groove busyGroove(long seed) {
        Random r = new Random(seed);
        Groove g = Groove.empty(90 + r.nextInt(60));
        for (int s = 0; s < 64; s++) {
            for (int c = 0; c < 3; c++) {
                if (r.nextDouble() < 0.4) {
                    g = g.withCell(s, c, true, 0.3f + 0.7f * r.nextFloat(), 0.2f * (r.nextFloat() - 0.5f));
                }
            }
        }
        return g;
    }

    /** A folder of {@code n} good grooves in sub-folders, plus a damaged .mid and a text file. */
    public static Path folder(Path dir, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path sub = dir.resolve("set" + (i % 3));
            Files.createDirectories(sub);
            MidiFiles.write(busyGroove(i), sub.resolve("groove" + i + ".mid"));
        }
        Files.write(dir.resolve("broken.mid"), new byte[] {'M', 'T', 'h', 'd', 0, 0});
        Files.writeString(dir.resolve("notes.txt"), "not midi");
        return dir;
    }

    /** A named pipe at {@code p} (mkfifo); the calling test is skipped where there is no mkfifo. */
    public static Path fifo(Path p) throws Exception {
        int rc;
        try {
            rc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(rc == 0, "no mkfifo here");
        return p;
    }

    public static Path shared() {
        return Path.of(System.getProperty("backbeat.shared", "../shared"));
    }

    /** Whether lane {@code c} of {@code a} and {@code b} has the same hits, velocities and offsets, bit for bit. */
    public static boolean sameLane(Groove a, Groove b, int c) {
        for (int s = 0; s < Groove.STEPS; s++) {
            if (a.hit(s, c) != b.hit(s, c)
                || Float.floatToRawIntBits(a.velocity(s, c)) != Float.floatToRawIntBits(b.velocity(s, c))
                || Float.floatToRawIntBits(a.offset(s, c)) != Float.floatToRawIntBits(b.offset(s, c))) {
                return false;
            }
        }
        return true;
    }
}
