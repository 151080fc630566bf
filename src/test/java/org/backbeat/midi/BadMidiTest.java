package org.backbeat.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives a one-line reason, never an exception, and never stops a batch. */
class BadMidiTest {

    private static MidiScan scan(byte[] bytes) {
        return MidiFiles.scan(bytes, "bad.mid", ReadOptions.userImport());
    }

    private static void assertReason(byte[] bytes, String expectedPart) {
        MidiScan s = scan(bytes);
        assertFalse(s.ok(), "should be skipped: " + expectedPart);
        String reason = s.skipReason().get();
        assertTrue(reason.contains(expectedPart), "reason '" + reason + "' should mention '" + expectedPart + "'");
        assertFalse(reason.contains("\n"), "one line");
        assertTrue(s.windows().isEmpty());
    }

    private static byte[] good() {
        return SmfBytes.file(1, 480, List.of(SmfBytes.endOfTrack(), SmfBytes.quarterKicks(4, 9)));
    }

    @Test
    void theGoodFileIsGood() {
        assertTrue(scan(good()).ok());
    }

    @Test
    void aTempoFasterThanAThousandQpmIsDamageNotSixtyMillionQpm() {
        byte[] oneMicrosecond = {0, (byte) 0xFF, 0x51, 3, 0, 0, 1};
        assertReason(SmfBytes.file(1, 480, List.of(SmfBytes.concat(oneMicrosecond, SmfBytes.endOfTrack()),
            SmfBytes.quarterKicks(4, 9))), "tempo of 1 microseconds per quarter note");
        byte[] slow = {0, (byte) 0xFF, 0x51, 3, 0x0F, (byte) 0xFF, (byte) 0xFF}; // 1,048,575 us: 57 qpm
        assertTrue(scan(SmfBytes.file(1, 480, List.of(SmfBytes.concat(slow, SmfBytes.endOfTrack()),
            SmfBytes.quarterKicks(4, 9)))).ok());
    }

