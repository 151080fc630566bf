package org.backbeat.midi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.groove.DrumMapping;

/**
 * Which channel of a file with nothing on channel 10 holds a drum clip. DAWs often export a drum
 * clip on channel 1 (or the track's own channel); its notes are then General MIDI drum pitches:
 * nearly all in the model's drum map and most on the kit's core pitches 35-51 (kicks, snares,
 * hi-hats, toms, crash, ride). A bass line or a melody lives on other pitches and seldom passes
 * both tests; when several channels pass, the one with the most drum notes wins.
 */
final class DrumChannelGuess {

    /** Share of a channel's notes that must be pitches of the drum map. */
    static final double MIN_MAPPED = 0.95;
    /** Share of a channel's notes that must be on the core kit pitches 35-51. */
    static final double MIN_CORE = 0.6;
    private static final int CORE_LOW = 35;
    private static final int CORE_HIGH = 51;

    private DrumChannelGuess() {
    }

    /** The 0-based channel that looks like drums, or -1 when none does. */
    static int likelyDrumChannel(List<SmfParser.Note> notes, DrumMapping mapping) {
        Map<Integer, int[]> counts = new HashMap<>(); // channel -> {notes, mapped, core}
        for (SmfParser.Note n : notes) {
            int[] c = counts.computeIfAbsent(n.channel(), k -> new int[3]);
            c[0]++;
            if (mapping.classOf(n.pitch()) >= 0) {
                c[1]++;
            }
            if (n.pitch() >= CORE_LOW && n.pitch() <= CORE_HIGH) {
                c[2]++;
            }
        }
        int best = -1;
        int bestMapped = 0;
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            boolean drums = c[1] >= MIN_MAPPED * c[0] && c[2] >= MIN_CORE * c[0];
            if (drums && (c[1] > bestMapped || c[1] == bestMapped && e.getKey() < best)) {
                best = e.getKey();
                bestMapped = c[1];
            }
        }
        return best;
    }
}
