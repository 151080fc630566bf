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
            org.backbeat.ui.StudioApp.launchStudio(args);
        } else {
            System.exit(BackbeatCommand.run(args));
        }
    }

    static boolean opensMidiFile(String[] args) {
        return args.length == 1 && args[0].toLowerCase().matches(".*\\.midi?$")
            && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }
}
