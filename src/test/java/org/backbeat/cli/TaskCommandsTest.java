package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backbeat humanize} and {@code drumify} on clips longer than 4 bars, with tiny models. */
class TaskCommandsTest {

    @TempDir
    Path dir;

    private Path model(Task t) throws Exception {
        ModelConfig c = new ModelConfig(12, 6, DecoderType.FLAT, List.of(12), 0, DrumMapping.ROLAND).withTask(t);
        Path f = dir.resolve(t.label() + ".bbm");
        ModelFile.save(f, new StoredModel(c, ModelInitializer.random(c, 9), ModelCard.named(t.label(), ""), List.of()));
        return f;
    }

    /** Note-on ticks of a file, all tracks. */
    private static List<long[]> noteOns(Path f) throws Exception {
        Sequence seq = MidiSystem.getSequence(f.toFile());
        List<long[]> ons = new ArrayList<>();
        for (Track t : seq.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                    ons.add(new long[] {e.getTick(), m.getChannel(), m.getData1()});
                }
            }
        }
        return ons;
    }

    @Test
    void aTenBarClipIsHumanizedWindowByWindowAndWrittenBackAtItsLength() throws Exception {
        Groove a = GrooveTransforms.humanizeInput(TestData.busyGroove(1));
        Groove c = GrooveTransforms.humanizeInput(TestData.busyGroove(3));
        Path in = dir.resolve("steps.mid");
        // bars 0-3 busy, 4-7 silent, 8-9 busy (the third window is cut at bar 10)
        MidiFiles.writeClip(List.of(a, Groove.empty(120), c), 10, in);
        MidiScan read = MidiFiles.readClip(in, ReadOptions.userImport());
        assertEquals(10, read.bars());
        assertEquals(3, read.windows().size());
        assertTrue(read.windows().get(1).isEmpty());

        Path out = dir.resolve("human.mid");
        InspectCommandTest.Run r = InspectCommandTest.run("humanize", in.toString(), "--out", out.toString(), "--model",
            model(Task.HUMANIZE).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10 bars (3 windows of 4 bars) humanized"), r.out());
        assertEquals(10L * 4 * MidiFiles.PPQ, MidiSystem.getSequence(out.toFile()).getTickLength(), "same length");
        List<long[]> ons = noteOns(out);
        int cHits = 0;
        for (int s = 0; s < 32; s++) {
            for (int k = 0; k < Groove.CLASSES; k++) {
                cHits += c.hit(s, k) ? 1 : 0;
            }
        }
        assertEquals(a.hitCount() + cHits, ons.size(), "every hit of the clip is played, none added");
        long bar = 4L * MidiFiles.PPQ;
        for (long[] on : ons) {
            assertFalse(on[0] >= 4 * bar - MidiFiles.PPQ / 8 && on[0] < 8 * bar - MidiFiles.PPQ / 8,
                "the silent window stays silent: a note at tick " + on[0]);
            assertTrue(on[0] < 10 * bar, "nothing after the clip's end: tick " + on[0]);
            assertEquals(9, on[1], "drums on channel 10");
        }
        assertEquals(2, InspectCommandTest.run("humanize", in.toString(), "--out", out.toString(), "--model",
            model(Task.HUMANIZE).toString()).code(), "an existing output is a usage error");
    }

    /** A bass line on channel 1, of pitches no drum map knows: every note is a tap. */
    @Test
    void aSixBarBassLineIsDrumified() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Sequence seq = new Sequence(Sequence.PPQ, 480);
        Track t = seq.createTrack();
        for (int beat = 0; beat < 6 * 4; beat++) {
            long tick = beat * 480L + (beat % 2) * 240;
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 28 + beat % 5, 90), tick));
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 28 + beat % 5, 0), tick + 200));
        }
        MidiSystem.write(seq, 1, bytes);
        Path in = Files.write(dir.resolve("bass.mid"), bytes.toByteArray());
        MidiScan taps = MidiFiles.readClip(in, ReadOptions.userImport().withMapping(GrooveTransforms.TAPS)
            .withAllChannelsAreDrums(true));
        assertEquals(6, taps.bars());
        assertEquals(16, taps.windows().get(0).hitCount(GrooveTransforms.TAP_CHANNEL), "one tap a beat");

        Path out = dir.resolve("drums.mid");
        InspectCommandTest.Run r = InspectCommandTest.run("drumify", in.toString(), "-o", out.toString(), "--model",
            model(Task.DRUMIFY).toString(), "--temperature", "0.5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 bars (2 windows of 4 bars) drumified"), r.out());
        assertEquals(6L * 4 * MidiFiles.PPQ, MidiSystem.getSequence(out.toFile()).getTickLength());
    }

    /** A damaged length must not become millions of empty windows: one line, exit 1. */
    @Test
    void anAbsurdlyLongClipIsRefusedInOneLine() throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 480);
        Track t = seq.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 9, 36, 100), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 9, 36, 0), 100));
        t.add(new MidiEvent(new javax.sound.midi.MetaMessage(0x01, new byte[] {'x'}, 1), 4L * 480 * 20_000));
        Path in = dir.resolve("long.mid");
        MidiSystem.write(seq, 1, in.toFile());
        InspectCommandTest.Run r = InspectCommandTest.run("humanize", in.toString(), "--out", dir.resolve("o.mid").toString(),
            "--model", model(Task.HUMANIZE).toString());
        assertEquals(1, r.code());
        assertEquals("backbeat humanize: long.mid: too long to process as one clip (20000 bars; at most 10000)",
            r.err().strip());
    }

    @Test
    void aModelOfTheWrongTaskOrNoneIsRefusedInOneLine() throws Exception {
        Path in = dir.resolve("g.mid");
        MidiFiles.write(TestData.busyGroove(2), in);
        Path humanize = model(Task.HUMANIZE);
        InspectCommandTest.Run r = InspectCommandTest.run("drumify", in.toString(), "--out", dir.resolve("o.mid").toString(),
            "--model", humanize.toString());
        assertEquals(1, r.code());
        assertEquals("backbeat drumify: " + humanize + " is a humanize model, not a drumify model (train one with "
            + "backbeat train --task drumify)", r.err().strip());
        assertFalse(Files.exists(dir.resolve("o.mid")));

        InspectCommandTest.Run sample = InspectCommandTest.run("sample", "--model", humanize.toString(), "--out",
            dir.resolve("s").toString());
        assertEquals(1, sample.code());
        assertTrue(sample.err().contains("is a humanize model, not a generate model"), sample.err());

        // without --model: the shipped models/drumify.bbm where it is (the repository ships one), else one line
        InspectCommandTest.Run shipped = InspectCommandTest.run("drumify", in.toString(), "--out", dir.resolve("o.mid").toString());
        if (Files.exists(Path.of("models", "drumify.bbm"))) {
            assertEquals(0, shipped.code(), shipped.err());
            assertTrue(Files.size(dir.resolve("o.mid")) > 0, "the shipped drumify model wrote the clip");
        } else {
            assertEquals(1, shipped.code());
            assertTrue(shipped.err().startsWith("backbeat drumify: no drumify model found"), shipped.err());
            assertEquals(1, shipped.err().strip().lines().count(), shipped.err());
        }
    }
}
