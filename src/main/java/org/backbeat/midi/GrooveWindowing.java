package org.backbeat.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backbeat.groove.Groove;

/**
 * Turns parsed drum notes into 4-bar grooves: quantise each note to the nearest 16th of its 4/4
 * region (the remainder becomes the offset), keep the loudest note per step and class (the first
 * on a tie, as Magenta's GrooveConverter), and cut 4-bar windows every {@code hopBars} bars.
 * Quantising in ticks rather than seconds keeps the grid musical across tempo changes; for a
 * constant tempo it is the same as Magenta's seconds-based rule.
 */
final class GrooveWindowing {

    private GrooveWindowing() {
    }

    /** The notes read as drums (in tick order), and the channel read (0-based, -1 for all), or why there are none. */
    private record Selection(List<SmfParser.Note> drums, int[] hitsPerClass, int channel, MidiScan skipped) {
    }

    private static Selection select(String name, SmfParser.Content content, ReadOptions options) {
        List<SmfParser.Note> drums = new ArrayList<>();
        boolean anyChannel10 = false;
        for (SmfParser.Note n : content.notes()) {
            anyChannel10 |= n.channel() == 9;
        }
        int channel = 9; // 0-based; -1 for all
        if (options.allChannelsAreDrums()) {
            channel = -1;
        } else if (!anyChannel10 && options.otherDrumChannel()) {
            int other = DrumChannelGuess.likelyDrumChannel(content.notes(), options.mapping());
            if (other < 0 && !content.notes().isEmpty()) {
                return new Selection(null, null, 0, MidiScan.skipped(name, "no drum notes (nothing on MIDI channel 10, "
                    + "and no other channel's notes look like drums; read all channels as drums to use them)"));
            }
            channel = other < 0 ? 9 : other;
        }
        int[] hitsPerClass = new int[Groove.CLASSES];
        for (SmfParser.Note n : content.notes()) {
            if (channel >= 0 && n.channel() != channel) {
                continue;
            }
            int c = options.mapping().classOf(n.pitch());
            if (c >= 0) {
                drums.add(n);
                hitsPerClass[c]++;
            }
        }
        if (drums.isEmpty()) {
            if (content.notes().isEmpty()) {
                return new Selection(null, null, 0, MidiScan.skipped(name, "no notes"));
            }
            if (!anyChannel10 && channel == 9) {
                return new Selection(null, null, 0, MidiScan.skipped(name, "no drum notes (nothing on MIDI channel 10; "
                    + "read all channels as drums to use other channels)"));
            }
            return new Selection(null, null, 0, MidiScan.skipped(name, "no drum notes (no pitch in the "
                + options.mapping().name() + " drum map)"));
        }
        return new Selection(drums, hitsPerClass, channel, null);
    }

