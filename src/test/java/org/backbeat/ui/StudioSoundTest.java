package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.SoundSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Sound > MIDI output and SoundFont…, and that the choice is there again in the next run. */
class StudioSoundTest extends StudioWindowTest {

    private final AtomicInteger notesOnPort = new AtomicInteger();
    private final List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Path settings;

    @Start
    void start(Stage stage) throws Exception {
        startStudio(stage);
    }

    @BeforeEach
    void fakePorts() throws Exception {
        settings = tmp.resolve("sound.json");
        Receiver port = new Receiver() {
            @Override
            public void send(MidiMessage m, long t) {
                if (m instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0) {
                    notesOnPort.incrementAndGet();
                }
            }

            @Override
            public void close() {
            }
        };
        WaitForAsyncUtils.asyncFx(() -> app.controller().setSoundParts(p -> {
            opened.add(String.valueOf(p));
            if (p != null && !p.equals("DAW in")) {
                throw new javax.sound.midi.MidiUnavailableException("no MIDI output port named \"" + p + "\"");
            }
            return p == null ? MidiGroovePlayer.silent("built-in in tests") : MidiGroovePlayer.withReceiver(port);
        }, () -> List.of("DAW in"), settings)).get();
    }

    @Test
    void choosingAMidiPortPlaysThereAndIsRemembered(FxRobot robot) throws Exception {
        robot.clickOn("Sound");
        javafx.scene.control.Menu out = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus()
            .stream().filter(m -> m.getText().equals("_Sound")).findFirst().orElseThrow().getItems().stream()
            .filter(i -> "MIDI output".equals(i.getText())).map(javafx.scene.control.Menu.class::cast).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
            () -> out.getItems().stream().anyMatch(i -> i.getText().equals("DAW in")));
        robot.clickOn("MIDI output").clickOn("DAW in");
        awaitStatus(robot, "Sound: MIDI receiver");
        robot.clickOn("#playButton");
        assertTrue(robot.lookup("#playButton").queryAs(ToggleButton.class).isSelected());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notesOnPort.get() > 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(settings));
        assertEquals("DAW in", SoundSettings.load(settings).midiPort(), "remembered");

        robot.clickOn("Sound").clickOn("MIDI output").clickOn("Built-in synthesizer");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#statusPlayer").startsWith("No sound device"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            try {
                return SoundSettings.load(settings).midiPort() == null;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void anotherOutputWhileTappingCountsInAgainThere(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#tapButton").queryAs(ToggleButton.class).isDisabled());
        robot.clickOn("#tapButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.controller().tapRecorder() != null);
        org.backbeat.studio.TapRecorder before = app.controller().tapRecorder();
        robot.clickOn("Sound").clickOn("MIDI output").clickOn("DAW in");
        awaitStatus(robot, "Sound: MIDI receiver");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.controller().tapRecorder() != before);
        org.backbeat.studio.TapRecorder after = app.controller().tapRecorder();
        assertTrue(after.countsIn(), "Tap is still on, with a count-in");
        assertTrue(after.downbeatNanos() > before.downbeatNanos(), "timed from the new output's downbeat");
        assertTrue(text(robot, "#statusDecode").startsWith("New output"), text(robot, "#statusDecode"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notesOnPort.get() > 0); // its clicks on the new port
        assertTrue(robot.lookup("#tapButton").queryAs(ToggleButton.class).isSelected());
        robot.clickOn("#tapButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.controller().tapRecorder() == null);
    }

    private void awaitStatus(FxRobot robot, String expected) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!text(robot, "#statusPlayer").equals(expected) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(expected, text(robot, "#statusPlayer"), "opened " + opened);
    }

    @Test
    void theNextRunOpensTheRememberedPortAndSaysWhenItIsGone(FxRobot robot) throws Exception {
        new SoundSettings(null, "DAW in").save(settings);
        WaitForAsyncUtils.asyncFx(() -> app.controller().applySoundSettings(settings)).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#statusPlayer").equals("Sound: MIDI receiver"));
        assertEquals(List.of("DAW in"), opened);

        // another file: the first choice's own save may still be landing in the first one
        Path next = tmp.resolve("sound-next.json");
        new SoundSettings(null, "Unplugged synth").save(next);
        WaitForAsyncUtils.asyncFx(() -> app.controller().applySoundSettings(next)).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
            () -> text(robot, "#statusPlayer").startsWith("MIDI output not opened: no MIDI output port named"));
    }

    @Test
    void aFileThatIsNoSoundFontIsNamedInTheStatusAndNotRemembered(FxRobot robot) throws Exception {
        Path bad = tmp.resolve("bad.sf2");
        Files.writeString(bad, "not a soundfont");
        dialogs.next.set(bad);
        robot.clickOn("Sound").clickOn("SoundFont…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#statusPlayer").startsWith("SoundFont not loaded"));
        assertNull(app.controller().soundSettings().soundFont());
    }
}
