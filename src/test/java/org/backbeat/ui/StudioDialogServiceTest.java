package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.backbeat.play.MidiGroovePlayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio opens every window through the {@link DialogService} it is given: replaced by one that
 * only records and answers, errors, questions and information reach it and no window opens.
 */
@ExtendWith(ApplicationExtension.class)
class StudioDialogServiceTest {

    /** What the studio asked to show, and the answer the test gives to the next question. */
    static final class RecordingDialogs extends TestStudio.ScriptedDialogs {
        final List<String> shown = new CopyOnWriteArrayList<>();
        final List<Question> asked = new CopyOnWriteArrayList<>();
        final List<Node> contents = new CopyOnWriteArrayList<>();
        volatile boolean answer;

        @Override
        public void error(Window owner, String header, String message) {
            shown.add("error: " + header + ": " + message);
        }

        @Override
        public void message(Window owner, String title, String header, String text) {
            shown.add("message: " + title + ": " + header);
        }

        @Override
        public void show(Window owner, String title, String header, Node content) {
            shown.add("show: " + title + ": " + header);
            contents.add(content);
        }

        @Override
        public void ask(Window owner, Question question, Consumer<Boolean> answer) {
            asked.add(question);
            answer.accept(this.answer);
        }
    }

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private StudioApp app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        app = new StudioApp(TestStudio::tinyModel, null, () -> MidiGroovePlayer.silent("test"), () -> dialogs);
        app.start(stage);
        stage.sizeToScene();
    }

    @BeforeEach
    void modelReady(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
            () -> !robot.lookup("#generateButton").queryButton().isDisabled());
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get();
    }

    private static boolean noWindowOpened(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsReportedThroughTheService(FxRobot robot) throws Exception {
        Path bad = Files.write(tmp.resolve("bad.mid"), new byte[] {'M', 'T', 'h', 'x', 0, 1});
        dialogs.next.set(bad);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogs.shown.isEmpty());
        assertEquals(1, dialogs.shown.size(), dialogs.shown.toString());
        assertTrue(dialogs.shown.get(0).startsWith("error: Could not read bad.mid: "), dialogs.shown.get(0));
        assertTrue(noWindowOpened(robot), "the controller opens no window of its own");
    }

    @Test
    void quittingUnsavedAsksTheServiceAndOnlyYesCloses(FxRobot robot) throws Exception {
        // sessions are off in the tests (backbeat.session=none) and the first groove is not exported
        dialogs.answer = false;
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size());
        DialogService.Question q = dialogs.asked.get(0);
        assertEquals("Your session is not saved", q.header());
        assertEquals("Quit without saving", q.yes());
        assertTrue(q.warning(), "quitting loses the groove: a warning");
        assertTrue(stage.isShowing(), "no: the studio stays open");

        dialogs.answer = true;
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, dialogs.asked.size());
        assertFalse(stage.isShowing(), "yes: it closes");
        assertTrue(noWindowOpened(robot));
        WaitForAsyncUtils.asyncFx(() -> stage.show()).get(); // TestFX reuses the stage
    }

    @Test
    void theShortcutsAndAboutAreShownThroughTheService(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("show: Keyboard shortcuts: Keyboard shortcuts"), dialogs.shown);
        GridPane table = (GridPane) dialogs.contents.get(0);
        assertEquals(2 * StudioDialogs.SHORTCUTS.size(), table.getChildren().size(), "a key and an action a row");
        robot.clickOn("Help").clickOn("About Backbeat");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs.shown.get(1).startsWith("message: About Backbeat: Backbeat "), dialogs.shown.get(1));
        assertTrue(noWindowOpened(robot));
    }
}