    static MidiScan windows(String name, SmfParser.Content content, ReadOptions options) {
        int tpq = content.ticksPerQuarter();
        Selection sel = select(name, content, options);
        if (sel.skipped() != null) {
            return sel.skipped();
        }
        List<SmfParser.Note> drums = sel.drums();
        int[] hitsPerClass = sel.hitsPerClass();
        int channel = sel.channel();

        List<Segment> segments = segments(content, tpq, drums.get(drums.size() - 1).tick());
        String firstSignature = signatureAt(segments, drums.get(0).tick());
        double firstQpm = qpmAt(content, drums.get(0).tick());
        List<Groove> windows = new ArrayList<>();
        int totalBars = 0;
        boolean any44Notes = false;
        for (Segment seg : segments) {
            if (!seg.is44()) {
                continue;
            }
            double ticksPerStep = tpq / 4.0;
            long barTicks = 4L * tpq;
            // notes of this segment, with their quantised step and offset
            List<long[]> cells = new ArrayList<>();   // {step, class, velocity, order}
            List<Float> offsets = new ArrayList<>();
            long lastStep = -1;
            // drums are in tick order: start at the segment's first note and stop after its last, so
            // the work is linear in notes + segments (200,000 time-signature changes took 48 s when
            // every segment walked every note)
            for (int k = firstAtOrAfter(drums, seg.start() - ticksPerStep / 2); k < drums.size(); k++) {
                SmfParser.Note n = drums.get(k);
                if (seg.end() >= 0 && n.tick() >= seg.end() - ticksPerStep / 2) {
                    break;
                }
                double pos = (n.tick() - seg.start()) / ticksPerStep;
                long step = (long) Math.floor(pos + 0.5);
                if (step < 0) {
                    continue;
                }
                cells.add(new long[] {step, options.mapping().classOf(n.pitch()), n.velocity(), n.order()});
                offsets.add((float) (pos - step));
                lastStep = Math.max(lastStep, step);
            }
            if (cells.isEmpty()) {
                continue;
            }
            any44Notes = true;
            // the music lasts to its last note's bar, or to the end of the track when that is later
            // (a loop whose last bar is silent is still 4 bars long); a partial last bar is dropped
            long segEnd = seg.end() >= 0 ? seg.end() : Math.max(content.endTick(), seg.start());
            long bars = Math.max(lastStep / Groove.STEPS_PER_BAR + 1, (segEnd - seg.start()) / barTicks);
            if (seg.end() >= 0) {
                bars = Math.min(bars, (seg.end() - seg.start()) / barTicks);
            }
            totalBars += (int) bars;
            for (long startBar = 0; startBar + Groove.BARS <= bars; startBar += options.hopBars()) {
                long from = startBar * Groove.STEPS_PER_BAR;
                Groove g = window(cells, offsets, from, qpmAt(content, seg.start() + startBar * barTicks));
                if (!g.isEmpty()) {
                    windows.add(g);
                }
            }
        }
        if (!any44Notes) {
            return new MidiScan(name, List.of(), Optional.of("not in 4/4 (" + firstSignature + ")"), 0, firstQpm,
                firstSignature, hitsPerClass, channel + 1);
        }
        if (windows.isEmpty()) {
            return new MidiScan(name, List.of(), Optional.of("shorter than 4 bars of 4/4 drums (" + totalBars + " bars)"),
                totalBars, firstQpm, firstSignature, hitsPerClass, channel + 1);
        }
        return new MidiScan(name, windows, Optional.empty(), totalBars, firstQpm, firstSignature, hitsPerClass,
            channel + 1);
    }

    /**
     * The whole file as consecutive 4-bar windows from its first bar: every window, empty ones too,
     * the last one padded with silence, so that a clip of any length is processed window by window
     * and written back at its own length (Magenta Studio's Drumify went wrong on clips longer than
     * 4 bars). {@link MidiScan#bars()} is the clip's length in bars: to its last note's bar or the end
     * of its track, whichever is later (a partial last bar counts). Only 4/4 throughout.
     */
    /** Longest clip processed window by window: over an hour of music at any common tempo. */
    static final int MAX_CLIP_BARS = 10_000;

    static MidiScan clip(String name, SmfParser.Content content, ReadOptions options) {
        int tpq = content.ticksPerQuarter();
        Selection sel = select(name, content, options);
        if (sel.skipped() != null) {
            return sel.skipped();
        }
        List<SmfParser.Note> drums = sel.drums();
        for (Segment seg : segments(content, tpq, drums.get(drums.size() - 1).tick())) {
            if (!seg.is44()) {
                return new MidiScan(name, List.of(), Optional.of("not in 4/4 throughout (" + seg.numerator() + "/"
                    + seg.denominator() + " from tick " + seg.start() + ")"), 0, qpmAt(content, 0),
                    seg.numerator() + "/" + seg.denominator(), sel.hitsPerClass(), sel.channel() + 1);
            }
        }
        double ticksPerStep = tpq / 4.0;
        long barTicks = 4L * tpq;
        List<long[]> cells = new ArrayList<>();
        List<Float> offsets = new ArrayList<>();
        long lastStep = 0;
        for (SmfParser.Note n : drums) {
            double pos = n.tick() / ticksPerStep;
            long step = (long) Math.floor(pos + 0.5);
            cells.add(new long[] {step, options.mapping().classOf(n.pitch()), n.velocity(), n.order()});
            offsets.add((float) (pos - step));
            lastStep = Math.max(lastStep, step);
        }
        // a partial last bar counts, but not a note-off spilling less than a step past a bar line
        long spill = (long) ticksPerStep;
        long bars = Math.max(lastStep / Groove.STEPS_PER_BAR + 1, (content.endTick() - spill + barTicks - 1) / barTicks);
        if (bars > MAX_CLIP_BARS) {
            // a damaged length (an end-of-track at tick 2^31) must not become millions of empty windows
            return new MidiScan(name, List.of(), Optional.of("too long to process as one clip (" + bars + " bars; at most "
                + MAX_CLIP_BARS + ")"), 0, qpmAt(content, 0), "4/4", sel.hitsPerClass(), sel.channel() + 1);
        }
        List<Groove> windows = new ArrayList<>();
        for (long startBar = 0; startBar < bars; startBar += Groove.BARS) {
            windows.add(window(cells, offsets, startBar * Groove.STEPS_PER_BAR, qpmAt(content, startBar * barTicks)));
        }
        return new MidiScan(name, windows, Optional.empty(), (int) bars, qpmAt(content, drums.get(0).tick()), "4/4",
            sel.hitsPerClass(), sel.channel() + 1);
    }

