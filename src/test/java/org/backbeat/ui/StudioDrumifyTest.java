package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.Decoded;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Guide;
import org.backbeat.model.Interpolation;
import org.backbeat.model.LatentCode;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.Lock;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Sampling;
import org.backbeat.model.Task;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.TapRecorder;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: Drumify from taps on the T key and on a MIDI input (stamped by a clock the test sets),
 * over a count-in and a metronome the studio's player sends to a receiver the test records; and
 * Drumify of the grid's groove and of a clip.
 */
class StudioDrumifyTest extends StudioWindowTest {

    private static final long MS = 1_000_000L;

    /** Every note-on the studio's player sends, with its arrival time. */
    private final Notes notes = new Notes();

    private static FastGrooveModel tinyDrumifier() {
        var c = TestStudio.tinyModel().config().withTask(Task.DRUMIFY);
        return new FastGrooveModel(c, ModelInitializer.random(c, 31));
    }

    @Start
    void start(Stage stage) throws Exception {
        // the studio's window as StudioWindowTest opens it, playing into the test's receiver
        app = new StudioApp(model(), null, () -> {
            MidiGroovePlayer p = MidiGroovePlayer.withReceiver(notes);
            notes.player = p;
            return p;
        }, () -> dialogs);
        app.start(stage);
        stage.sizeToScene();
    }

    private boolean tapping(FxRobot robot) {
        return robot.lookup("#tapButton").queryAs(ToggleButton.class).isSelected();
    }

    private boolean playing(FxRobot robot) {
        return robot.lookup("#playButton").queryAs(ToggleButton.class).isSelected();
    }

    /** Tap on, through the button; returns the taps being recorded (their downbeat is the player's). */
    private TapRecorder tapOn(FxRobot robot) {
        robot.clickOn("#tapButton");
        WaitForAsyncUtils.waitForFxEvents();
        TapRecorder r = app.controller().tapRecorder();
        assertTrue(r != null && tapping(robot));
        return r;
    }

    private static long at(long downbeat, double seconds) {
        return downbeat + Math.round(seconds * 1e9);
    }

    @Test
    void afterTheCountInTapsOnTheKeyAreDrawnAsTheyLandAndTheLastBeatTurnsThemIntoALoopingGroove(FxRobot robot)
        throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        AtomicLong now = new AtomicLong();
        app.controller().setTapClock(now::get);
        Groove before = grid(robot).getGroove();
        int history = app.controller().session().history().size();
        double bpm = app.controller().session().bpm();
        double beat = 60.0 / bpm;
        double sixteenth = beat / 4;

