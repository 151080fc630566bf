package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.backbeat.model.GrooveModel;
import org.backbeat.play.MidiGroovePlayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio's real window with a silent player and scripted dialogs, started before each test
 * once its model has produced the first groove, and closed (with any dialog left open) after it.
 */
@ExtendWith(ApplicationExtension.class)
abstract class StudioWindowTest {

    protected final TestStudio.ScriptedDialogs dialogs = new TestStudio.ScriptedDialogs();
    protected StudioApp app;

    @TempDir
    Path tmp;

    /** The model the studio opens: a tiny seeded one unless a test needs the shipped model. */
    protected Callable<GrooveModel> model() {
        return TestStudio::tinyModel;
    }

    /**
     * Opens the studio; each subclass calls it from its own {@code @Start} method (TestFX's
     * extension looks for {@code @Start} on the test class itself, not on its superclasses).
     */
    protected void startStudio(Stage stage) throws Exception {
        app = new StudioApp(model(), null, () -> MidiGroovePlayer.silent("test"), () -> dialogs);
        app.start(stage);
        stage.sizeToScene(); // TestFX reuses one stage: an earlier test's window size must not carry over
    }

    @BeforeEach
    void modelReady(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
            () -> !robot.lookup("#generateButton").queryButton().isDisabled() && grid(robot).getGroove().hitCount() > 0);
    }

    @AfterEach
    void closeAll(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (DialogPane p : dialogPanes(robot)) {
                ((Stage) p.getScene().getWindow()).close();
            }
            app.stop();
        }).get();
    }

    protected static DrumGrid grid(FxRobot robot) {
        return robot.lookup("#grid").queryAs(DrumGrid.class);
    }

    protected static Set<DialogPane> dialogPanes(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class);
    }

    protected void settle() throws InterruptedException {
        assertTrue(app.controller().awaitModelWork(10_000), "model work finished");
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