    private static Groove window(List<long[]> cells, List<Float> offsets, long from, double qpm) {
        boolean[][] hits = new boolean[Groove.STEPS][Groove.CLASSES];
        float[][] vel = new float[Groove.STEPS][Groove.CLASSES];
        float[][] off = new float[Groove.STEPS][Groove.CLASSES];
        int[][] bestVelocity = new int[Groove.STEPS][Groove.CLASSES];
        // cells are in note order, so in step order: only this window's run of them is visited
        // (every window walking every cell made a long file quadratic)
        int lo = 0;
        int hi = cells.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cells.get(mid)[0] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < cells.size(); i++) {
            long[] cell = cells.get(i);
            long s = cell[0] - from;
            if (s >= Groove.STEPS) {
                break;
            }
            int step = (int) s;
            int c = (int) cell[1];
            int v = (int) cell[2];
            // loudest wins; on a tie the first in note order (cells are in note order)
            if (!hits[step][c] || v > bestVelocity[step][c]) {
                hits[step][c] = true;
                bestVelocity[step][c] = v;
                vel[step][c] = v / 127f;
                off[step][c] = offsets.get(i);
            }
        }
        return Groove.of(hits, vel, off, qpm);
    }

    record Segment(long start, long end, int numerator, int denominator) {
        boolean is44() {
            return numerator == 4 && denominator == 4;
        }
    }

    /** Constant-time-signature regions; end = -1 for the last (open) one. Default 4/4 from tick 0. */
    static List<Segment> segments(SmfParser.Content content, int tpq, long lastTick) {
        List<Segment> out = new ArrayList<>();
        long start = 0;
        int num = 4;
        int den = 4;
        for (SmfParser.TimeSignature ts : content.timeSignatures()) {
            if (ts.tick() > start) {
                out.add(new Segment(start, ts.tick(), num, den));
                start = ts.tick();
            }
            num = ts.numerator();
            den = ts.denominator();
        }
        out.add(new Segment(start, -1, num, den));
        return out;
    }

    private static String signatureAt(List<Segment> segments, long tick) {
        for (Segment s : segments) {
            if (tick >= s.start() && (s.end() < 0 || tick < s.end())) {
                return s.numerator() + "/" + s.denominator();
            }
        }
        return "4/4";
    }

    /** The index of the first note at or after {@code tick} (notes in tick order). */
    static int firstAtOrAfter(List<SmfParser.Note> notes, double tick) {
        int lo = 0;
        int hi = notes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (notes.get(mid).tick() < tick) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The tempo in force at {@code tick}: the last change at or before it (binary search; tempos in tick order). */
    static double qpmAt(SmfParser.Content content, long tick) {
        List<SmfParser.Tempo> tempos = content.tempos();
        int lo = 0;
        int hi = tempos.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tempos.get(mid).tick() <= tick) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 60_000_000.0 / (lo == 0 ? 500_000 : tempos.get(lo - 1).microsPerQuarter());
    }
}
