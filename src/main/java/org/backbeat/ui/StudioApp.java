package org.backbeat.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.backbeat.groove.Groove;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.play.GroovePlayer;
import org.backbeat.play.MidiGroovePlayer;

/**
 * The studio window. The window appears at once; the model loads in the background and the first
 * groove is generated as soon as it is ready, so a musician can press Space and hear it.
 */
public class StudioApp extends Application {

    private final Callable<GrooveModel> modelSource;
    private final java.nio.file.Path modelFile;
    private final Supplier<GroovePlayer> playerSource;
    private final Supplier<FileDialogs> dialogSource;
    private StudioController controller;

    /** The real studio: shipped model, the JDK synthesizer (or silence), native file choosers. */
    public StudioApp() {
        this(shippedModelPath(), MidiGroovePlayer::open, FxFileDialogs::new);
    }

    private StudioApp(java.nio.file.Path shipped, Supplier<GroovePlayer> playerSource, Supplier<FileDialogs> dialogs) {
        this(() -> shippedModel(shipped), shipped, playerSource, dialogs);
    }

    private static java.nio.file.Path shippedModelPath() {
        try {
            return Models.defaultModelPath();
        } catch (org.backbeat.model.ModelFileException e) {
            return null; // Models.open(null) then reports the missing model in the status line
        }
    }

    /** A studio on other parts (the TestFX flows use a small model and a recording player). */
    public StudioApp(Callable<GrooveModel> modelSource, java.nio.file.Path modelFile,
                     Supplier<GroovePlayer> playerSource, Supplier<FileDialogs> dialogSource) {
        this.modelSource = modelSource;
        this.modelFile = modelFile;
        this.playerSource = playerSource;
        this.dialogSource = dialogSource;
    }

    /**
     * Opens the studio. The shipped model starts loading (and its decoder is run once, so the JIT
     * has compiled the kernel) on a background thread before the JavaFX toolkit starts: the two
     * overlap, and the first Generate is a warm decode.
     */
    public static void launchStudio(String[] args) {
        Path shipped = shippedModelPath();
        preloaded = CompletableFuture.supplyAsync(() -> {
            try {
                GrooveModel m = Models.open(shipped);
                m.decode(java.util.List.of(new float[m.zSize()]), 0, 0, Groove.DEFAULT_QPM);
                if (Boolean.getBoolean("backbeat.startupTime")) {
                    System.out.printf("studio: model loaded and warm %d ms after the process started%n", sinceProcessStart());
                }
                return m;
            } catch (ModelFileException e) {
                throw new CompletionException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "backbeat-preload");
            t.setDaemon(true);
            t.start();
        });
        Application.launch(StudioApp.class, args);
    }

    private static volatile CompletableFuture<GrooveModel> preloaded;

    private static GrooveModel shippedModel(Path shipped) throws Exception {
        CompletableFuture<GrooveModel> p = preloaded;
        if (p == null) {
            return Models.open(shipped);
        }
        try {
            return p.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public void start(Stage stage) throws IOException {
        long t0 = System.nanoTime();
        FXMLLoader loader = new FXMLLoader(StudioApp.class.getResource("/fxml/studio.fxml"));
        Parent root = loader.load();
        controller = loader.getController();
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(StudioApp.class.getResource("/styles/studio.css").toExternalForm());
        stage.setTitle("Backbeat");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setScene(scene);
        controller.init(stage, playerSource.get(), dialogSource.get());
        stage.show();
        if (Boolean.getBoolean("backbeat.startupTime")) {
            System.out.printf("studio: window shown %d ms after the process started%n", sinceProcessStart());
        }
        java.util.List<String> args = getParameters() == null ? java.util.List.of() : getParameters().getRaw();
        controller.loadModel(modelSource, modelFile, () -> {
            if (!args.isEmpty()) {
                controller.open(java.nio.file.Path.of(args.get(0)));
                return;
            }
            controller.onGenerateQuietly(() -> {
                if (Boolean.getBoolean("backbeat.startupTime")) {
                    long sinceProcess = sinceProcessStart();
                    System.out.printf("studio: first groove ready %.0f ms after the window opened, %d ms after the "
                        + "process started%n", (System.nanoTime() - t0) / 1e6, sinceProcess);
                }
            });
        });
    }

    private static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
            .map(i -> java.time.Duration.between(i, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    StudioController controller() {
        return controller;
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.close();
        }
    }
}
