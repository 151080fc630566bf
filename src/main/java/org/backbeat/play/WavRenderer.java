package org.backbeat.play;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.backbeat.groove.Groove;
import org.backbeat.io.AtomicFiles;
import org.backbeat.midi.MidiFiles;

/**
 * Renders grooves and MIDI sequences to WAV files offline, faster than real time and without a
 * sound card, with the Java synthesizer (Gervill).
 *
 * <p>With the built-in sounds the public route is used: the sequence is written as a Standard
 * MIDI File and read back through {@link AudioSystem#getAudioInputStream}, whose MIDI reader
 * renders it. With a SoundFont, Gervill's {@code AudioSynthesizer.openStream} is called (by
 * reflection, as the interface is not exported from {@code java.desktop}); that needs the JVM
 * option {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}, which the
 * {@code backbeat} script, the jar's manifest and the tests set. Without it, a clear exception
 * says so.
 *
 * <p>Output: 44.1 kHz, 16-bit stereo; the music followed by a {@value #TAIL_SECONDS} s tail so
 * cymbals can ring out. Files are written atomically.
 */
public final class WavRenderer {

    public static final AudioFormat FORMAT = new AudioFormat(44100f, 16, 2, true, false);
    public static final double TAIL_SECONDS = 2.0;
    public static final String EXPORT_OPTION = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";

    /** What was written. */
    public record Result(Path file, double seconds, long frames) {
    }

    private WavRenderer() {
    }

