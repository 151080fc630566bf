package org.backbeat.play;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;

/**
 * Loops a groove in real time into a MIDI {@link Receiver}: the Java synthesizer (Gervill), an
 * external MIDI output port, or any receiver (tests, benchmarks).
 *
 * <p>Timing: one platform thread at maximum priority owns the schedule. It parks with
 * {@link LockSupport#parkNanos} until about 1 ms before the next event and spins the rest, so an
 * event leaves within a fraction of a millisecond of its time on an idle machine. Every hit of step
 * {@code s} sounds at {@code grid(s) + offset * stepDuration}; its NOTE_OFF follows a 32nd note
 * later. Step {@code s} is prepared half a step before its grid line, reading the groove and tempo
 * current at that moment, so a new groove or tempo takes effect at the next step. The grid is a
 * running sum of step durations, never recomputed from the start of the loop, so a tempo change
 * makes no jump.
 *
 * <p>Notes: a set of sounding pitches is kept; a hit on a pitch that still sounds is preceded by
 * its NOTE_OFF, and {@link #stop()} sends NOTE_OFF for every sounding pitch and CC 123 (all notes
 * off) on channel 10 before it returns. No message is sent for a stopped run after {@code stop()}
 * returns.
 *
 * <p>Metronome (for tapping a rhythm): {@link #playAfterCountIn} sounds a count-in bar of clicks
 * before step 0, and while {@link #setMetronome metronome} is on a click sounds on every beat's grid
 * line (steps 0, 4, 8, ...), the first beat of each bar accented. Clicks are GM drum notes on channel
 * 10 through the same receiver as the groove: the high wood block ({@value #CLICK_ACCENT_PITCH}) for
 * an accent, the low one ({@value #CLICK_PITCH}) for the other beats, so no groove's pitch is cut.
 *
 * <p>All public methods are thread-safe.
 */
public final class MidiGroovePlayer implements GroovePlayer {

    /** Channel 10, General MIDI drums (index 9). */
    public static final int DRUM_CHANNEL = 9;
    /** GM high wood block: the metronome's accented click (a bar's first beat, the count-in's first). */
    public static final int CLICK_ACCENT_PITCH = 76;
    /** GM low wood block: the metronome's click on the other beats. */
    public static final int CLICK_PITCH = 77;
    /** Velocities (0-1, before the volume) of the accented and the plain click. */
    static final float CLICK_ACCENT_VELOCITY = 1.0f;
    static final float CLICK_VELOCITY = 0.65f;
    /** The most beats a count-in may have (four bars). */
    public static final int MAX_COUNT_IN_BEATS = 16;
    /** A hit due longer ago than this is dropped rather than played late (see dispatch). */
    static final long MAX_LATE_NANOS = 80_000_000L;

    /** Park until this long before an event, then spin. */
    private static final long SPIN_NANOS = 1_000_000L;
    /** Time from {@link #play} (when stopped) to the first grid line. */
    private static final long START_LEAD_NANOS = 5_000_000L;
    /** Steps are prepared this much earlier than half a step before their grid line. */
    private static final double PREPARE_MARGIN_NANOS = 2_000_000.0;

    private static final Receiver SILENT = new Receiver() {
        @Override
        public void send(MidiMessage message, long timeStamp) {
        }

        @Override
        public void close() {
        }
    };

    private final Receiver receiver;
    /** Closed with the player; null when the caller owns the receiver. */
    private final MidiDevice device;
    /** The synthesizer behind {@link #receiver}, when there is one (soundbanks). */
    private final Synthesizer synthesizer;
    private final PlayerStatus status;

    /** Guards sends, {@link #sounding}, and the start/stop state. */
    private final Object lock = new Object();
    /** Per pitch: id of the note sounding, 0 when silent. Guarded by {@link #lock}. */
    private final long[] sounding = new long[128];

