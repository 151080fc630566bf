package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.train.TrainingProgress;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MS = 1_000_000L;

    @Test
    void inALogAThousandQuickUpdatesLeaveOnlyTheFinalLine() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(out), false, now::get);
        for (int i = 1; i <= 1000; i++) {
            now.addAndGet(MS); // one second in all
            bar.progress(i, 1000, "scanning");
        }
        bar.progress(1000, 1000, "done"); // a second "done" adds nothing
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).contains("100% 1000/1000 scanning"), lines.get(0));
        assertTrue(!out.toString().contains("\r"));
    }

    @Test
    void inALogALongJobPrintsALineEveryFewSecondsAtMost() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(out), false, now::get);
        // 60 s at 10 updates a second: 600 updates
        for (int i = 1; i <= 600; i++) {
            now.addAndGet(100 * MS);
            bar.progress(i, 600, "training");
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(12, lines.size(), out.toString()); // at 5, 10, ... 55 s, then the final line at 60 s
        assertTrue(lines.get(0).contains(" 50/600 "), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("100% 600/600"), lines.get(lines.size() - 1));
    }

    @Test
    void onATerminalItRedrawsInPlaceTenTimesASecondAtMost() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(out), true, now::get);
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(10 * MS); // one second in all
            bar.progress(i, 100, "reading");
        }
        String s = out.toString();
        long draws = s.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 10 && draws <= 11, s);
        assertTrue(s.endsWith("\n") && s.chars().filter(c -> c == '\n').count() == 1, s);
    }

    @Test
    void trainingStepLinesAreThinnedInALogButMessagesAndValidationAlwaysPrint() {
        StringWriter out = new StringWriter();
        PrintWriter err = new PrintWriter(out);
        AtomicLong now = new AtomicLong(0);
        LineThrottle log = new LineThrottle(LineThrottle.LOG_INTERVAL_NANOS, now::get, true);
        // a report every 10 steps, 10 a second, for 20 s: 200 reports, one with a validation loss
        for (int step = 10; step <= 2000; step += 10) {
            now.addAndGet(100 * MS);
            double val = step == 1000 ? 101.5 : Double.NaN;
            TrainCommand.print(err, progress(step, 2000, val, ""), log);
        }
        TrainCommand.print(err, progress(2000, 2000, 99.0, "finished"), log);
        List<String> lines = out.toString().lines().toList();
        // the first at once (0.1 s), 5 s later (step 510), the validation (step 1000, 10 s), 5 s later
        // (step 1500), the last step and the message
        assertEquals(6, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("step 10/2000"), lines.get(0));
        assertTrue(lines.get(1).startsWith("step 510/2000"), lines.get(1));
        assertTrue(lines.get(2).startsWith("step 1000/2000") && lines.get(2).contains("val 101.500"), lines.get(2));
        assertTrue(lines.get(3).startsWith("step 1500/2000"), lines.get(3));
        assertTrue(lines.get(4).startsWith("step 2000/2000"), lines.get(4));
        assertTrue(lines.get(5).startsWith("finished at step 2000"), lines.get(5));

        StringWriter tty = new StringWriter();
        LineThrottle terminal = new LineThrottle(0, now::get, true);
        for (int step = 10; step <= 200; step += 10) {
            TrainCommand.print(new PrintWriter(tty), progress(step, 2000, Double.NaN, ""), terminal);
        }
        assertEquals(20, tty.toString().lines().count(), "a terminal keeps every report");
    }

    private static TrainingProgress progress(long step, long total, double val, String message) {
        return new TrainingProgress(step, total, 0, 100, 50, 25, 25, 40, 0.2, 1e-3, 500, 60, val, 99.0, message,
            step / (double) total);
    }
}
