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
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Models;
import org.backbeat.play.GroovePlayer;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.StartupTrace;
import org.backbeat.studio.StudioEngine;
import org.backbeat.studio.StudioGroove;

/**
 * The studio window. The window appears at once; the model loads in the background and the first
 * groove is generated as soon as it is ready, so a musician can press Space and hear it.
 */
public class StudioApp extends Application {

    private final Callable<GrooveModel> modelSource;
    private final java.nio.file.Path modelFile;
    private final Supplier<GroovePlayer> playerSource;
    private final Supplier<? extends DialogService> dialogSource;
    /** The app's one pool of background threads: the studio's and the wizard's work; closed with the window. */
    private final Background background;
    private StudioController controller;

    /** The real studio: shipped model, the JDK synthesizer (or silence), native file choosers. */
    public StudioApp() {
        this(shippedModelPath(), MidiGroovePlayer::open, FxDialogService::new);
    }

    private StudioApp(java.nio.file.Path shipped, Supplier<GroovePlayer> playerSource,
                      Supplier<? extends DialogService> dialogs) {
        this(() -> shippedModel(shipped), shipped, playerSource, dialogs, launcherBackground());
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
                     Supplier<GroovePlayer> playerSource, Supplier<? extends DialogService> dialogSource) {
        this(modelSource, modelFile, playerSource, dialogSource, Background.create());
    }

    /** As above, on the given background threads (which {@link #stop} closes). */
    public StudioApp(Callable<GrooveModel> modelSource, java.nio.file.Path modelFile,
                     Supplier<GroovePlayer> playerSource, Supplier<? extends DialogService> dialogSource,
                     Background background) {
        this.modelSource = modelSource;
        this.modelFile = modelFile;
        this.playerSource = playerSource;
        this.dialogSource = dialogSource;
        this.background = background;
    }

    /**
     * Opens the studio. What is slow and needs no JavaFX runs on a background thread while the
     * toolkit starts: the shipped model loads, the first groove is generated, the synthesizer opens.
     * That is meant to be done before the window's scene is built, so the first frame shows a
     * playable groove (docs/benchmarks.md, start-up).
     */
    public static void launchStudio(String[] args) {
        StartupTrace.mark("main() entered");
        FastGrooveModel.useOneThreadUnlessAsked();
        // One thread, not three: on a 2-core machine the JavaFX thread needs the other core.
        CompletableFuture<Preload> model = new CompletableFuture<>();
        CompletableFuture<GroovePlayer> player = new CompletableFuture<>();
        preloaded = model;
        preloadedPlayer = player;
        Background background = Background.create();
        launched = background; // the studio the launcher starts works on the threads its preload used
        background.execute("backbeat-preload", () -> {
            // Here, not on the main thread: the toolkit starts as soon as main() calls launch().
            FastGrooveModel.holdKernelWarmUp(true); // until the first frame: JavaFX needs the other core
            try {
                GrooveModel m = Models.open(shippedModelPath());
                StartupTrace.mark("model loaded");
                StudioGroove first = new StudioEngine(m).generate(START_TEMPERATURE, System.nanoTime(),
                    Groove.DEFAULT_QPM);
                StartupTrace.mark("first groove decoded");
                model.complete(new Preload(m, first));
            } catch (ModelFileException | RuntimeException e) {
                model.completeExceptionally(e);
            }
            player.complete(MidiGroovePlayer.open());
            StartupTrace.mark("synthesizer open");
        });
        Application.launch(StudioApp.class, args);
    }

    /** The temperature of the first groove: the temperature slider's initial value in studio.fxml. */
    static final double START_TEMPERATURE = 1.0;

    private record Preload(GrooveModel model, StudioGroove first) {
    }

    private static volatile CompletableFuture<Preload> preloaded;
    private static volatile CompletableFuture<GroovePlayer> preloadedPlayer;

    /** The background threads {@link #launchStudio} made for the studio it launches. */
    private static volatile Background launched;

    private static Background launcherBackground() {
        Background b = launched;
        return b != null && !b.isClosed() ? b : Background.create();
    }

