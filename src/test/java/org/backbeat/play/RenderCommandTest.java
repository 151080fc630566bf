package org.backbeat.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.bench.TestGrooves;
import org.backbeat.cli.BackbeatCommand;
import org.backbeat.midi.MidiFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code render} command (it lives in cli; its test sits with the renderer it drives). */
@Timeout(60)
class RenderCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackbeatCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesAWavOfTheFirstGrooveLooped(@TempDir Path dir) throws Exception {
        Path mid = dir.resolve("funk.mid");
        MidiFiles.write(TestGrooves.funk(), mid);
        Path wav = dir.resolve("out/funk.wav");
        Run r = run("render", mid.toString(), "--out", wav.toString(), "--loops", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 loops of 4 bars at 96.0 qpm"), r.out());
        WavRendererTest.Audio a = WavRendererTest.read(wav);
        // 4 bars at 96 qpm = 10 s, twice, plus the tail
        assertEquals(20 + WavRenderer.TAIL_SECONDS, a.seconds(), 0.05);
        assertTrue(a.rms(0, 0.02) > 0.01);

        Run whole = run("render", mid.toString(), "-o", dir.resolve("whole.wav").toString(), "--whole-file");
        assertEquals(0, whole.code(), whole.err());
        assertEquals(10 + WavRenderer.TAIL_SECONDS, WavRendererTest.read(dir.resolve("whole.wav")).seconds(), 0.05);
    }

    @Test
    void audioAWavFileCannotHoldIsRefusedBeforeRendering(@TempDir Path dir) throws Exception {
        Path slow = dir.resolve("slow.mid");
        MidiFiles.write(TestGrooves.rock().withQpm(3.6), slow); // 4 bars: 267 s, 1000 loops: 74 hours, 47 GB
        Path wav = dir.resolve("slow.wav");
        Run r = run("render", slow.toString(), "--out", wav.toString(), "--loops", "1000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("a WAV file holds at most 4 GiB"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(wav));
        // the limit itself: 16-bit stereo frames plus the 44-byte header in 2^32 - 1 bytes
        long most = (0xFFFF_FFFFL - 44) / 4;
        WavRenderer.checkFitsInWav(most);
        assertThrows(java.io.IOException.class, () -> WavRenderer.checkFitsInWav(most + 1));
    }

    @Test
    void damagedOrMissingInputIsAOneLineError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.mid");
        Files.write(bad, new byte[] {'M', 'T', 'h', 'd', 0, 0});
        Path wav = dir.resolve("bad.wav");
        Run r = run("render", bad.toString(), "--out", wav.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("backbeat render: bad.mid: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(wav));

        Run whole = run("render", bad.toString(), "--out", wav.toString(), "--whole-file");
        assertEquals(1, whole.code());
        assertTrue(whole.err().startsWith("backbeat render: bad.mid: "), whole.err());
        assertEquals(1, whole.err().strip().lines().count(), whole.err());

        Run missing = run("render", dir.resolve("none.mid").toString(), "--out", wav.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Path good = dir.resolve("good.mid");
        MidiFiles.write(TestGrooves.rock(), good);
        Path sf = dir.resolve("bad.sf2");
        Files.writeString(sf, "nope");
        Run badSf = run("render", good.toString(), "--out", wav.toString(), "--soundfont", sf.toString());
        assertEquals(1, badSf.code());
        assertTrue(badSf.err().startsWith("backbeat render: bad.sf2: "), badSf.err());
        assertFalse(Files.exists(wav));

        // a truncated RIFF soundfont: its EOFException has no message, which used to print as "(null)"
        Path riff = dir.resolve("short.sf2");
        Files.write(riff, new byte[] {'R', 'I', 'F', 'F'});
        Run shortSf = run("render", good.toString(), "--out", wav.toString(), "--soundfont", riff.toString());
        assertEquals(1, shortSf.code());
        assertTrue(shortSf.err().startsWith("backbeat render: short.sf2: "), shortSf.err());
        assertFalse(shortSf.err().contains("null"), shortSf.err());

        assertEquals(2, run("render", good.toString()).code(), "--out is required");
        assertEquals(2, run("render", good.toString(), "--out", wav.toString(), "--loops", "0").code());
    }
}
