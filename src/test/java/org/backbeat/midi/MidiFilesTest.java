package org.backbeat.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFilesTest {

    static Groove randomGroove(long seed, double qpm) {
        Random r = new Random(seed);
        boolean[][] h = new boolean[64][9];
        float[][] v = new float[64][9];
        float[][] o = new float[64][9];
        for (int s = 0; s < 64; s++) {
            for (int c = 0; c < 9; c++) {
                h[s][c] = r.nextDouble() < 0.25;
                v[s][c] = (1 + r.nextInt(127)) / 127f;
                o[s][c] = (float) (r.nextDouble() - 0.5) * 0.98f;
            }
        }
        // an early hit on step 0 is clamped to tick 0 by the writer: keep step 0 on or after the grid
        for (int c = 0; c < 9; c++) {
            o[0][c] = Math.abs(o[0][c]);
        }
        return Groove.of(h, v, o, qpm);
    }

    @Test
    void roundTripGivesBackTheSameGroove(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < 5; seed++) {
            Groove g = randomGroove(seed, 87 + seed * 13);
            Path f = dir.resolve("g" + seed + ".mid");
            MidiFiles.write(g, f);
            List<Groove> back = MidiFiles.readGrooves(f, ReadOptions.userImport());
            assertEquals(1, back.size());
            Groove r = back.get(0);
            assertEquals(g.qpm(), r.qpm(), 0.01);
            for (int s = 0; s < 64; s++) {
                for (int c = 0; c < 9; c++) {
                    assertEquals(g.hit(s, c), r.hit(s, c), "hit " + s + "," + c);
                    assertEquals(g.velocity(s, c), r.velocity(s, c), 1.0 / 127 + 1e-6, "velocity " + s + "," + c);
                    assertEquals(g.offset(s, c), r.offset(s, c), 1.0 / 120 + 1e-6, "offset " + s + "," + c);
                }
            }
        }
    }

    @Test
    void aTempoAMidiFileCannotHoldIsRefusedNotWrittenAsTempoZero(@TempDir Path dir) {
        Path f = dir.resolve("fast.mid");
        assertThrows(IllegalArgumentException.class, () -> MidiFiles.write(Groove.empty(1e9), f));
        assertThrows(IllegalArgumentException.class, () -> MidiFiles.write(Groove.empty(1e-9), f));
        assertFalse(Files.exists(f));
    }

    @Test
    void writesType1OnChannel10WithCanonicalPitches() throws Exception {
        Groove g = Groove.empty(100).withCell(4, DrumClass.SNARE.ordinal(), true, 1f, 0f)
            .withCell(8, DrumClass.RIDE.ordinal(), true, 0.5f, 0.25f);
        byte[] bytes = MidiFiles.toBytes(g);
        SmfParser.Content c = SmfParser.parse(bytes);
        assertEquals(1, c.format());
        assertEquals(480, c.ticksPerQuarter());
        assertEquals(2, c.notes().size());
        assertEquals(9, c.notes().get(0).channel());
        assertEquals(38, c.notes().get(0).pitch());
        assertEquals(127, c.notes().get(0).velocity());
        assertEquals(4 * 120, c.notes().get(0).tick());
        assertEquals(51, c.notes().get(1).pitch());
        assertEquals(8 * 120 + 30, c.notes().get(1).tick());
        assertEquals(600_000, c.tempos().get(0).microsPerQuarter());
    }

    @Test
    void loudestNoteOfAClassInAStepWinsAndOffsetsFollowTheGrid() {
        // two snares near step 1 (ticks 110 and 125 at 480 ppq: both quantise to step 1), the second louder
        byte[] events = SmfBytes.concat(
            SmfBytes.vlq(110), new byte[] {(byte) 0x99, 38, 50},
            SmfBytes.vlq(15), new byte[] {40, 90},                 // running status, pitch 40 = snare too
            SmfBytes.vlq(1905), new byte[] {36, 64},               // kick at tick 2030 -> step 16.9 -> 17, offset -0.083
            SmfBytes.vlq(480 * 14), new byte[] {36, 64},            // keeps the music 4 bars long
            SmfBytes.endOfTrack());
        MidiScan scan = MidiFiles.scan(SmfBytes.file(0, 480, List.of(events)), "x.mid", ReadOptions.userImport());
        assertTrue(scan.ok(), scan.skipReason().orElse(""));
        Groove g = scan.windows().get(0);
        assertTrue(g.hit(1, DrumClass.SNARE.ordinal()));
        assertEquals(90 / 127f, g.velocity(1, DrumClass.SNARE.ordinal()), 1e-6);
        assertEquals((125 - 120) / 120f, g.offset(1, DrumClass.SNARE.ordinal()), 1e-6);
        assertEquals((2030 - 17 * 120) / 120f, g.offset(17, DrumClass.KICK.ordinal()), 1e-6);
        assertEquals(120, g.qpm(), 1e-9);
    }

    @Test
    void cutsWindowsWithTheChosenHopAndReadsTempoChanges() {
        byte[] tempo = {0, (byte) 0xFF, 0x51, 3, 0x07, (byte) 0xA1, 0x20};  // 500000 us = 120 qpm
        byte[] later = SmfBytes.concat(SmfBytes.vlq(480 * 16), new byte[] {(byte) 0xFF, 0x51, 3, 0x09, 0x27, (byte) 0xC0}); // 600000 = 100
        byte[] meta = SmfBytes.concat(tempo, later, SmfBytes.endOfTrack());
        byte[] bytes = SmfBytes.file(1, 480, List.of(meta, SmfBytes.quarterKicks(8, 9)));
        MidiScan byBar = MidiFiles.scan(bytes, "k.mid", ReadOptions.training());
        assertEquals(8, byBar.bars());
        assertEquals(5, byBar.windows().size());
        assertEquals(120, byBar.windows().get(0).qpm(), 1e-9);
        assertEquals(100, byBar.windows().get(4).qpm(), 1e-9);
        MidiScan byFour = MidiFiles.scan(bytes, "k.mid", ReadOptions.userImport());
        assertEquals(2, byFour.windows().size());
        assertEquals(16, byFour.windows().get(0).hitCount());
    }

    @Test
    void anyPpqWorks() {
        for (int ppq : new int[] {24, 96, 384, 960, 1001}) {
            byte[] events = SmfBytes.concat(new byte[] {0, (byte) 0x99, 36, 100},
                SmfBytes.vlq(ppq * 15L), new byte[] {38, 100}, SmfBytes.endOfTrack());
            MidiScan scan = MidiFiles.scan(SmfBytes.file(0, ppq, List.of(events)), "p.mid", ReadOptions.userImport());
            assertTrue(scan.ok(), ppq + ": " + scan.skipReason().orElse(""));
            assertTrue(scan.windows().get(0).hit(60, DrumClass.SNARE.ordinal()), "ppq " + ppq);
        }
    }

    @Test
    void otherChannelsAreDrumsOnlyWhenAsked() {
        byte[] bytes = SmfBytes.file(0, 480, List.of(SmfBytes.quarterKicks(4, 0)));
        MidiScan ch10Only = MidiFiles.scan(bytes, "c.mid", ReadOptions.training());
        assertFalse(ch10Only.ok());
        assertTrue(ch10Only.skipReason().get().contains("channel 10"), ch10Only.skipReason().get());
        MidiScan all = MidiFiles.scan(bytes, "c.mid", ReadOptions.training().withAllChannelsAreDrums(true));
        assertTrue(all.ok());
        assertEquals(0, all.drumChannel(), "all channels");
        assertTrue(all.channelNote().isEmpty());
    }

    /** Quarter notes cycling through {@code pitches} on {@code channel} (0-based), for {@code bars}. */
    private static byte[] notes(int channel, int[] pitches, int bars) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < bars * 4; i++) {
            int p = pitches[i % pitches.length];
            out.writeBytes(SmfBytes.concat(SmfBytes.vlq(i == 0 ? 0 : 420), new byte[] {(byte) (0x90 | channel), (byte) p, 100}));
            out.writeBytes(SmfBytes.concat(SmfBytes.vlq(60), new byte[] {(byte) (0x80 | channel), (byte) p, 0}));
        }
        out.writeBytes(SmfBytes.endOfTrack());
        return out.toByteArray();
    }

    @Test
    void aDrumClipOnChannelOneIsReadAndSaysSo() {
        byte[] bytes = SmfBytes.file(0, 480, List.of(notes(0, new int[] {36, 42, 38, 42}, 4)));
        MidiScan scan = MidiFiles.scan(bytes, "clip.mid", ReadOptions.userImport());
        assertTrue(scan.ok(), scan.skipReason().orElse(""));
        assertEquals(1, scan.drumChannel());
        assertEquals("drums read from MIDI channel 1 (nothing on channel 10)", scan.channelNote().orElseThrow());
        Groove g = scan.windows().get(0);
        assertTrue(g.hit(0, DrumClass.KICK.ordinal()) && g.hit(4, DrumClass.CLOSED_HIHAT.ordinal())
            && g.hit(8, DrumClass.SNARE.ordinal()));
    }

    @Test
    void theChannelThatLooksLikeDrumsWinsOverAMelody() {
        byte[] melody = notes(0, new int[] {60, 64, 67, 72, 43}, 4); // in the drum map too, but off the kit's core pitches
        byte[] drums = notes(3, new int[] {36, 42, 38, 46}, 4);
        MidiScan scan = MidiFiles.scan(SmfBytes.file(1, 480, List.of(melody, drums)), "song.mid", ReadOptions.userImport());
        assertTrue(scan.ok(), scan.skipReason().orElse(""));
        assertEquals(4, scan.drumChannel(), "channel 4 (index 3) holds the drums");
        assertEquals(16, scan.windows().get(0).hitCount(), "only the drum channel's 16 notes");

        MidiScan onlyMelody = MidiFiles.scan(SmfBytes.file(0, 480, List.of(notes(0, new int[] {60, 64, 67, 72}, 4))),
            "m.mid", ReadOptions.userImport());
        assertFalse(onlyMelody.ok());
        assertTrue(onlyMelody.skipReason().get().contains("look like drums"), onlyMelody.skipReason().get());

        byte[] bass = notes(1, new int[] {28, 31, 33, 35, 36, 40}, 4); // low E..C: in the map, not on the kit's core
        assertFalse(MidiFiles.scan(SmfBytes.file(0, 480, List.of(bass)), "b.mid", ReadOptions.userImport()).ok(),
            "a bass line below the kit is not read as drums");
    }

    @Test
    void mappingDecidesTheClass() {
        byte[] events = SmfBytes.concat(new byte[] {0, (byte) 0x99, 43, 100},
            SmfBytes.vlq(480 * 15), new byte[] {36, 100}, SmfBytes.endOfTrack());
        byte[] bytes = SmfBytes.file(0, 480, List.of(events));
        assertTrue(MidiFiles.scan(bytes, "m", ReadOptions.userImport()).windows().get(0).hit(0, DrumClass.LOW_TOM));
        assertTrue(MidiFiles.scan(bytes, "m", ReadOptions.userImport().withMapping(DrumMapping.MAGENTA_JS))
            .windows().get(0).hit(0, DrumClass.HIGH_TOM));
    }

    @Test
    void onlyFourFourRegionsMakeWindows() {
        byte[] threeFour = SmfBytes.concat(SmfBytes.timeSignature(3, 2), SmfBytes.quarterKicks(8, 9));
        MidiScan waltz = MidiFiles.scan(SmfBytes.file(0, 480, List.of(threeFour)), "w.mid", ReadOptions.userImport());
        assertFalse(waltz.ok());
        assertEquals("not in 4/4 (3/4)", waltz.skipReason().get());

        byte[] sixEight = SmfBytes.concat(SmfBytes.timeSignature(6, 3), SmfBytes.quarterKicks(8, 9));
        assertEquals("not in 4/4 (6/8)", MidiFiles.scan(SmfBytes.file(0, 480, List.of(sixEight)), "s", ReadOptions.userImport())
            .skipReason().get());
    }

    @Test
    void readGroovesThrowsOneLineReasons(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.mid");
        Files.write(f, new byte[0]);
        MidiReadException e = assertThrows(MidiReadException.class, () -> MidiFiles.readGrooves(f, ReadOptions.userImport()));
        assertEquals("empty.mid: empty file", e.getMessage());
    }
}
