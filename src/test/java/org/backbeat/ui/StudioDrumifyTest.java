package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Task;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 20: Drumify from taps on the T key (stamped by a clock the test sets) and from the grid's groove. */
class StudioDrumifyTest extends StudioWindowTest {

    private static final long MS = 1_000_000L;

    private static FastGrooveModel tinyDrumifier() {
        var c = TestStudio.tinyModel().config().withTask(Task.DRUMIFY);
        return new FastGrooveModel(c, ModelInitializer.random(c, 31));
    }

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }

    @Test
    void tapsOnTheKeyAreDrawnAsTheyLandAndDrumifyTurnsThemIntoAnUndoableGroove(FxRobot robot) throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        AtomicLong now = new AtomicLong(1_000 * MS);
        app.controller().setTapClock(now::get);
        Groove before = grid(robot).getGroove();
        int history = app.controller().session().history().size();
        double bpm = app.controller().session().bpm();
        double sixteenth = 60.0 / bpm / 4;

        robot.clickOn("#tapButton");
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY); // keys to the studio
        long[] atSixteenths = {0, 4, 6, 8, 12};
        for (long s : atSixteenths) {
            now.set(1_000 * MS + Math.round(s * sixteenth * 1e9) + 3 * MS); // each 3 ms late
            robot.type(KeyCode.T);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Groove drawn = grid(robot).getGroove();
        assertEquals(5, drawn.hitCount(GrooveTransforms.TAP_CHANNEL), "the taps are on the grid as they land");
        assertEquals(5, drawn.hitCount());
        for (long s : atSixteenths) {
            assertTrue(drawn.hit((int) s, GrooveTransforms.TAP_CHANNEL), "tap at step " + s);
        }
        assertEquals(history, app.controller().session().history().size(), "taps are not a groove yet");

        robot.clickOn("#drumifyButton");
        settle();
        Groove after = grid(robot).getGroove();
        assertEquals(app.controller().session().current().groove(), after);
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
        assertEquals(history + 1, app.controller().session().history().size());
        assertFalse(robot.lookup("#tapButton").queryAs(ToggleButton.class).isSelected(), "Tap goes off");
        assertNotEquals(drawn, after);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, grid(robot).getGroove(), "undo brings the groove before the taps back");
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

    /** Once the taps' clock is past the four bars, the taps become a groove without a click. */
    @Test
    void afterFourBarsTheTapsAreDrumifiedByThemselves(FxRobot robot) throws Exception {
        app.controller().setDrumifyModel(TaskModelsHolder::drumifier);
        AtomicLong now = new AtomicLong(0);
        app.controller().setTapClock(now::get);
        int history = app.controller().session().history().size();
        double loop = 16 * 60.0 / app.controller().session().bpm();
        robot.clickOn("#tapButton");
        robot.clickOn(grid(robot), javafx.scene.input.MouseButton.SECONDARY);
        robot.type(KeyCode.T);
        now.set(Math.round(loop / 2 * 1e9));
        robot.type(KeyCode.T);
        Thread.sleep(Math.round(loop * 1000) + 500); // the studio's timer has run; the taps' clock is mid-loop
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#tapButton").queryAs(ToggleButton.class).isSelected(), "still tapping");
        now.set(Math.round(loop * 1e9));
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
            () -> app.controller().session().history().size() == history + 1);
        settle();
        assertFalse(robot.lookup("#tapButton").queryAs(ToggleButton.class).isSelected());
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
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

    /** Notes of a MIDI input, any channel and pitch, are taps with their velocity: the loudest of a step gives its timing. */
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
        robot.clickOn("#tapButton");
        midi.note(0, 40, 80);                                              // step 0, the downbeat
        now.set(50 * MS + Math.round(2 * sixteenth * 1e9) - 10 * MS);
        midi.note(3, 72, 30);                                              // step 2, 10 ms early, quiet
        now.set(50 * MS + Math.round(2 * sixteenth * 1e9) + 20 * MS);
        midi.note(9, 38, 120);                                             // step 2, 20 ms late, loud: wins
        now.set(50 * MS + Math.round(9 * sixteenth * 1e9));
        midi.note(1, 50, 64);                                              // step 9
        WaitForAsyncUtils.waitForFxEvents();
        Groove taps = grid(robot).getGroove();
        int ch = GrooveTransforms.TAP_CHANNEL;
        assertEquals(3, taps.hitCount());
        assertTrue(taps.hit(0, ch) && taps.hit(2, ch) && taps.hit(9, ch));
        assertEquals(0.020 / sixteenth, taps.offset(2, ch), 1e-4, "the louder note's timing");
        robot.clickOn("#drumifyButton");
        settle();
        assertEquals(history + 1, app.controller().session().history().size());
        assertTrue(app.controller().session().current().label().startsWith("drumified"));
    }

    /** One model for a whole test: the tool opens it once. */
    static final class TaskModelsHolder {
        private static final FastGrooveModel DRUMIFIER = tinyDrumifier();

        static FastGrooveModel drumifier() {
            return DRUMIFIER;
        }
    }
}
