package org.backbeat.midi;

import java.util.List;
import java.util.Optional;
import org.backbeat.groove.Groove;

/**
 * What reading one file gave: its 4-bar windows, or the reason there are none.
 *
 * @param name          the file's name or path as given
 * @param windows       4-bar grooves, in time order
 * @param skipReason    why the file gave no windows (empty when it gave some)
 * @param bars          bars of 4/4 music found (0 when skipped)
 * @param qpm           the tempo at the first drum note (0 when unknown)
 * @param timeSignature the time signature at the first drum note, e.g. "4/4" (empty if unknown)
 * @param hitsPerClass  drum notes read per class (before windowing and de-duplication)
 */
public record MidiScan(String name, List<Groove> windows, Optional<String> skipReason, int bars, double qpm,
                       String timeSignature, int[] hitsPerClass) {

    public MidiScan {
        windows = List.copyOf(windows);
        hitsPerClass = hitsPerClass.clone();
    }

    public static MidiScan skipped(String name, String reason) {
        return new MidiScan(name, List.of(), Optional.of(reason), 0, 0, "", new int[9]);
    }

    public boolean ok() {
        return skipReason.isEmpty();
    }
}