    /** 200,000 time-signature changes took 48 s (every 4/4 region walked every note): now linear. */
    @Test
    void manyTimeSignatureChangesTakeLinearTime() {
        java.io.ByteArrayOutputStream t = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200_000; i++) {
            byte[] ts = SmfBytes.timeSignature(i % 2 == 0 ? 4 : 3, 2);
            ts[0] = 0;
            t.writeBytes(i == 0 ? ts : SmfBytes.concat(SmfBytes.vlq(60), java.util.Arrays.copyOfRange(ts, 1, ts.length)));
            t.writeBytes(new byte[] {0, (byte) 0x99, 36, 100});
            t.writeBytes(SmfBytes.concat(SmfBytes.vlq(60), new byte[] {(byte) 0x89, 36, 0}));
        }
        t.writeBytes(SmfBytes.endOfTrack());
        byte[] file = SmfBytes.file(0, 480, List.of(t.toByteArray()));
        MidiScan s = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(15),
            () -> scan(file));
        assertTrue(s.skipReason().get().contains("shorter than 4 bars"), s.skipReason().get());
    }

    /** 20 M note-ons in a 60 MB file took 3.5-4 GB: the notes of one file are bounded. */
    @Test
    void aFileWithMoreNotesThanAnyDrumFileIsSkipped() {
        int n = SmfParser.MAX_NOTES + 1;
        byte[] events = new byte[4 + 3 * n + 4];
        int p = 0;
        events[p++] = 0;
        events[p++] = (byte) 0x99;
        events[p++] = 36;
        events[p++] = 100;
        for (int i = 1; i < n; i++) { // running status, all at tick 0: delta 0, pitch, velocity
            events[p++] = 0;
            events[p++] = 36;
            events[p++] = 100;
        }
        byte[] end = SmfBytes.endOfTrack();
        System.arraycopy(end, 0, events, p, end.length);
        assertReason(SmfBytes.file(0, 480, List.of(Arrays.copyOf(events, p + end.length))), "more than 1000000 notes");
    }

    @Test
    void emptyFile() {
        assertReason(new byte[0], "empty file");
    }

    @Test
    void randomBytes() {
        byte[] junk = new byte[1000];
        new Random(7).nextBytes(junk);
        assertReason(junk, "not a MIDI file");
    }

    @Test
    void truncatedHeader() {
        assertReason(Arrays.copyOf(good(), 10), "truncated header");
    }

    @Test
    void truncatedTrack() {
        byte[] g = good();
        assertReason(Arrays.copyOf(g, g.length - 20), "truncated track 2");
    }

    @Test
    void wrongChunkLength() {
        byte[] g = good();
        // the second track's length field: header 14 + first track (8 + 4) = 26
        g[26 + 4] = 0x7F;
        assertReason(g, "truncated track 2");
        byte[] shorter = good();
        shorter[26 + 7] = 3; // too short: the track ends inside an event
        assertReason(shorter, "track 2");
    }

    @Test
    void noDrumNotes() {
        byte[] piano = SmfBytes.file(0, 480, List.of(SmfBytes.quarterNotes(4, 0, 60)));
        assertReason(piano, "no drum notes");
        byte[] silent = SmfBytes.file(0, 480, List.of(SmfBytes.endOfTrack()));
        assertReason(silent, "no notes");
    }

    @Test
    void notFourFour() {
        byte[] waltz = SmfBytes.file(0, 480, List.of(SmfBytes.concat(SmfBytes.timeSignature(3, 2), SmfBytes.quarterKicks(8, 9))));
        assertReason(waltz, "not in 4/4 (3/4)");
    }

    @Test
    void smpteDivision() {
        assertReason(SmfBytes.file(0, 0xE728, List.of(SmfBytes.quarterKicks(4, 9))), "SMPTE");
    }

    @Test
    void typeTwo() {
        assertReason(SmfBytes.file(2, 480, List.of(SmfBytes.quarterKicks(4, 9))), "type 2");
    }

    @Test
    void enormousDeltaTime() {
        byte[] events = SmfBytes.concat(new byte[] {0, (byte) 0x99, 36, 100},
            SmfBytes.vlq(0x0FFFFFFF), new byte[] {36, 100}, SmfBytes.endOfTrack());
        assertReason(SmfBytes.file(0, 480, List.of(events)), "enormous delta time");
    }

    @Test
    void deltaLongerThanFourBytes() {
        byte[] events = SmfBytes.concat(new byte[] {(byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, 0x01,
            (byte) 0x99, 36, 100}, SmfBytes.endOfTrack());
        assertReason(SmfBytes.file(0, 480, List.of(events)), "delta time longer than 4 bytes");
    }

    @Test
    void runningStatusWithoutStatus() {
        byte[] events = SmfBytes.concat(new byte[] {0, 36, 100}, SmfBytes.endOfTrack());
        assertReason(SmfBytes.file(0, 480, List.of(events)), "running status");
    }

    @Test
    void shorterThanFourBars() {
        assertReason(SmfBytes.file(0, 480, List.of(SmfBytes.quarterKicks(2, 9))), "shorter than 4 bars");
    }

    @Test
    void aBatchGoesOnPastBadFiles(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a_good.mid"), good());
        Files.write(dir.resolve("b_empty.mid"), new byte[0]);
        Files.write(dir.resolve("c_junk.mid"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("d_good.mid"), good());
        List<MidiScan> scans = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.sorted().forEach(f -> scans.add(MidiFiles.scan(f, ReadOptions.userImport())));
        }
        assertEquals(List.of(true, false, false, true), scans.stream().map(MidiScan::ok).toList());
    }

    /**
     * Seeded random mutations of valid files (byte flips, truncations, inserted junk, duplicated
     * spans): the reader must never throw, hang or allocate without bound, and whatever it returns
     * must be well-formed grooves or a one-line reason. Bounded to a few seconds.
     */
    @Test
    void fuzzedFilesNeverCrash() {
        Random r = new Random(20261124);
        List<byte[]> seeds = List.of(good(), MidiFiles.toBytes(MidiFilesTest.randomGroove(3, 101)),
            SmfBytes.file(0, 96, List.of(SmfBytes.quarterKicks(6, 9))));
        long deadline = System.nanoTime() + 20_000_000_000L;
        int cases = 0;
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++, cases++) {
            byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
            int kind = r.nextInt(5);
            if (kind == 0) {
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            } else if (kind == 1) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            } else if (kind == 2) {
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                b = SmfBytes.concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
            } else if (kind == 3) {
                int from = r.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + r.nextInt(32));
                b = SmfBytes.concat(b, Arrays.copyOfRange(b, from, from + len));
            } else {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            MidiScan s = scan(b);
            if (s.ok()) {
                for (Groove g : s.windows()) {
                    assertTrue(g.qpm() > 0);
                }
            } else {
                assertFalse(s.skipReason().get().isBlank());
                assertFalse(s.skipReason().get().contains("\n"));
            }
        }
        assertTrue(cases > 1000, "fuzzed only " + cases + " cases");
    }
}
