package org.backbeat;

import org.backbeat.cli.BackbeatCommand;

/**
 * Entry point of {@code backbeat.jar}. With no arguments it opens the studio; with arguments it is
 * the command line. Deliberately not a JavaFX {@code Application}, so the jar runs with JavaFX on
 * the plain classpath.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Backbeat.configure();
        if (args.length == 0 || opensMidiFile(args)) {
            // No arguments, or a .mid file (the desktop's "Open with Backbeat"): the studio.
            String noDisplay = noDisplay(System.getProperty("os.name", ""), System.getProperty("glass.platform"),
                System.getenv("DISPLAY"));
            if (noDisplay != null) {
                System.err.println(noDisplay);
                System.exit(1);
            }
            try {
                org.backbeat.ui.StudioApp.launchStudio(args);
            } catch (RuntimeException e) {
                // JavaFX's own failure to open a display (e.g. DISPLAY names no running X server)
                if (String.valueOf(e.getMessage()).contains("DISPLAY") || e.getCause() != null
                    && String.valueOf(e.getCause().getMessage()).contains("DISPLAY")) {
                    System.err.println(NO_DISPLAY + " (" + e.getMessage() + ")");
                    System.exit(1);
                }
                throw e;
            }
        } else {
            System.exit(BackbeatCommand.run(args));
        }
    }

    static final String NO_DISPLAY = "backbeat: no display to open the studio on; the command line works "
        + "without one (backbeat --help)";

    /**
     * Why the studio cannot open a window here, or null: on Linux JavaFX needs an X display, and
     * without one it died with a stack trace ("UnsupportedOperationException: Unable to open
     * DISPLAY"). The headless Monocle platform (tests) needs none.
     */
    static String noDisplay(String os, String glassPlatform, String display) {
        if (!os.toLowerCase().contains("linux") || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return null;
        }
        return display == null || display.isBlank() ? NO_DISPLAY + " (DISPLAY is not set)" : null;
    }

    static boolean opensMidiFile(String[] args) {
        return args.length == 1 && args[0].toLowerCase().matches(".*\\.midi?$")
            && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }
}
