package org.backbeat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.play.MidiGroovePlayer;

/**
 * How close to their ideal times the player's NOTE_ONs leave: a busy groove is played through a
 * receiver that notes {@link System#nanoTime()} of each NOTE_ON, and each is compared with
 * {@code start + (64 * loop + step + offset) * stepDuration}. Drift is the mean (signed) error
 * of the last loop minus that of the first. The figure in the issue is 100 loops at 120 BPM
 * (800 s); 10 loops (80 s) gives a quick reading.
 *
 * <p>The figures depend on the machine's load more than on the player: with other processes
 * busy on every core, the scheduler thread is woken late now and then. Java ignores thread
 * priorities on Linux unless started with {@code -XX:ThreadPriorityPolicy=1} (effective for root
 * only), which gives the player's thread a higher OS priority.
 */
public final class PlaybackBenchmark {

    /** Scheduling error in milliseconds (absolute values, except {@code meanLateMs} and drift). */
    public record Result(int loops, double qpm, int notes, double meanMs, double meanLateMs, double p50Ms,
                         double p99Ms, double maxMs, int over2Ms, double driftMs, double seconds) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loops", loops);
            m.put("bpm", qpm);
            m.put("notes", notes);
            m.put("meanErrorMs", round(meanMs));
            m.put("meanLatenessMs", round(meanLateMs));
            m.put("p50Ms", round(p50Ms));
            m.put("p99Ms", round(p99Ms));
            m.put("maxMs", round(maxMs));
            m.put("notesOver2Ms", over2Ms);
            m.put("driftMs", round(driftMs));
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            return m;
        }

        private static double round(double x) {
            return Math.round(x * 1000) / 1000.0;
        }
    }

    private PlaybackBenchmark() {
    }

    /**
     * Sixteenth hats, kicks, backbeat snares with ghost notes and a ride on the quarters, each hit
     * up to 0.1 step early or late: about 110 hits per loop, several at the same instant.
     */
    public static Groove busyGroove() {
        Random r = new Random(42);
        Groove g = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            int inBar = s % 16;
            g = hit(g, s, DrumClass.CLOSED_HIHAT, inBar % 4 == 0 ? 0.8f : 0.45f, r);
            if (inBar == 0 || inBar == 3 || inBar == 8 || inBar == 10) {
                g = hit(g, s, DrumClass.KICK, 0.9f, r);
            }
            if (inBar == 4 || inBar == 12) {
                g = hit(g, s, DrumClass.SNARE, 1f, r);
            } else if (inBar == 7 || inBar == 9 || inBar == 15) {
                g = hit(g, s, DrumClass.SNARE, 0.25f, r);
            }
            if (inBar % 4 == 0) {
                g = hit(g, s, DrumClass.RIDE, 0.6f, r);
            }
        }
        return g;
    }

    private static Groove hit(Groove g, int step, DrumClass c, float v, Random r) {
        return g.withCell(step, c.ordinal(), true, v, 0.2f * (r.nextFloat() - 0.5f));
    }

    public static Result run(int loops, double qpm) throws InterruptedException {
        return run(busyGroove(), loops, qpm, null);
    }

    /**
     * Plays {@code groove} for {@code loops} loops at {@code qpm} and measures; {@code progress}
     * (may be null) is told the loops done so far, once a loop.
     */
    public static Result run(Groove groove, int loops, double qpm, LongConsumer progress) throws InterruptedException {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1: " + loops);
        }
        if (groove.isEmpty()) {
            throw new IllegalArgumentException("the groove has no hits");
        }
        int perLoop = groove.hitCount();
        int capacity = perLoop * (loops + 2);
        long[] times = new long[capacity];
        int[] pitches = new int[capacity];
        int[] count = new int[1];
        // called on the player's thread only, under its lock: no allocation, no synchronization
        Receiver recorder = new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                long now = System.nanoTime();
                if (message instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0
                        && count[0] < capacity) {
                    times[count[0]] = now;
                    pitches[count[0]] = m.getData1();
                    count[0]++;
                }
            }

            @Override
            public void close() {
            }
        };
        double stepNanos = 60e9 / qpm / 4;
        long start;
        long began = System.nanoTime();
        try (MidiGroovePlayer player = MidiGroovePlayer.withReceiver(recorder)) {
            player.setTempo(qpm);
            int[] steps = new int[1];
            player.setStepListener(s -> {
                if (s == 0 && progress != null && steps[0] > 0) {
                    progress.accept(steps[0] / Groove.STEPS);
                }
                steps[0]++;
            });
            player.play(groove);
            start = player.runStartNanos();
            // until the last hit of the last loop (at most half a step late) has left
            long end = start + Math.round((loops * (double) Groove.STEPS + 1) * stepNanos);
            long wait;
            while ((wait = end - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, Math.min(1000, wait / 1_000_000)));
            }
            player.stop();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        // ideal times per pitch, in order, for the loops measured
        Map<Integer, List<double[]>> ideal = new HashMap<>();
        for (int loop = 0; loop < loops; loop++) {
            for (int s = 0; s < Groove.STEPS; s++) {
                for (int c = 0; c < Groove.CLASSES; c++) {
                    if (groove.hit(s, c)) {
                        double t = (loop * (double) Groove.STEPS + s + groove.offset(s, c)) * stepNanos;
                        ideal.computeIfAbsent(DrumClass.of(c).outputPitch(), k -> new ArrayList<>()).add(new double[] {t, loop});
                    }
                }
            }
        }
        Map<Integer, Integer> seen = new HashMap<>();
        double[] errors = new double[perLoop * loops];
        double[] loopSum = new double[loops];
        int[] loopN = new int[loops];
        int n = 0;
        for (int i = 0; i < count[0]; i++) {
            List<double[]> list = ideal.get(pitches[i]);
            int k = seen.merge(pitches[i], 1, Integer::sum) - 1;
            if (list == null || k >= list.size()) {
                continue; // a note of the loop after the last one measured
            }
            double[] due = list.get(k);
            double err = (times[i] - start - due[0]) / 1e6;
            errors[n++] = err;
            loopSum[(int) due[1]] += err;
            loopN[(int) due[1]]++;
        }
        if (n == 0) {
            throw new IllegalStateException("no note arrived");
        }
        double[] abs = new double[n];
        double sum = 0;
        double signed = 0;
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(errors[i]);
            sum += abs[i];
            signed += errors[i];
        }
        Arrays.sort(abs);
        int over2 = 0;
        for (double e : abs) {
            if (e > 2.0) {
                over2++;
            }
        }
        double first = loopN[0] == 0 ? 0 : loopSum[0] / loopN[0];
        double last = loopN[loops - 1] == 0 ? first : loopSum[loops - 1] / loopN[loops - 1];
        return new Result(loops, qpm, n, sum / n, signed / n, percentile(abs, 0.50), percentile(abs, 0.99),
            abs[n - 1], over2, last - first, seconds);
    }

    private static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
