package org.backbeat.studio;

import java.time.Duration;
import java.time.Instant;

/**
 * Milestones of the studio's start-up, in milliseconds since it was launched, printed when
 * {@code -Dbackbeat.startupTime=true}: the figure behind "first groove in under 2 s" and the place to
 * look when it regresses (JVM, model load, JavaFX toolkit, FXML, first frame, first groove).
 */
public final class StartupTrace {

    private static final boolean ENABLED = Boolean.getBoolean("backbeat.startupTime");
    private static final Instant START = start();

    private StartupTrace() {
    }

    /**
     * When {@code ./backbeat} was run ({@code BACKBEAT_LAUNCH_MS}, which the script sets, so the figure
     * includes the script and the JVM's start), else when the JVM started. Not the process start time
     * from {@code ProcessHandle}: Linux derives it from the boot time in whole seconds, which puts it off
     * by up to a second.
     */
    private static Instant start() {
        String launched = System.getenv("BACKBEAT_LAUNCH_MS");
        if (launched != null && launched.matches("\\d{13}")) {
            return Instant.ofEpochMilli(Long.parseLong(launched));
        }
        return ENABLED ? Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime())
            : Instant.now();
    }

    /** Prints "studio: WHAT  N ms [thread]", N in ms since the launch, when tracing is on. */
    public static void mark(String what) {
        if (ENABLED) {
            System.out.printf("studio: %-40s %6d ms  [%s]%n", what, Duration.between(START, Instant.now()).toMillis(),
                Thread.currentThread().getName());
        }
    }
}