    private volatile Groove groove;
    private volatile double tempoOverride = Double.NaN;
    private volatile double volume = 1.0;
    private volatile double swing;
    private volatile IntConsumer stepListener;
    private volatile boolean playing;
    private volatile boolean closed;
    /** Whether a click sounds on every beat; read when each click is due, so "off" silences the next one. */
    private volatile boolean metronome;
    /** Clicks before step 0 of the current run, and the length of each (nanos). Guarded by {@link #lock}. */
    private int countInBeats;
    private double countInBeatNanos;
    /** Changes on every start and stop; a run whose generation is stale sends nothing. */
    private volatile long generation;
    /** System.nanoTime of step 0 of the first loop of the current run. */
    private volatile long runStartNanos;
    /** When the step last reported to the listener was due (its grid line). */
    private volatile long stepDueNanos;
    /** When the note being sent (or last sent) was due. Written under {@link #lock}. */
    private volatile long sendDueNanos;
    private Thread thread; // guarded by lock

    private MidiGroovePlayer(Receiver receiver, MidiDevice device, Synthesizer synthesizer, PlayerStatus status) {
        this.receiver = receiver;
        this.device = device;
        this.synthesizer = synthesizer;
        this.status = status;
        warmUp();
    }

    /**
     * Loads and links what the first events need (ShortMessage, the queue, the event record)
     * before any of them is due; left to the first step, this made it ~100 ms late.
     */
    private static void warmUp() {
        try {
            new ShortMessage(ShortMessage.NOTE_ON, DRUM_CHANNEL, 36, 1).getData1();
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
        PriorityQueue<Event> q = new PriorityQueue<>();
        q.add(new Event(2, ON, 36, 0.5f, 1));
        q.add(new Event(1, OFF, 36, 0f, 2));
        q.add(new Event(1, STEP, 0, 0f, 3));
        while (!q.isEmpty()) {
            q.poll();
        }
        DrumClass.of(0).outputPitch();
        LockSupport.unpark(Thread.currentThread());
        LockSupport.parkNanos(1);
    }

    /**
     * The Java synthesizer (Gervill) on the default audio output. Never fails: without a sound
     * device the player still runs (step listener, timing) but is silent, and {@link #status()}
     * says why.
     */
    public static MidiGroovePlayer open() {
        Synthesizer synth = null;
        try {
            synth = MidiSystem.getSynthesizer();
            synth.open();
            Receiver r = synth.getReceiver();
            return new MidiGroovePlayer(r, synth, synth,
                new PlayerStatus(true, "Sound: " + synth.getDeviceInfo().getName() + " (Java synthesizer)"));
        } catch (MidiUnavailableException | RuntimeException e) {
            if (synth != null) {
                try {
                    synth.close();
                } catch (RuntimeException ignored) {
                    // it never opened
                }
            }
            return silent(reason(e));
        }
    }

    /** A player that sends nowhere, with {@code reason} in its status. */
    public static MidiGroovePlayer silent(String reason) {
        return new MidiGroovePlayer(SILENT, null, null,
            new PlayerStatus(false, "No sound device: playback is silent (" + reason + ")"));
    }

    /** Plays into {@code receiver}, which the caller owns (it is not closed with the player). */
    public static MidiGroovePlayer withReceiver(Receiver receiver) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver is null");
        }
        return new MidiGroovePlayer(receiver, null, null, new PlayerStatus(true, "Sound: MIDI receiver"));
    }

    /**
     * Plays into the MIDI output port whose name is {@code name} (exact, else the only one that
     * contains it, ignoring case). See {@link #listOutputPorts()}.
     */
    public static MidiGroovePlayer forPort(String name) throws MidiUnavailableException {
        List<MidiDevice.Info> exact = new ArrayList<>();
        List<MidiDevice.Info> partial = new ArrayList<>();
        for (MidiDevice.Info info : outputInfos()) {
            if (info.getName().equals(name)) {
                exact.add(info);
            } else if (info.getName().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
                partial.add(info);
            }
        }
        List<MidiDevice.Info> found = exact.isEmpty() ? partial : exact;
        if (found.size() != 1) {
            throw new MidiUnavailableException((found.isEmpty() ? "no MIDI output port named \"" : "more than one MIDI output port matches \"")
                + name + "\"; available: " + (listOutputPorts().isEmpty() ? "none" : String.join(", ", listOutputPorts())));
        }
        MidiDevice dev = MidiSystem.getMidiDevice(found.get(0));
        dev.open();
        try {
            Receiver r = dev.getReceiver();
            return new MidiGroovePlayer(r, dev, dev instanceof Synthesizer s ? s : null,
                new PlayerStatus(true, "Sound: MIDI out " + found.get(0).getName()));
        } catch (MidiUnavailableException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /** Names of the MIDI devices that accept messages (output ports and synthesizers). */
    public static List<String> listOutputPorts() {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : outputInfos()) {
            names.add(info.getName());
        }
        return names;
    }

    /**
     * Names of the MIDI output ports other than Java's own synthesizer: a DAW's virtual port, a
     * hardware module, a software synth listening on a port.
     */
    public static List<String> listExternalPorts() {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : outputInfos()) {
            try {
                if (!(MidiSystem.getMidiDevice(info) instanceof Synthesizer)) {
                    names.add(info.getName());
                }
            } catch (MidiUnavailableException | RuntimeException e) {
                // listed a moment ago, gone now: not offered
            }
        }
        return names;
    }

    private static List<MidiDevice.Info> outputInfos() {
        List<MidiDevice.Info> out = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (!(d instanceof Sequencer) && d.getMaxReceivers() != 0) {
                    out.add(info);
                }
            } catch (MidiUnavailableException | RuntimeException e) {
                // a device that cannot even be described is no output
            }
        }
        return out;
    }

    /**
     * Replaces the synthesizer's instruments with those of a SoundFont (.sf2) or DLS file.
     *
     * @throws IOException with a one-line message when the file cannot be read or is no soundbank
     * @throws IllegalStateException when this player has no synthesizer (silent, or an external port)
     */
    public void loadSoundbank(Path sf2) throws IOException {
        Soundbank bank = Soundbanks.read(sf2);
        if (synthesizer == null) {
            throw new IllegalStateException("cannot load " + sf2.getFileName() + ": this player has no synthesizer ("
                + status.message() + ")");
        }
        if (!synthesizer.isSoundbankSupported(bank)) {
            throw new IOException(sf2.getFileName() + ": soundbank not supported by " + synthesizer.getDeviceInfo().getName());
        }
        synchronized (lock) {
            Soundbank def = synthesizer.getDefaultSoundbank();
            if (def != null) {
                synthesizer.unloadAllInstruments(def);
            }
            if (!synthesizer.loadAllInstruments(bank)) {
                throw new IOException(sf2.getFileName() + ": no instrument could be loaded");
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // GroovePlayer

    @Override
    public void play(Groove g) {
        if (g == null) {
            throw new IllegalArgumentException("groove is null");
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("player is closed");
            }
            groove = g;
            if (playing) {
                return;
            }
            start(g, 0);
        }
    }

    /**
     * Starts afresh (stopping first when playing): {@code beats} clicks of a count-in, the first
     * accented, one beat apart at the tempo, then {@code g} loops from step 0 on the beat after the
     * last click. The count-in sounds whether the metronome is on or not.
     *
     * @return the {@link System#nanoTime()} of step 0's grid line (the downbeat after the count-in)
     */
    @Override
    public long playAfterCountIn(Groove g, int beats) {
        if (g == null) {
            throw new IllegalArgumentException("groove is null");
        }
        if (beats < 0 || beats > MAX_COUNT_IN_BEATS) {
            throw new IllegalArgumentException("a count-in has 0 to " + MAX_COUNT_IN_BEATS + " beats: " + beats);
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("player is closed");
            }
            stop();
            groove = g;
            start(g, beats);
            return runStartNanos;
        }
    }

    @Override
    public void setMetronome(boolean on) {
        metronome = on;
    }

    @Override
    public boolean metronome() {
        return metronome;
    }

    /** Starts a run of {@code g} after {@code beats} count-in clicks. Holds {@link #lock}; not playing. */
    private void start(Groove g, int beats) {
        // an early hit on step 0 must not be in the past (a count-in is longer than any offset)
        double minOffset = 0;
        for (int c = 0; c < Groove.CLASSES; c++) {
            minOffset = Math.min(minOffset, g.offset(0, c));
        }
        double beat = 60e9 / tempoFor(g);
        countInBeats = beats;
        countInBeatNanos = beat;
        long lead = beats > 0 ? Math.round(beats * beat) : (long) Math.ceil(-minOffset * stepNanos(g));
        runStartNanos = System.nanoTime() + START_LEAD_NANOS + lead;
        generation++;
        playing = true;
        if (thread == null) {
            thread = new Thread(this::schedulerLoop, "backbeat-player");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        } else {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void setGroove(Groove g) {
        if (g == null) {
            throw new IllegalArgumentException("groove is null");
        }
        synchronized (lock) {
            if (playing) {
                groove = g;
            }
        }
    }

    @Override
    public void setSwing(double amount) {
        swing = org.backbeat.groove.Swing.check(amount);
    }

    /** Overrides the groove's own tempo from the next step on. */
    @Override
    public void setTempo(double qpm) {
        if (!(qpm > 0) || Double.isInfinite(qpm)) {
            throw new IllegalArgumentException("tempo must be a positive number of quarter notes per minute: " + qpm);
        }
        tempoOverride = qpm;
    }

    /** The tempo the next step will be played at, in quarter notes per minute. */
    public double tempo() {
        double t = tempoOverride;
        Groove g = groove;
        return !Double.isNaN(t) ? t : g == null ? Groove.DEFAULT_QPM : g.qpm();
    }

    @Override
    public void setVolume(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("volume is NaN");
        }
        volume = Math.max(0, Math.min(1, v));
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (!playing) {
                return;
            }
            playing = false;
            generation++;
            silenceAll();
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean isPlaying() {
        return playing;
    }

    @Override
    public void setStepListener(IntConsumer listener) {
        stepListener = listener;
    }

    @Override
    public PlayerStatus status() {
        return status;
    }

    /**
     * {@link System#nanoTime()} of the grid line of step 0 in the first loop of the current (or
     * last) run; with a constant tempo, hit {@code (loop, step, class)} is due at
     * {@code runStartNanos() + (64 * loop + step + offset) * stepDuration}. For measurements.
     */
    public long runStartNanos() {
        return runStartNanos;
    }

    /**
     * {@link System#nanoTime()} at which the step last passed to the step listener was due (its
     * grid line); read it from the listener to know how late the call came.
     */
    public long stepDueNanos() {
        return stepDueNanos;
    }

    /**
     * {@link System#nanoTime()} at which the note being sent to the receiver (or the last one sent)
     * was due: read it from the receiver's {@code send} to know when a note was meant to sound,
     * whatever delayed its sending. For measurements.
     */
    public long sendDueNanos() {
        return sendDueNanos;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            stop();
            closed = true;
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (device != null) {
            try {
                receiver.close();
                device.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // scheduler thread

    private static final int OFF = 0;
    private static final int STEP = 1;
    private static final int ON = 2;
    /** A metronome click of the loop: a NOTE_ON that sounds only while the metronome is on. */
    private static final int CLICK = 3;

    /** One scheduled action. Order: time, then NOTE_OFF before step before NOTE_ON (and click), then creation. */
    private record Event(long time, int kind, int pitch, float velocity, long id) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(kind, o.kind);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private void schedulerLoop() {
        while (!closed) {
            long gen;
            long start;
            int beats;
            double beatNanos;
            synchronized (lock) {
                gen = generation;
                start = runStartNanos;
                beats = countInBeats;
                beatNanos = countInBeatNanos;
            }
            if (playing && !closed) {
                runLoops(gen, start, beats, beatNanos);
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void runLoops(long gen, long origin, int countIn, double beatNanos) {
        PriorityQueue<Event> queue = new PriorityQueue<>();
        long ids = 0;
        for (int b = 0; b < countIn; b++) { // the count-in: clicks a beat apart before step 0, the first accented
            long on = origin - Math.round((countIn - b) * beatNanos);
            int pitch = b == 0 ? CLICK_ACCENT_PITCH : CLICK_PITCH;
            long id = ++ids;
            queue.add(new Event(on, ON, pitch, b == 0 ? CLICK_ACCENT_VELOCITY : CLICK_VELOCITY, id));
            queue.add(new Event(on + Math.round(beatNanos / 8), OFF, pitch, 0f, id));
        }
        int step = 0;
        double grid = 0; // nanos from origin to the grid line of the next step to prepare
        double prepareAt = grid - 0.5 * stepNanos(groove) - PREPARE_MARGIN_NANOS;
        while (generation == gen && !closed) {
            Event next = queue.peek();
            long prepareTime = origin + (long) Math.floor(prepareAt);
            if (next == null || prepareTime <= next.time()) {
                if (!waitUntil(prepareTime, gen)) {
                    return;
                }
                Groove g = groove;
                double d = 60e9 / tempoFor(g) / 4.0;
                double sw = swing;
                queue.add(new Event(origin + Math.round(grid), STEP, step, 0f, ++ids));
                if (step % 4 == 0) { // a beat: the metronome's click on its grid line (no swing, no offset)
                    long on = origin + Math.round(grid);
                    int pitch = step % 16 == 0 ? CLICK_ACCENT_PITCH : CLICK_PITCH;
                    long id = ++ids;
                    queue.add(new Event(on, CLICK, pitch, step % 16 == 0 ? CLICK_ACCENT_VELOCITY : CLICK_VELOCITY, id));
                    queue.add(new Event(on + Math.round(d / 2), OFF, pitch, 0f, id));
                }
                for (int c = 0; c < Groove.CLASSES; c++) {
                    if (g.hit(step, c)) {
                        long on = origin + Math.round(grid + (g.offset(step, c) + org.backbeat.groove.Swing.delaySteps(step, sw)) * d);
                        long id = ++ids;
                        int pitch = DrumClass.of(c).outputPitch();
                        queue.add(new Event(on, ON, pitch, g.velocity(step, c), id));
                        queue.add(new Event(on + Math.round(d / 2), OFF, pitch, 0f, id));
                    }
                }
                grid += d;
                step = (step + 1) % Groove.STEPS;
                prepareAt = grid - 0.5 * d - PREPARE_MARGIN_NANOS;
            } else {
                if (!waitUntil(next.time(), gen)) {
                    return;
                }
                queue.poll();
                dispatch(next, gen);
            }
        }
    }

    private double tempoFor(Groove g) {
        double t = tempoOverride;
        return Double.isNaN(t) ? g.qpm() : t;
    }

    private static double stepNanos(Groove g) {
        return g == null ? 60e9 / Groove.DEFAULT_QPM / 4 : g.stepSeconds() * 1e9;
    }

    /** Parks, then spins, until {@code deadline}; false when the run was stopped meanwhile. */
    private boolean waitUntil(long deadline, long gen) {
        while (true) {
            if (generation != gen || closed) {
                return false;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(this, remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void dispatch(Event e, long gen) {
        if (e.kind() == STEP) {
            IntConsumer l = stepListener;
            stepDueNanos = e.time();
            if (l != null && generation == gen) {
                try {
                    l.accept(e.pitch());
                } catch (RuntimeException ex) {
                    // a broken listener must not stop the music
                }
            }
            return;
        }
        if (e.kind() == CLICK && !metronome) {
            return;
        }
        boolean noteOn = e.kind() == ON || e.kind() == CLICK;
        if (noteOn && System.nanoTime() - e.time() > MAX_LATE_NANOS) {
            // After a long stall (a swapping or suspended machine) the overdue hits would all
            // fire at once as a burst; a hit that late is musically wrong anyway, so drop it.
            return;
        }
        synchronized (lock) {
            if (generation != gen) {
                return;
            }
            sendDueNanos = e.time();
            if (noteOn) {
                int velocity = (int) Math.round(e.velocity() * 127 * volume);
                if (volume <= 0 || e.velocity() <= 0) {
                    return;
                }
                velocity = Math.max(1, Math.min(127, velocity));
                if (sounding[e.pitch()] != 0) {
                    send(ShortMessage.NOTE_OFF, e.pitch(), 0);
                }
                send(ShortMessage.NOTE_ON, e.pitch(), velocity);
                sounding[e.pitch()] = e.id();
            } else if (sounding[e.pitch()] == e.id()) {
                send(ShortMessage.NOTE_OFF, e.pitch(), 0);
                sounding[e.pitch()] = 0;
            }
        }
    }

    /** NOTE_OFF for every sounding pitch, then CC 123. Holds {@link #lock}. */
    private void silenceAll() {
        for (int p = 0; p < sounding.length; p++) {
            if (sounding[p] != 0) {
                send(ShortMessage.NOTE_OFF, p, 0);
                sounding[p] = 0;
            }
        }
        send(ShortMessage.CONTROL_CHANGE, 123, 0);
    }

    private void send(int command, int data1, int data2) {
        try {
            receiver.send(new ShortMessage(command, DRUM_CHANNEL, data1, data2), -1);
        } catch (InvalidMidiDataException | RuntimeException e) {
            // a port that went away: keep time, stay silent
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
