package org.backbeat.cli;

import java.io.PrintWriter;
import org.backbeat.data.ProgressListener;

/**
 * A one-line progress bar with rate and ETA on stderr. Redraws at most 10 times a second on a
 * terminal and every 10% otherwise, so logs of long jobs stay readable.
 */
final class ProgressBar implements ProgressListener {

    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long lastTenth = -1;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(long done, long total, String what) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (terminal) {
            if (!finished && now - lastDraw < 100_000_000L) {
                return;
            }
        } else {
            long tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth == lastTenth) {
                return;
            }
            lastTenth = tenth;
        }
        lastDraw = now;
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
