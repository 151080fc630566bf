package org.backbeat.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.backbeat.TestData;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.Models;
import org.backbeat.play.MidiGroovePlayer;

/**
 * Renders docs/screenshot.png and docs/wizard-*.png from the real window on a real display (run
 * under Xvfb by docs/screenshots.sh, not by the test suite): the studio with the default model,
 * then each page of the training wizard on a small folder.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Path model = Models.defaultModelPath();
        Path folder = Files.createTempDirectory("backbeat-tour");
        for (int i = 0; i < 24; i++) {
            MidiFiles.write(TestData.busyGroove(i), folder.resolve("loop" + i + ".mid"));
        }
        Files.write(folder.resolve("damaged.mid"), new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0});
        System.setProperty("backbeat.userModels", Files.createTempDirectory("backbeat-tour-models").toString());
        System.setProperty("backbeat.session", "none"); // no restore question, no session written
        TestStudio.ScriptedDialogs dialogs = new TestStudio.ScriptedDialogs();
        CompletableFuture<StudioApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                StudioApp app = new StudioApp(() -> Models.open(model), model, () -> MidiGroovePlayer.silent("tour"),
                    () -> dialogs);
                app.start(new Stage());
                started.complete(app);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        StudioApp app = started.get(30, TimeUnit.SECONDS);
        StudioController c = app.controller();
        waitFor(() -> c.modelFile() != null && c.currentGroove().hitCount() > 0, 60);
        for (int i = 0; i < 4; i++) {
            fx(() -> {
                c.onGenerate();
                return null;
            });
            c.awaitModelWork(20_000);
            Thread.sleep(300);
            if (i == 1) {
                fx(() -> {
                    c.onFillA();
                    return null;
                });
            }
            if (i == 2) {
                fx(() -> {
                    c.onFillB();
                    return null;
                });
            }
        }
        // Issue 22 in the picture: kick and snare locked, the ride muted, bar 4 chosen for a re-roll, a little swing, four
        // variations in the strip (the first on the grid), the second auditioned.
        Stage stage = fx(() -> (Stage) Window.getWindows().get(0));
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> count = (Spinner<Integer>) stage.getScene().lookup("#countSpinner");
            count.getValueFactory().setValue(4);
            ((javafx.scene.control.Slider) stage.getScene().lookup("#swingSlider")).setValue(20);
            c.session().toggleLane(org.backbeat.studio.Lanes.Toggle.LOCK, 0);
            c.session().toggleLane(org.backbeat.studio.Lanes.Toggle.LOCK, 1);
            c.session().toggleLane(org.backbeat.studio.Lanes.Toggle.MUTE, 8);
            ((org.backbeat.ui.DrumGrid) stage.getScene().lookup("#grid")).setSelectedBar(3);
            c.onGenerate();
            return null;
        });
        c.awaitModelWork(20_000);
        Thread.sleep(300);
        fx(() -> {
            c.onFillCorners();
            c.onPlayToggle();
            c.session().audition(1);
            return null;
        });
        Thread.sleep(800);
        snapshot(stage, docs.resolve("screenshot.png"));
        if (args.length > 1 && args[1].equals("--studio-only")) {
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }

        // The wizard is modal (showAndWait): open it from a later pulse and drive it from here.
        Platform.runLater(c::onTrain);
        waitFor(() -> wizardWindow() != null, 20);
        Window wizard = wizardWindow();
        dialogs.next.set(folder);
        fx(() -> {
            ((Button) lookup(wizard, "Choose folder…")).fire();
            return null;
        });
        waitFor(() -> fxGet(() -> ((Label) wizard.getScene().lookup("#scanSummary")).getText().contains("files read")), 60);
        Thread.sleep(300);
        snapshot(wizard, docs.resolve("wizard-1-folder.png"));
        next(wizard);
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> steps = (Spinner<Integer>) wizard.getScene().lookup("#stepsSpinner");
            steps.getValueFactory().setValue(20);
            return null;
        });
        waitFor(() -> fxGet(() -> ((Label) wizard.getScene().lookup("#estimateLabel")).getText().startsWith("≈")), 900);
        snapshot(wizard, docs.resolve("wizard-2-settings.png"));
        next(wizard);
        waitFor(() -> fxGet(() -> ((Label) wizard.getScene().lookup("#trainStatus")).getText().startsWith("Finished")), 900);
        snapshot(wizard, docs.resolve("wizard-3-training.png"));
        next(wizard);
        waitFor(() -> fxGet(() -> ((Label) wizard.getScene().lookup("#resultSummary")).getText().contains("windows")), 300);
        Thread.sleep(300);
        snapshot(wizard, docs.resolve("wizard-4-result.png"));
        // Platform.exit() with a modal dialog still open aborts in the GTK glass; nothing is left to save.
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Window wizardWindow() {
        return fxGet(() -> Window.getWindows().stream().filter(w -> w.getScene() != null
            && w.getScene().lookup("#folderPage") != null || w.getScene() != null
            && w.getScene().getRoot() instanceof org.controlsfx.dialog.WizardPane).findFirst().orElse(null));
    }

    private static Node lookup(Window w, String buttonText) {
        return w.getScene().getRoot().lookupAll(".button").stream()
            .filter(n -> n instanceof Button b && b.getText().trim().equals(buttonText)).findFirst().orElseThrow();
    }

    private static void next(Window w) throws Exception {
        fx(() -> {
            ((Button) lookup(w, "Next")).fire();
            return null;
        });
        Thread.sleep(500);
    }

    private static void snapshot(Window w, Path file) throws Exception {
        BufferedImage img = fx(() -> SwingFXUtils.fromFXImage(w.getScene().snapshot(null), null));
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + file);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static <T> T fxGet(Callable<T> c) {
        try {
            return fx(c);
        } catch (Exception e) {
            return null;
        }
    }

    private static void waitFor(BooleanSupplier cond, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Boolean ok = null;
            try {
                ok = cond.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            if (Boolean.TRUE.equals(ok)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out after " + seconds + " s");
    }
}
