package org.backbeat.cli;

import java.util.function.LongSupplier;

/**
 * Decides which progress lines reach a log. On a terminal a line is cheap (it is redrawn in place or
 * scrolls by); in a file or a pipe every line stays, so there a line is due at most every
 * {@link #LOG_INTERVAL_NANOS}, plus the final one.
 */
final class LineThrottle {

    /** At most one progress line per 5 s where stderr is not a terminal. */
    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final long interval;
    private final LongSupplier clock;
    private long last;

    /**
     * @param interval        nanoseconds between two lines (0: every line is due)
     * @param clock           nanosecond clock
     * @param firstImmediately whether the first line is due at once, or only after one interval
     */
    LineThrottle(long interval, LongSupplier clock, boolean firstImmediately) {
        this.interval = interval;
        this.clock = clock;
        this.last = clock.getAsLong() - (firstImmediately ? interval : 0);
    }

    /** Every line where stderr is a terminal; one per {@link #LOG_INTERVAL_NANOS} (the first at once) elsewhere. */
    static LineThrottle forStderr() {
        return new LineThrottle(stderrIsTerminal() ? 0 : LOG_INTERVAL_NANOS, System::nanoTime, true);
    }

    /** Whether a line is due now; a final line always is. A due line restarts the interval. */
    synchronized boolean due(boolean finalLine) {
        long now = clock.getAsLong();
        if (finalLine || interval <= 0 || now - last >= interval) {
            last = now;
            return true;
        }
        return false;
    }

    /**
     * Whether stderr is a terminal. The {@code backbeat} launcher tells Java ({@code BACKBEAT_STDERR_TTY},
     * from {@code test -t 2}); without it, Java 17 only knows whether stdin and stdout are a console.
     */
    static boolean stderrIsTerminal() {
        String told = System.getenv("BACKBEAT_STDERR_TTY");
        if (told != null && !told.isBlank()) {
            return told.trim().equals("1");
        }
        return System.console() != null;
    }
}
