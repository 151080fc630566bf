package org.backbeat.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.backbeat.groove.Groove;
import org.backbeat.memory.ResidentMemory;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.StudioEngine;
import org.backbeat.studio.StudioGroove;

/**
 * End-to-end figures of the studio's core without a window: Generate-to-sound latency (model
 * sample until the first note leaves the player), the sustained decode rate of an interpolation
 * drag, and the process's resident memory.
 */
public final class StudioBenchmark {

    private StudioBenchmark() {
    }

    public static Map<String, Object> run(GrooveModel model, int runs, double dragSeconds) throws InterruptedException {
        StudioEngine engine = new StudioEngine(model);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rss_at_rest_mb", ResidentMemory.megabytes());
        double[] latency = new double[runs];
        for (int i = -2; i < runs; i++) {
            AtomicLong firstNote = new AtomicLong();
            CountDownLatch heard = new CountDownLatch(1);
            Receiver rx = new Receiver() {
                @Override
                public void send(MidiMessage m, long ts) {
                    if (m instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0
                        && firstNote.compareAndSet(0, System.nanoTime())) {
                        heard.countDown();
                    }
                }

                @Override
                public void close() {
                }
            };
            try (MidiGroovePlayer player = MidiGroovePlayer.withReceiver(rx)) {
                long t0 = System.nanoTime();
                StudioGroove g = engine.generate(1.0, 100 + i, 120);
                player.play(g.groove());
                if (!heard.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no note within 5 s");
                }
                if (i >= 0) {
                    // Minus where the groove's first hit sits in the bar: a groove that starts on
                    // beat 2 is heard 500 ms after play at 120 BPM, and that is music, not latency.
                    latency[i] = (firstNote.get() - t0) / 1e6 - firstHitMillis(g.groove());
                }
            }
        }
        Arrays.sort(latency);
        r.put("generate_to_first_note_ms_median", round(latency[runs / 2]));
        r.put("generate_to_first_note_ms_max", round(latency[runs - 1]));
        StudioGroove a = engine.generate(1.0, 1, 120);
        StudioGroove b = engine.generate(1.0, 2, 120); // generated grooves carry their z: no encode
        long end = System.nanoTime() + (long) (dragSeconds * 1e9);
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            engine.between(a, b, 0.01 + 0.98 * ((n * 37) % 100) / 100.0, Interpolation.SPHERICAL);
            n++;
        }
        r.put("drag_decodes_per_s", round(n / ((System.nanoTime() - start) / 1e9)));
        r.put("rss_after_mb", ResidentMemory.megabytes());
        return r;
    }

    /** When the groove's earliest hit is due after playback starts, in ms (offsets included, not below 0). */
    static double firstHitMillis(Groove g) {
        for (int step = 0; step < Groove.STEPS; step++) {
            double earliest = Double.MAX_VALUE;
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(step, c)) {
                    earliest = Math.min(earliest, (step + g.offset(step, c)) * g.stepSeconds() * 1000);
                }
            }
            if (earliest != Double.MAX_VALUE) {
                return Math.max(0, earliest);
            }
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
