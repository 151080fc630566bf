package org.backbeat.midi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.groove.Swing;
import org.backbeat.io.AtomicFiles;
import org.backbeat.io.Errors;
import org.backbeat.io.InputFiles;

/** Standard MIDI Files to and from grooves. Reading never throws for bad content: it says why. */
public final class MidiFiles {

    /** Largest MIDI file read (the Groove MIDI Dataset's largest is well under 1 MB). */
    public static final int MAX_FILE_BYTES = SmfParser.MAX_FILE_BYTES;

    /** Ticks per quarter note of the files Backbeat writes. */
    public static final int PPQ = 480;
    private static final int TICKS_PER_STEP = PPQ / 4;
    /** Note length written: a 32nd. */
    private static final int NOTE_TICKS = PPQ / 8;
    private static final int DRUM_CHANNEL = 9;

    private MidiFiles() {
    }

    /** Reads a file into windows, or the reason it has none. I/O errors become reasons too. */
    public static MidiScan scan(Path file, ReadOptions options) {
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, SmfParser.MAX_FILE_BYTES, "a MIDI file");
        } catch (InputFiles.Refused e) {
            return MidiScan.skipped(file.toString(), e.getMessage());
        } catch (IOException e) {
            return MidiScan.skipped(file.toString(), "cannot read: " + Errors.describe(e));
        }
        return scan(bytes, file.toString(), options);
    }

    /** As {@link #scan(Path, ReadOptions)}, from bytes in memory (drag and drop, tests). */
    public static MidiScan scan(byte[] bytes, String name, ReadOptions options) {
        try {
            return GrooveWindowing.windows(name, SmfParser.parse(bytes), options);
        } catch (MidiReadException e) {
            return MidiScan.skipped(name, e.getMessage());
        } catch (RuntimeException e) {
            // a parser bug must not stop a batch; say what happened in one line
            return MidiScan.skipped(name, "damaged file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A clip of any length as consecutive 4-bar windows from its first bar, empty ones and a padded
     * last one included ({@link MidiScan#bars()} is its length): what humanize and drumify process
     * window by window and write back with {@link #writeClip}. A one-line {@link MidiReadException}
     * when the file cannot be used.
     */
    public static MidiScan readClip(Path file, ReadOptions options) throws MidiReadException {
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, SmfParser.MAX_FILE_BYTES, "a MIDI file");
        } catch (InputFiles.Refused e) {
            throw new MidiReadException(file.getFileName() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new MidiReadException(file.getFileName() + ": cannot read: " + Errors.describe(e));
        }
        MidiScan scan;
        try {
            scan = GrooveWindowing.clip(file.toString(), SmfParser.parse(bytes), options);
        } catch (MidiReadException e) {
            throw new MidiReadException(file.getFileName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new MidiReadException(file.getFileName() + ": damaged file (" + e.getClass().getSimpleName() + ")");
        }
        if (!scan.ok()) {
            throw new MidiReadException(file.getFileName() + ": " + scan.skipReason().get());
        }
        return scan;
    }

    /**
     * Consecutive 4-bar windows as one type-1 file of {@code bars} bars (the last window cut there):
     * each window's tempo at its start where it changes, notes as {@link #toSequence(Groove)} writes
     * them, atomically.
     */
    public static void writeClip(List<Groove> windows, int bars, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(clipSequence(windows, bars), 1, out);
        AtomicFiles.write(file, out.toByteArray());
    }

    static Sequence clipSequence(List<Groove> windows, int bars) {
        if (windows.isEmpty() || bars < 1 || bars > windows.size() * Groove.BARS) {
            throw new IllegalArgumentException(bars + " bars from " + windows.size() + " windows");
        }
        try {
            Sequence seq = new Sequence(Sequence.PPQ, PPQ);
            Track meta = seq.createTrack();
            meta.add(new MidiEvent(new MetaMessage(0x58, new byte[] {4, 2, 24, 8}, 4), 0));
            Track drums = seq.createTrack();
            long endStep = (long) bars * Groove.STEPS_PER_BAR;
            double qpm = -1;
            for (int w = 0; w < windows.size(); w++) {
                Groove g = windows.get(w);
                long base = (long) w * Groove.STEPS;
                if (base >= endStep) {
                    break;
                }
                if (g.qpm() != qpm) {
                    qpm = g.qpm();
                    long us = Math.round(60_000_000.0 / qpm);
                    if (us < 1 || us > 0xFFFFFF) {
                        throw new IllegalArgumentException("a MIDI file cannot hold a tempo of " + qpm + " qpm");
                    }
                    meta.add(new MidiEvent(new MetaMessage(0x51, new byte[] {(byte) (us >> 16), (byte) (us >> 8),
                        (byte) us}, 3), base * TICKS_PER_STEP));
                }
                for (int s = 0; s < Groove.STEPS && base + s < endStep; s++) {
                    for (int c = 0; c < Groove.CLASSES; c++) {
                        if (!g.hit(s, c)) {
                            continue;
                        }
                        long tick = Math.max(0, Math.round((base + s + g.offset(s, c)) * TICKS_PER_STEP));
                        int velocity = Math.max(1, Math.min(127, Math.round(g.velocity(s, c) * 127f)));
                        int pitch = DrumMapping.ROLAND.outputPitch(c);
                        drums.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, DRUM_CHANNEL, pitch, velocity), tick));
                        drums.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, DRUM_CHANNEL, pitch, 0),
                            tick + NOTE_TICKS));
                    }
                }
            }
            meta.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), endStep * TICKS_PER_STEP));
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("cannot build a MIDI sequence", e);
        }
    }

    /** The file's grooves; a one-line {@link MidiReadException} when there are none. */
    public static List<Groove> readGrooves(Path file, ReadOptions options) throws MidiReadException {
        MidiScan scan = scan(file, options);
        if (!scan.ok()) {
            throw new MidiReadException(file.getFileName() + ": " + scan.skipReason().get());
        }
        return scan.windows();
    }

    /**
     * A type-1 sequence: track 0 holds tempo, 4/4 and the name; track 1 the drums on channel 10,
     * one canonical pitch per class, 32nd-note lengths, micro-timing from the offsets. An early hit
     * on step 0 cannot start before tick 0, so it is clamped there.
     */
    public static Sequence toSequence(Groove groove) {
        return toSequence(groove, DrumMapping.ROLAND, "Backbeat groove");
    }

    public static Sequence toSequence(Groove groove, DrumMapping mapping, String name) {
        return toSequence(groove, mapping, name, 0);
    }

    /** As {@link #toSequence(Groove, DrumMapping, String)}, the off-beat 16ths delayed by {@link Swing}. */
    public static Sequence toSequence(Groove groove, DrumMapping mapping, String name, double swing) {
        return toSequence(List.of(groove), mapping, name, swing);
    }

    /**
     * Several grooves one after the other in one sequence, 4 bars each, each section starting with
     * its own tempo (an A-to-B interpolation as one long file). One groove is exactly
     * {@link #toSequence(Groove, DrumMapping, String, double)}.
     */
    public static Sequence toSequence(List<Groove> sections, DrumMapping mapping, String name, double swing) {
        Swing.check(swing);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("no grooves to write");
        }
        try {
            Sequence seq = new Sequence(Sequence.PPQ, PPQ);
            Track meta = seq.createTrack();
            meta.add(new MidiEvent(tempo(sections.get(0)), 0));
            meta.add(new MidiEvent(new MetaMessage(0x58, new byte[] {4, 2, 24, 8}, 4), 0));
            byte[] title = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            meta.add(new MidiEvent(new MetaMessage(0x03, title, title.length), 0));
            Track drums = seq.createTrack();
            byte[] trackName = "Drums".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            drums.add(new MidiEvent(new MetaMessage(0x03, trackName, trackName.length), 0));
            long sectionTicks = (long) Groove.STEPS * TICKS_PER_STEP;
            for (int i = 0; i < sections.size(); i++) {
                Groove groove = sections.get(i);
                long at = i * sectionTicks;
                if (i > 0) {
                    meta.add(new MidiEvent(tempo(groove), at));
                }
                for (int s = 0; s < Groove.STEPS; s++) {
                    for (int c = 0; c < Groove.CLASSES; c++) {
                        if (!groove.hit(s, c)) {
                            continue;
                        }
                        long tick = Math.max(0, at + Math.round((s + groove.offset(s, c) + Swing.delaySteps(s, swing))
                            * TICKS_PER_STEP));
                        int velocity = Math.max(1, Math.min(127, Math.round(groove.velocity(s, c) * 127f)));
                        int pitch = mapping.outputPitch(c);
                        drums.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, DRUM_CHANNEL, pitch, velocity), tick));
                        drums.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, DRUM_CHANNEL, pitch, 0), tick + NOTE_TICKS));
                    }
                }
            }
            meta.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), sections.size() * sectionTicks));
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("cannot build a MIDI sequence", e);
        }
    }

    private static MetaMessage tempo(Groove groove) throws InvalidMidiDataException {
        long us = Math.round(60_000_000.0 / groove.qpm());
        if (us < 1 || us > 0xFFFFFF) {
            // a MIDI tempo is 24 bits of microseconds per quarter; 1e9 qpm used to be written as tempo 0
            throw new IllegalArgumentException("a MIDI file cannot hold a tempo of " + groove.qpm()
                + " qpm (3.58 to 60,000,000)");
        }
        return new MetaMessage(0x51, new byte[] {(byte) (us >> 16), (byte) (us >> 8), (byte) us}, 3);
    }

    /** Writes several grooves one after the other (see {@link #toSequence(List, DrumMapping, String, double)}). */
    public static void write(List<Groove> sections, double swing, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(toSequence(sections, DrumMapping.ROLAND, "Backbeat A to B", swing), 1, out);
        AtomicFiles.write(file, out.toByteArray());
    }

    /** The groove as the bytes of a type-1 Standard MIDI File. */
    public static byte[] toBytes(Groove groove) {
        return toBytes(groove, 0);
    }

    /** The groove with {@code swing} (see {@link Swing}) as the bytes of a type-1 Standard MIDI File. */
    public static byte[] toBytes(Groove groove, double swing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MidiSystem.write(toSequence(groove, DrumMapping.ROLAND, "Backbeat groove", swing), 1, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write MIDI to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes the groove as a .mid file atomically (temp file beside it, then move). */
    public static void write(Groove groove, Path file) throws IOException {
        write(groove, 0, file);
    }

    /** Writes the groove with {@code swing} (see {@link Swing}) as a .mid file atomically. */
    public static void write(Groove groove, double swing, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(groove, swing));
    }

    /**
     * Writes the groove as a new .mid file: never replaces one.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
     */
    public static void writeNew(Groove groove, Path file) throws IOException {
        AtomicFiles.writeNew(file, toBytes(groove));
    }
}
