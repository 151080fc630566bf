package org.backbeat.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WavRendererTest {

    /** Mono samples in [-1, 1] and the sample rate. */
    record Audio(float[] samples, float rate) {
        double rms(double fromSeconds, double seconds) {
            int a = (int) (fromSeconds * rate);
            int b = Math.min(samples.length, (int) ((fromSeconds + seconds) * rate));
            double sum = 0;
            for (int i = a; i < b; i++) {
                sum += samples[i] * samples[i];
            }
            return Math.sqrt(sum / Math.max(1, b - a));
        }

        double seconds() {
            return samples.length / rate;
        }
    }

    static Audio read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(16, f.getSampleSizeInBits());
            assertTrue(!f.isBigEndian());
            byte[] bytes = in.readAllBytes();
            int channels = f.getChannels();
            int frames = bytes.length / (2 * channels);
            float[] mono = new float[frames];
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    int at = 2 * (i * channels + c);
                    sum += (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8)) / 32768f;
                }
                mono[i] = sum / channels;
            }
            return new Audio(mono, f.getSampleRate());
        }
    }

    /** Kick, snare and closed hat in bars 1 and 2 only; bars 3 and 4 are rests. */
    static Groove twoBars() {
        Groove g = Groove.empty(120);
        for (int s = 0; s < 32; s++) {
            int inBar = s % 16;
            if (inBar % 2 == 0) {
                g = g.withCell(s, DrumClass.CLOSED_HIHAT.ordinal(), true, 0.7f, 0f);
            }
            if (inBar == 0 || inBar == 8) {
                g = g.withCell(s, DrumClass.KICK.ordinal(), true, 0.9f, 0f);
            }
            if (inBar == 4 || inBar == 12) {
                g = g.withCell(s, DrumClass.SNARE.ordinal(), true, 0.9f, 0f);
            }
        }
        return g;
    }

    @Test
    void rockHasEnergyAtEveryHit(@TempDir Path dir) throws Exception {
        Groove rock = TestGrooves.rock();
        Path out = dir.resolve("rock.wav");
        WavRenderer.Result r = WavRenderer.render(rock, 1, null, out);
        assertEquals(out, r.file());
        Audio a = read(out);
        assertEquals(8 + WavRenderer.TAIL_SECONDS, a.seconds(), 0.05);
        assertEquals(r.seconds(), a.seconds(), 0.01);
        double step = rock.stepSeconds();
        for (int s = 0; s < Groove.STEPS; s++) {
            boolean any = false;
            for (int c = 0; c < Groove.CLASSES; c++) {
                any |= rock.hit(s, c);
            }
            if (any) {
                assertTrue(a.rms(s * step, 0.020) > 0.01, "no sound at step " + s + ": " + a.rms(s * step, 0.020));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary files left behind");
        }
    }

    @Test
    void restsAreSilentAndLoopsRepeat(@TempDir Path dir) throws Exception {
        Groove g = twoBars();
        Path out = dir.resolve("two.wav");
        WavRenderer.render(g, 2, null, out);
        Audio a = read(out);
        assertEquals(16 + WavRenderer.TAIL_SECONDS, a.seconds(), 0.05);
        double hit = a.rms(0, 0.020);
        assertTrue(hit > 0.01, "kick at 0: " + hit);
        // bars 3 and 4 start at 4 s; leave half a second for the last hits to decay
        double rest = a.rms(4.5, 3.4);
        assertTrue(rest < hit / 100 && rest < 1e-3, "rest " + rest + " vs hit " + hit);
        // the second loop sounds like the first
        assertTrue(a.rms(8.0, 0.020) > hit / 2, "second loop");
        assertTrue(a.rms(12.5, 3.4) < 1e-3, "second loop's rests");
    }

    @Test
    void soundfontRendering(@TempDir Path dir) throws Exception {
        Path sf2 = soundfont(dir);
        Path out = dir.resolve("sf.wav");
        WavRenderer.render(TestGrooves.rock(), 1, sf2, out);
        Audio a = read(out);
        assertTrue(a.rms(0, 0.020) > 0.01, "kick at 0");
        assertTrue(a.rms(0.5, 0.020) > 0.01, "snare at 0.5 s");

        Path bad = dir.resolve("bad.sf2");
        Files.writeString(bad, "not a soundfont");
        IOException e = assertThrows(IOException.class, () -> WavRenderer.render(TestGrooves.rock(), 1, bad, dir.resolve("x.wav")));
        assertTrue(e.getMessage().startsWith("bad.sf2"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.wav")));
    }

    /** Gervill's own emergency soundbank, saved as an .sf2 file. */
    static Path soundfont(Path dir) throws Exception {
        Path cached = Path.of(System.getProperty("user.home"), ".gervill", "soundbank-emg.sf2");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Object bank = Class.forName("com.sun.media.sound.EmergencySoundbank").getMethod("createSoundbank").invoke(null);
        Path sf2 = dir.resolve("emergency.sf2");
        bank.getClass().getMethod("save", File.class).invoke(bank, sf2.toFile());
        return sf2;
    }
}