    private static GrooveModel shippedModel(Path shipped) throws Exception {
        CompletableFuture<Preload> p = preloaded;
        if (p == null) {
            return Models.open(shipped);
        }
        try {
            return p.join().model();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static GroovePlayer player(Supplier<GroovePlayer> fallback) {
        CompletableFuture<GroovePlayer> p = preloadedPlayer;
        return p != null ? p.join() : fallback.get();
    }

    /** The preload's result if it is done and succeeded, else null (then the model loads as usual). */
    private static Preload preloadIfReady() {
        CompletableFuture<Preload> p = preloaded;
        return p != null && p.isDone() && !p.isCompletedExceptionally() ? p.join() : null;
    }

    @Override
    public void start(Stage stage) throws IOException {
        StartupTrace.mark("JavaFX toolkit up, start()");
        // The view is parsed on another thread while this one creates and shows the native window
        // (nodes may be built off the FX thread until they join a showing scene): on 2 cores that
        // overlaps start-up (docs/benchmarks.md). The window shows the theme's background until the
        // view is in; the view is styled in the window's scene only, since moving a styled view
        // into another scene styles it again.
        String css = StudioApp.class.getResource("/styles/studio.css").toExternalForm();
        FXMLLoader loader = new FXMLLoader(StudioApp.class.getResource("/fxml/studio.fxml"));
        loader.setControllerFactory(type -> {
            if (type != StudioController.class) {
                throw new IllegalArgumentException("studio.fxml has one controller, not " + type.getName());
            }
            return new StudioController(background);
        });
        CompletableFuture<Parent> view = new CompletableFuture<>();
        background.execute("backbeat-view-loader", () -> {
            try {
                view.complete(loader.load());
                StartupTrace.mark("FXML loaded");
            } catch (IOException | RuntimeException e) {
                view.completeExceptionally(e);
            }
        });
        javafx.scene.layout.Pane placeholder = new javafx.scene.layout.Pane();
        placeholder.getStyleClass().add("studio"); // the theme's background, from studio.css
        Scene scene = new Scene(placeholder, 1280, 760);
        scene.getStylesheets().add(css);
        stage.setTitle("Backbeat");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
        StartupTrace.mark("window shown");
        Parent root;
        try {
            root = view.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot load the studio view", e.getCause());
        }
        scene.setRoot(root);
        controller = loader.getController();
        controller.init(stage, player(playerSource), dialogSource.get());
        StartupTrace.mark("controller ready (player open)");
        java.util.List<String> args = getParameters() == null ? java.util.List.of() : getParameters().getRaw();
        Preload ready = args.isEmpty() ? preloadIfReady() : null;
        boolean grooveReady = ready != null && controller.startWith(ready.model(), modelFile, ready.first(),
            START_TEMPERATURE, Groove.DEFAULT_QPM);
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            StartupTrace.mark("first frame laid out");
            FastGrooveModel.holdKernelWarmUp(false);
            if (grooveReady) {
                StartupTrace.mark("first groove on the grid");
                javafx.application.Platform.runLater(() -> {
                    controller.afterFirstFrame();
                    controller.offerRestore();
                });
                warmUpLater(background, ready.model(), controller);
                exitIfMeasuring();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        if (!grooveReady) {
            // The preload is not done (or this is not the launcher's studio): load, then generate.
            controller.loadModel(modelSource, modelFile, () -> {
                if (!args.isEmpty()) {
                    controller.open(java.nio.file.Path.of(args.get(0)));
                    controller.offerRestore();
                    return;
                }
                controller.onGenerateQuietly(() -> {
                    StartupTrace.mark("first groove on the grid");
                    background.execute("backbeat-warm-up", controller::warmUpTools);
                    controller.offerRestore();
                    exitIfMeasuring();
                });
            });
        }
    }

    /**
     * Runs the model's code paths the studio uses (decode at temperature 0 and 1, encode) a few
     * times once the window is up, so the JIT has compiled them before the first click; then opens
     * the Humanize and Drumify models, so their first use does not wait for the file either.
     */
    private static void warmUpLater(Background background, GrooveModel model, StudioController controller) {
        background.execute("backbeat-warm-up", () -> {
            new StudioEngine(model).warmUp();
            StartupTrace.mark("decoder warm");
            controller.warmUpTools();
            StartupTrace.mark("humanize and drumify models open");
        });
    }

    /** For start-up measurements and for recording the class-data archive (./backbeat). */
    private static void exitIfMeasuring() {
        if (Boolean.getBoolean("backbeat.exitAfterStartup")) {
            // After the first frame is on screen, so the measured path includes it.
            javafx.application.Platform.runLater(javafx.application.Platform::exit);
        }
    }

    StudioController controller() {
        return controller;
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.close();
        }
        background.close();
    }
}