        TapRecorder r = tapOn(robot);
        assertTrue(r.countsIn(), "the metronome is on by default");
        long downbeat = r.downbeatNanos();
        assertEquals(0, grid(robot).getGroove().hitCount(), "an empty grid for the taps");
        assertEquals("taps · 0 taps · " + Math.round(bpm) + " BPM", text(robot, "#grooveTitle"),
            "the title names what the grid shows, not the groove before");
        assertTrue(playing(robot), "the count-in and the loop play");
        now.set(at(downbeat, -2.5 * beat));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#statusDecode").equals("Count-in 1 2"));

        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY); // keys to the studio
        now.set(at(downbeat, -beat));
        robot.type(KeyCode.T); // on the count-in's last click: not a tap of the four bars
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, grid(robot).getGroove().hitCount(), "a tap in the count-in is not drawn");
        now.set(at(downbeat, -0.008));
        robot.type(KeyCode.T); // the downbeat, 8 ms early
        long[] atSixteenths = {4, 6, 8, 12, 42};
        for (long s : atSixteenths) {
            now.set(at(downbeat, s * sixteenth + 0.003)); // each 3 ms late
            robot.type(KeyCode.T);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Groove drawn = grid(robot).getGroove();
        int ch = GrooveTransforms.TAP_CHANNEL;
        assertEquals(6, drawn.hitCount(ch), "the taps are on the grid as they land");
        assertEquals(6, drawn.hitCount());
        assertTrue(drawn.hit(0, ch));
        assertEquals(-0.008 / sixteenth, drawn.offset(0, ch), 1e-4, "timed from the downbeat after the count-in");
        for (long s : atSixteenths) {
            assertTrue(drawn.hit((int) s, ch), "tap at step " + s);
            assertEquals(0.003 / sixteenth, drawn.offset((int) s, ch), 1e-4, "the timing of step " + s);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
            () -> text(robot, "#statusDecode").startsWith("Tap on T · bar 3 beat 3 · 6 taps"));
        assertEquals("taps · 6 taps · " + Math.round(bpm) + " BPM", text(robot, "#grooveTitle"));
        assertEquals(history, app.controller().session().history().size(), "taps are not a groove yet");

        while (System.nanoTime() < downbeat + 50 * MS) { // the player's own count-in is over too
            Thread.sleep(20);
        }
        now.set(at(downbeat, 63.6 * sixteenth)); // the end of the last beat of the four bars
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.controller().session().history().size() == history + 1);
        settle();
        Groove after = grid(robot).getGroove();
        assertEquals(app.controller().session().current().groove(), after);
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertEquals(app.controller().session().title(), text(robot, "#grooveTitle"), "the drumified groove's title");
        assertFalse(tapping(robot), "Tap goes off");
        assertTrue(playing(robot), "the drumified groove loops");
        assertNotEquals(drawn, after);
        assertTrue(after.hitCount() > 0);
        int clicks = notes.clicks().size();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> notes.noteOns().stream().anyMatch(n -> !n.click()));
        Thread.sleep(Math.round(beat * 1000) + 100);
        assertEquals(clicks, notes.clicks().size(), "the metronome stops with the taps");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, grid(robot).getGroove(), "undo brings the groove before the taps back");
    }

    /**
     * The count-in and the metronome reach the player's receiver at the beat times of the loop the
     * taps are timed on: four clicks before the downbeat (the first accented), then one a beat.
     */
    @Test
    void theCountInAndTheMetronomeClickOnTheBeatsTheTapsAreTimedFrom(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        Spinner<Double> bpm = robot.lookup("#bpmSpinner").queryAs(Spinner.class);
        // 150 BPM: the four bars (6.4 s) outlast the wait for two of them with room for a busy machine
        robot.interact(() -> bpm.getValueFactory().setValue(150.0));
        double beat = 60.0 / 150;
        long before = System.nanoTime();
        long downbeat = tapOn(robot).downbeatNanos();
        assertTrue(downbeat - before >= 4 * beat * 1e9, "a bar of count-in first");
        // the count-in and the first two bars
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> notes.noteOns().stream().anyMatch(n -> n.due() >= at(downbeat, 8 * beat)));
        java.util.Set<Integer> beats = new java.util.TreeSet<>();
        List<Double> lateMs = new ArrayList<>();
        for (Notes.Note n : notes.clicks()) {
            int b = (int) Math.round((n.due() - downbeat) / (beat * 1e9)); // -4..-1: the count-in, 0..: the loop's beats
            if (b >= 8) {
                continue;
            }
            boolean accent = b < 0 ? b == -4 : b % 4 == 0;
            long beatTime = at(downbeat, b * beat);
            assertEquals(beatTime, n.due(), 1_000, "a click due on beat " + b + " of the taps' loop (to the microsecond)");
            assertTrue(b >= -4 && beats.add(b), "beat " + b + ": four count-in beats, one click a beat");
            assertEquals(accent ? MidiGroovePlayer.CLICK_ACCENT_PITCH : MidiGroovePlayer.CLICK_PITCH, n.pitch(), "beat " + b);
            assertEquals(9, n.channel(), "on the drum channel");
            assertTrue(n.nanos() >= beatTime, "beat " + b + " sounded early");
            lateMs.add((n.nanos() - beatTime) / 1e6);
        }
        // all 12 beats (one may be missing: after a stall of the machine the player drops a note
        // rather than play it 80 ms late), sent on time to some ms: the window's own work, and a
        // machine busy with other work, delay clicks here more than the player alone (MidiGroovePlayerTest)
        assertTrue(beats.size() >= 11, "beats clicked: " + beats);
        List<Double> sorted = lateMs.stream().sorted().toList();
        assertTrue(sorted.get(sorted.size() / 2) < 10, "median lateness, ms: " + lateMs);
        assertTrue(notes.noteOns().stream().allMatch(Notes.Note::click), "while tapping only the metronome sounds");

        assertTrue(tapping(robot), "still within the four bars");
        robot.clickOn("#tapButton"); // Tap off: the taps are dropped, the clicks and the loop stop
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(playing(robot), "the loop did not play before the taps");
        int heard = notes.clicks().size();
        Thread.sleep(Math.round(beat * 1000) * 2);
        assertEquals(heard, notes.clicks().size());
        assertEquals(app.controller().session().current().groove(), grid(robot).getGroove());
    }

    /** With the metronome off (File menu) the first tap is the downbeat, nothing clicks, and the four bars end by themselves. */
    @Test
    void withoutTheMetronomeTheFirstTapIsTheDownbeatAndFourBarsLaterTheTapsAreDrumified(FxRobot robot) throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        AtomicLong now = new AtomicLong(0);
        app.controller().setTapClock(now::get);
        int history = app.controller().session().history().size();
        double loop = 16 * 60.0 / app.controller().session().bpm();
        robot.clickOn("File").clickOn("Count-in and metronome for Tap");
        TapRecorder r = tapOn(robot);
        assertFalse(r.countsIn() || r.started(), "no downbeat until the first tap");
        assertFalse(playing(robot), "no count-in");
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY);
        now.set(5_000 * MS);
        robot.type(KeyCode.T);
        now.set(5_000 * MS + Math.round(loop / 2 * 1e9));
        robot.type(KeyCode.T);
        WaitForAsyncUtils.waitForFxEvents();
        Groove taps = grid(robot).getGroove();
        assertEquals(2, taps.hitCount());
        assertTrue(taps.hit(0, GrooveTransforms.TAP_CHANNEL) && taps.hit(32, GrooveTransforms.TAP_CHANNEL));
        Thread.sleep(300);
        assertTrue(tapping(robot), "still tapping: the taps' clock is mid-loop");
        now.set(5_000 * MS + Math.round(loop * 1e9));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
            () -> app.controller().session().history().size() == history + 1);
        settle();
        assertFalse(tapping(robot));
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertTrue(notes.clicks().isEmpty(), "no click without the metronome");
    }

    @Test
    void dDrumifiesTheRhythmOfTheGrooveOnTheGridAndAClipOfAnyPitchToo(FxRobot robot) throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        Groove before = grid(robot).getGroove();
        int history = app.controller().session().history().size();
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY);
        robot.type(KeyCode.D);
        settle();
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertEquals(history + 1, app.controller().session().history().size());
        assertNotEquals(before, grid(robot).getGroove());

        // a clip file whose notes are the grid's rhythm, read as taps whatever their pitch
        Path clip = tmp.resolve("clip.mid");
        MidiFiles.write(GrooveTransforms.tapify(before).withQpm(before.qpm()), clip);
        dialogs.next.set(clip);
        robot.clickOn("File").clickOn("Drumify a MIDI clip…");
        settle();
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertEquals(app.controller().session().current().groove(), grid(robot).getGroove());
        assertEquals(history + 2, app.controller().session().history().size(), "the clip's groove is one more entry");
        assertEquals(before.qpm(), grid(robot).getGroove().qpm(), 1e-9, "at the transport's tempo");
    }

    /** A MIDI input the test plays: note-ons sent to whatever receiver the studio set. */
    static final class FakeTransmitter implements javax.sound.midi.Transmitter {
        volatile javax.sound.midi.Receiver receiver;

        @Override
        public void setReceiver(javax.sound.midi.Receiver r) {
            receiver = r;
        }

        @Override
        public javax.sound.midi.Receiver getReceiver() {
            return receiver;
        }

        @Override
        public void close() {
        }

        void note(int channel, int pitch, int velocity) throws Exception {
            receiver.send(new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.NOTE_ON, channel, pitch, velocity), -1);
        }
    }

    /**
     * Notes of a MIDI input, any channel and pitch, are taps with their velocity, timed from the
     * downbeat after the count-in: the loudest of a step gives its timing. Drumify ends the taps early.
     */
    @Test
    void notesFromAMidiInputAreTaps(FxRobot robot) throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        AtomicLong now = new AtomicLong(50 * MS);
        app.controller().setTapClock(now::get);
        FakeTransmitter midi = new FakeTransmitter();
        robot.interact(() -> app.controller().useTapInput(midi));
        double sixteenth = 60.0 / app.controller().session().bpm() / 4;
        int history = app.controller().session().history().size();
        midi.note(0, 60, 100); // Tap is off: not a tap
        WaitForAsyncUtils.waitForFxEvents();
        long downbeat = tapOn(robot).downbeatNanos();
        now.set(at(downbeat, -2 * sixteenth));
        midi.note(0, 41, 90);                                              // in the count-in: not a tap
        now.set(downbeat);
        midi.note(0, 40, 80);                                              // step 0, the downbeat
        now.set(at(downbeat, 2 * sixteenth - 0.010));
        midi.note(3, 72, 30);                                              // step 2, 10 ms early, quiet
        now.set(at(downbeat, 2 * sixteenth + 0.020));
        midi.note(9, 38, 120);                                             // step 2, 20 ms late, loud: wins
        now.set(at(downbeat, 9 * sixteenth));
        midi.note(1, 50, 64);                                              // step 9
        WaitForAsyncUtils.waitForFxEvents();
        Groove taps = grid(robot).getGroove();
        int ch = GrooveTransforms.TAP_CHANNEL;
        assertEquals(3, taps.hitCount());
        assertTrue(taps.hit(0, ch) && taps.hit(2, ch) && taps.hit(9, ch));
        assertEquals(0.020 / sixteenth, taps.offset(2, ch), 1e-4, "the louder note's timing");
        robot.clickOn("#drumifyButton"); // before the four bars are over
        settle();
        assertEquals(history + 1, app.controller().session().history().size());
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertFalse(tapping(robot));
        assertTrue(playing(robot), "the drumified groove loops on");
    }

    /** After Humanize or Drumify the status line gives the time of the tool's model, not of the studio's. */
    @Test
    void theStatusLineGivesTheToolModelsDecodeTime(FxRobot robot) throws Exception {
        var humanizeConfig = TestStudio.tinyModel().config().withTask(Task.HUMANIZE);
        app.controller().setHumanizeModel(() -> new SlowModel(
            new FastGrooveModel(humanizeConfig, ModelInitializer.random(humanizeConfig, 21)), 150));
        app.controller().setDrumifyModel(() -> new SlowModel(TaskModelsHolder.drumifier(), 150));
        robot.clickOn("#humanizeButton");
        settle();
        assertTrue(app.controller().session().current().label().startsWith("humanized"));
        assertDecodeMillisAtLeast(robot, "humanize", 150);
        robot.clickOn("#drumifyButton");
        settle();
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertDecodeMillisAtLeast(robot, "drumify", 150);
        robot.clickOn("#generateButton"); // the studio's own tiny model again
        settle();
        String status = text(robot, "#statusDecode");
        assertTrue(status.matches("decode [0-9.]+ ms"), status);
    }

    private static void assertDecodeMillisAtLeast(FxRobot robot, String tool, double ms) {
        String status = text(robot, "#statusDecode");
        assertTrue(status.matches(tool + " decode [0-9.]+ ms"), status);
        double shown = Double.parseDouble(status.replaceAll("[^0-9.]", ""));
        assertTrue(shown >= ms, "the tool's model took at least " + ms + " ms (it sleeps so long), the status says " + status);
    }

    /** One model for a whole test: the tool opens it once. */
    static final class TaskModelsHolder {
        private static final FastGrooveModel DRUMIFIER = tinyDrumifier();

        static FastGrooveModel drumifier() {
            return DRUMIFIER;
        }
    }

    /** Records the note-ons a player sends, with their arrival time. */
    static final class Notes implements Receiver {
        /** {@code due}: when the player meant it to sound. */
        record Note(long nanos, int channel, int pitch, long due) {
            boolean click() {
                return pitch == MidiGroovePlayer.CLICK_ACCENT_PITCH || pitch == MidiGroovePlayer.CLICK_PITCH;
            }
        }

        private final List<Note> ons = new ArrayList<>();
        volatile MidiGroovePlayer player;

        @Override
        public synchronized void send(MidiMessage m, long timeStamp) {
            long t = System.nanoTime();
            if (m instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0) {
                MidiGroovePlayer p = player;
                ons.add(new Note(t, s.getChannel(), s.getData1(), p == null ? 0 : p.sendDueNanos()));
            }
        }

        synchronized List<Note> noteOns() {
            return new ArrayList<>(ons);
        }

        List<Note> clicks() {
            return noteOns().stream().filter(Note::click).toList();
        }

        @Override
        public void close() {
        }
    }

    /** A model whose encoder takes at least {@code millis} longer: the tool's time is measured, not the studio's. */
    static final class SlowModel implements GrooveModel {
        private final GrooveModel m;
        private final long millis;

        SlowModel(GrooveModel m, long millis) {
            this.m = m;
            this.millis = millis;
        }

        @Override
        public ModelConfig config() {
            return m.config();
        }

        @Override
        public List<LatentCode> encode(List<Groove> grooves) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return m.encode(grooves);
        }

        @Override
        public List<Groove> decode(List<float[]> zs, double temperature, long seed, double qpm) {
            return m.decode(zs, temperature, seed, qpm);
        }

        @Override
        public List<Decoded> decodeGuided(List<float[]> zs, List<Sampling> s, List<Guide> g, double qpm) {
            return m.decodeGuided(zs, s, g, qpm);
        }

        @Override
        public List<Decoded> decodeLocked(List<float[]> zs, List<Sampling> s, List<Guide> g, List<Lock> l, double qpm) {
            return m.decodeLocked(zs, s, g, l, qpm);
        }

        @Override
        public List<Groove> sample(int count, double temperature, long seed) {
            return m.sample(count, temperature, seed);
        }

        @Override
        public List<Groove> interpolate(Groove a, Groove b, int steps, Interpolation mode) {
            return m.interpolate(a, b, steps, mode);
        }

        @Override
        public List<LatentDirection> directions() {
            return m.directions();
        }

        @Override
        public String backend() {
            return m.backend();
        }
    }
}