    /** The groove repeated {@code loops} times as one sequence (4 bars per loop). */
    public static Sequence loopSequence(Groove groove, int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1: " + loops);
        }
        Sequence one = MidiFiles.toSequence(groove);
        long loopTicks = (long) Groove.STEPS * one.getResolution() / 4;
        try {
            Sequence seq = new Sequence(one.getDivisionType(), one.getResolution());
            for (Track src : one.getTracks()) {
                Track dst = seq.createTrack();
                for (int i = 0; i < src.size(); i++) {
                    MidiEvent e = src.get(i);
                    MidiMessage m = e.getMessage();
                    boolean endOfTrack = m instanceof MetaMessage mm && mm.getType() == 0x2F;
                    if (endOfTrack) {
                        continue; // Track keeps its own end-of-track at the last event
                    }
                    boolean perLoop = m instanceof ShortMessage;
                    for (int loop = 0; loop < (perLoop ? loops : 1); loop++) {
                        dst.add(new MidiEvent((MidiMessage) m.clone(), e.getTick() + loop * loopTicks));
                    }
                }
            }
            // the end of the last bar, so a groove ending in rests keeps its length
            seq.getTracks()[0].add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), loops * loopTicks));
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("cannot build a MIDI sequence", e);
        }
    }

    /** Renders the groove looped {@code loops} times; {@code soundfont} may be null. */
    public static Result render(Groove groove, int loops, Path soundfont, Path out) throws IOException {
        return render(loopSequence(groove, loops), soundfont, out);
    }

    /** Renders a whole sequence (e.g. from {@link MidiSystem#getSequence}); {@code soundfont} may be null. */
    public static Result render(Sequence sequence, Path soundfont, Path out) throws IOException {
        long frames = (long) Math.ceil((sequence.getMicrosecondLength() / 1e6 + TAIL_SECONDS) * FORMAT.getFrameRate());
        checkFitsInWav(frames);
        AudioInputStream audio = soundfont == null ? builtIn(sequence) : withSoundfont(sequence, soundfont);
        try (AudioInputStream trimmed = new AudioInputStream(audio, audio.getFormat(),
                Math.min(frames, audio.getFrameLength() < 0 ? Long.MAX_VALUE : audio.getFrameLength()))) {
            long length = trimmed.getFrameLength();
            AtomicFiles.write(out, o -> AudioSystem.write(trimmed, AudioFileFormat.Type.WAVE, o));
            return new Result(out, length / (double) audio.getFormat().getFrameRate(), length);
        }
    }

    /**
     * A WAV file's sizes are 32-bit: audio over 4 GiB wrapped around (a 47 GB render printed success
     * and wrote a broken file). Checked before any audio is made.
     */
    static void checkFitsInWav(long frames) throws IOException {
        long bytes = frames * FORMAT.getFrameSize() + WAV_HEADER_BYTES;
        if (bytes > MAX_WAV_BYTES) {
            throw new IOException(String.format("the audio would take %.1f GB (%.0f minutes), and a WAV file holds at "
                + "most 4 GiB (%.0f minutes): render fewer loops", bytes / 1e9, frames / FORMAT.getFrameRate() / 60,
                (MAX_WAV_BYTES - WAV_HEADER_BYTES) / (double) FORMAT.getFrameSize() / FORMAT.getFrameRate() / 60));
        }
    }

    static final long WAV_HEADER_BYTES = 44;
    static final long MAX_WAV_BYTES = 0xFFFF_FFFFL;

    /** The public route: Gervill's MIDI file reader renders the sequence with its default sounds. */
    private static AudioInputStream builtIn(Sequence sequence) throws IOException {
        ByteArrayOutputStream mid = new ByteArrayOutputStream();
        int type = sequence.getTracks().length > 1 ? 1 : 0;
        MidiSystem.write(sequence, type, mid);
        try {
            return AudioSystem.getAudioInputStream(new ByteArrayInputStream(mid.toByteArray()));
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("this Java has no MIDI renderer (Gervill): " + e.getMessage(), e);
        }
    }

    /** Gervill with the instruments of {@code soundfont}; events fed with their times. */
    private static AudioInputStream withSoundfont(Sequence sequence, Path soundfont) throws IOException {
        Soundbank bank = Soundbanks.read(soundfont);
        Synthesizer synth;
        AudioInputStream stream;
        try {
            synth = MidiSystem.getSynthesizer();
            Method openStream = Class.forName("com.sun.media.sound.AudioSynthesizer")
                .getMethod("openStream", AudioFormat.class, Map.class);
            stream = (AudioInputStream) openStream.invoke(synth, FORMAT, null);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IOException("rendering with a soundfont needs the JVM option " + EXPORT_OPTION
                + " (the backbeat script sets it)", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot start the synthesizer: " + e.getCause().getMessage(), e.getCause());
        } catch (ClassNotFoundException | NoSuchMethodException | MidiUnavailableException e) {
            throw new IOException("this Java's synthesizer cannot render offline with a soundfont (" + e + ")", e);
        }
        if (!synth.isSoundbankSupported(bank) || !synth.loadAllInstruments(bank)) {
            synth.close();
            throw new IOException(soundfont.getFileName() + ": the synthesizer cannot use this soundbank");
        }
        try {
            Receiver recv = synth.getReceiver();
            for (TimedMessage t : timed(sequence)) {
                recv.send(t.message(), t.micros());
            }
        } catch (MidiUnavailableException e) {
            synth.close();
            throw new IOException("cannot start the synthesizer: " + e.getMessage(), e);
        }
        // the stream renders lazily as it is read; closing it closes the synthesizer
        return stream;
    }

    private record TimedMessage(long tick, long micros, MidiMessage message) {
    }

    /** The sequence's short messages, all tracks merged, with times in microseconds. */
    static List<TimedMessage> timed(Sequence seq) {
        List<MidiEvent> events = new ArrayList<>();
        for (Track t : seq.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                events.add(t.get(i));
            }
        }
        events.sort(Comparator.comparingLong(MidiEvent::getTick)); // stable: track order kept at a tick
        List<TimedMessage> out = new ArrayList<>();
        boolean ppq = seq.getDivisionType() == Sequence.PPQ;
        double res = seq.getResolution();
        long usPerQuarter = 500_000;
        long lastTick = 0;
        double micros = 0;
        for (MidiEvent e : events) {
            long tick = e.getTick();
            micros += ppq ? (tick - lastTick) * usPerQuarter / res : (tick - lastTick) * 1e6 / (seq.getDivisionType() * res);
            lastTick = tick;
            MidiMessage m = e.getMessage();
            if (m instanceof MetaMessage mm && mm.getType() == 0x51 && mm.getData().length == 3) {
                byte[] d = mm.getData();
                usPerQuarter = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
            } else if (m instanceof ShortMessage) {
                out.add(new TimedMessage(tick, Math.round(micros), m));
            }
        }
        return out;
    }
}
