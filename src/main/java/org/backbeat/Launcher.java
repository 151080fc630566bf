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
        if (args.length == 0) {
            org.backbeat.ui.StudioApp.launchStudio(args);
        } else {
            System.exit(BackbeatCommand.run(args));
        }
    }
}
