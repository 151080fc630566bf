package org.backbeat.bench;

import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;

/** Two hand-written reference grooves (rock and funk) for benchmarks and demos. */
public final class TestGrooves {

    private TestGrooves() {
    }

    public static java.util.List<Groove> rockAndFunk() {
        return java.util.List.of(rock(), funk());
    }

    /** Eighth-note hats, kick on 1 and 3, snare on 2 and 4, at 120 qpm. */
    public static Groove rock() {
        Groove g = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            int inBar = s % 16;
            if (inBar % 2 == 0) {
                g = g.withCell(s, DrumClass.CLOSED_HIHAT.ordinal(), true, inBar % 4 == 0 ? 0.8f : 0.55f, 0f);
            }
            if (inBar == 0 || inBar == 8 || inBar == 10) {
                g = g.withCell(s, DrumClass.KICK.ordinal(), true, 0.9f, 0f);
            }
            if (inBar == 4 || inBar == 12) {
                g = g.withCell(s, DrumClass.SNARE.ordinal(), true, 0.95f, 0f);
            }
        }
        return g;
    }

    /** Sixteenth hats with swing and ghost notes, laid-back snare, at 96 qpm. */
    public static Groove funk() {
        Groove g = Groove.empty(96);
        for (int s = 0; s < Groove.STEPS; s++) {
            int inBar = s % 16;
            float swing = inBar % 2 == 1 ? 0.15f : 0f;
            g = g.withCell(s, DrumClass.CLOSED_HIHAT.ordinal(), true, inBar % 4 == 0 ? 0.75f : 0.4f, swing);
            if (inBar == 0 || inBar == 3 || inBar == 10) {
                g = g.withCell(s, DrumClass.KICK.ordinal(), true, 0.85f, 0.02f);
            }
            if (inBar == 4 || inBar == 12) {
                g = g.withCell(s, DrumClass.SNARE.ordinal(), true, 1f, 0.08f);
            }
            if (inBar == 7 || inBar == 9 || inBar == 15) {
                g = g.withCell(s, DrumClass.SNARE.ordinal(), true, 0.25f, 0.05f);
            }
        }
        return g;
    }
}
