package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.StudioSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 21.3: the session survives a restart, and quitting asks only when it cannot be saved. */
@ExtendWith(ApplicationExtension.class)
class SessionRestoreTest {

    @TempDir
    static Path tmp;
    private final TestStudio.ScriptedDialogs dialogs = new TestStudio.ScriptedDialogs();
    private StudioApp app;
    private StudioApp second;
    private Stage stage;

    private static Path sessionFile() {
        return tmp.resolve("data").resolve("session.json");
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        System.setProperty("backbeat.session", sessionFile().toString());
        app = studio();
        app.start(stage);
        stage.sizeToScene(); // TestFX reuses one stage: an earlier test's window size must not carry over
    }

    private StudioApp studio() {
        return new StudioApp(TestStudio::tinyModel, null, () -> MidiGroovePlayer.silent("test"), () -> dialogs);
    }

    @AfterEach
    void stop() throws Exception {
        System.setProperty("backbeat.session", "none");
        WaitForAsyncUtils.asyncFx(() -> {
            app.stop();
            if (second != null) {
                second.stop();
            }
        }).get();
    }

    private static Set<DialogPane> dialogPanes(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class);
    }

    private static void ready(FxRobot robot, StudioApp a) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> a.controller() != null
            && a.controller().autosave() != null && a.controller().currentGroove().hitCount() > 0);
    }

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(".button").match(b -> b instanceof Button bt && bt.getText().trim().equals(text)).queryButton();
    }

    @Test
    void aRestartOffersTheLastSessionAndRestoresIt(FxRobot robot) throws Exception {
        Files.deleteIfExists(sessionFile());
        ready(robot, app);
        assertTrue(dialogPanes(robot).isEmpty(), "no last session: no question");
        robot.clickOn("#generateButton");
        assertTrue(app.controller().awaitModelWork(10_000));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#fillAButton");
        @SuppressWarnings("unchecked")
        Spinner<Double> bpm = robot.lookup("#bpmSpinner").queryAs(Spinner.class);
        robot.interact(() -> bpm.getValueFactory().setValue(97.0));
        StudioSession s = app.controller().session();
        Groove current = s.current().groove();
        int history = s.history().size();
        Groove a = s.slot(0).groove();
        assertTrue(app.controller().autosave().awaitIdle(5000));
        assertTrue(Files.size(sessionFile()) > 0, "saved after the changes");

        robot.interact(() -> {
            app.stop();
            stage.hide();
            try {
                second = studio();
                second.start(new Stage());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !dialogPanes(robot).isEmpty());
        DialogPane pane = dialogPanes(robot).iterator().next();
        assertEquals("Restore your last session?", pane.getHeaderText());
        robot.clickOn(button(robot, "Restore last session"));
        WaitForAsyncUtils.waitForFxEvents();
        StudioSession r = second.controller().session();
        assertEquals(current, r.current().groove(), "the groove on the grid");
        assertEquals(current, second.controller().currentGroove());
        assertEquals(history, r.history().size(), "the history");
        assertEquals(a, r.slot(0).groove(), "slot A");
        assertEquals(97, r.bpm(), 0);
        assertTrue(r.title().endsWith("97 BPM"), r.title());
    }

    @Test
    void quittingAsksOnlyWhenTheSessionCannotBeSaved(FxRobot robot) throws Exception {
        Platform.setImplicitExit(false); // the test closes the window and the toolkit must stay up
        ready(robot, app);
        WaitForAsyncUtils.waitForFxEvents();
        if (!dialogPanes(robot).isEmpty()) { // the first test's session
            robot.clickOn(button(robot, "New session"));
        }
        assertTrue(app.controller().autosave().awaitIdle(5000));
        Path dir = sessionFile().getParent();
        Files.deleteIfExists(sessionFile());
        Files.deleteIfExists(dir);
        Files.writeString(dir, "a file where the folder should be"); // the session cannot be written
        robot.clickOn("#grooveTitle"); // the studio's window has the keyboard again
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialogPanes(robot).isEmpty());
        DialogPane pane = dialogPanes(robot).iterator().next();
        assertEquals("Your session is not saved", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("could not be written"), pane.getContentText());
        robot.clickOn(button(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "cancel keeps the studio open");

        Files.delete(dir);
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertTrue(dialogPanes(robot).isEmpty(), "saved: no question");
        assertTrue(Files.size(sessionFile()) > 0, "the session is on disk");
        assertFalse(stage.isShowing());
    }
}
