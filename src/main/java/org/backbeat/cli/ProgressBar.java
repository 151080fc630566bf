package org.backbeat.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.backbeat.data.ProgressListener;

/**
 * A one-line progress bar with rate and ETA on stderr. On a terminal it redraws in place at most 10
 * times a second; in a log (stderr not a terminal) it prints a line every few seconds at most
 * ({@link LineThrottle#LOG_INTERVAL_NANOS}) and the final line, so a long job leaves a handful of
 * lines, not one per update.
 */
final class ProgressBar implements ProgressListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private final LineThrottle throttle;
    private boolean finishedShown;

    ProgressBar(PrintWriter err) {
        this(err, LineThrottle.stderrIsTerminal(), System::nanoTime);
    }

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.throttle = new LineThrottle(terminal ? REDRAW_NANOS : LineThrottle.LOG_INTERVAL_NANOS, clock, terminal);
    }

    @Override
    public synchronized void progress(long done, long total, String what) {
        boolean finished = done >= total;
        if (finished && finishedShown) {
            return; // a second "done" of the same job adds nothing
        }
        if (!finished) {
            finishedShown = false; // a job under way (the next one, where one bar serves several)
        }
        if (!throttle.due(finished)) {
            return;
        }
        finishedShown = finished;
        long now = clock.getAsLong();
        err.print((terminal ? "\r" : "") + line(done, total, what, (now - start) / 1e9) + (terminal && !finished ? "" : "\n"));
        err.flush();
    }

    static String line(long done, long total, String what, double seconds) {
        double f = total == 0 ? 1 : Math.min(1, (double) done / total);
        int width = 24;
        int full = (int) Math.round(f * width);
        String bar = "#".repeat(full) + "-".repeat(width - full);
        String eta = f > 0 && f < 1 ? " ETA " + duration(seconds * (1 - f) / f) : "";
        return String.format("[%s] %3.0f%% %d/%d %s (%s)%s", bar, f * 100, done, total, what, duration(seconds), eta);
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format("%.1fs", s);
        }
        long m = (long) (s / 60);
        return m < 60 ? String.format("%dm%02ds", m, (long) s % 60) : String.format("%dh%02dm", m / 60, m % 60);
    }
}
