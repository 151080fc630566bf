package org.backbeat.studio;

import org.backbeat.groove.Groove;
import org.backbeat.model.Lock;

/**
 * The lanes' toggles: locked (Generate, Vary and re-roll keep the lane exactly), muted and soloed
 * (the player leaves the lane out). As on a mixing desk, a solo wins over a mute: when any lane is
 * soloed, exactly the soloed lanes sound.
 */
public record Lanes(boolean[] locked, boolean[] muted, boolean[] soloed) {

    public Lanes {
        locked = check(locked);
        muted = check(muted);
        soloed = check(soloed);
    }

    private static boolean[] check(boolean[] a) {
        if (a == null || a.length != Groove.CLASSES) {
            throw new IllegalArgumentException("one value per lane (" + Groove.CLASSES + ")");
        }
        return a.clone();
    }

    /** Nothing locked, muted or soloed. */
    public static Lanes none() {
        boolean[] f = new boolean[Groove.CLASSES];
        return new Lanes(f, f, f);
    }

    /** Which toggle of a lane. */
    public enum Toggle { LOCK, MUTE, SOLO }

    /** These lanes with {@code toggle} of lane {@code lane} flipped. */
    public Lanes flipped(Toggle toggle, int lane) {
        boolean[] l = locked.clone();
        boolean[] m = muted.clone();
        boolean[] s = soloed.clone();
        boolean[] a = switch (toggle) {
            case LOCK -> l;
            case MUTE -> m;
            case SOLO -> s;
        };
        a[lane] = !a[lane];
        return new Lanes(l, m, s);
    }

    public boolean on(Toggle toggle, int lane) {
        return switch (toggle) {
            case LOCK -> locked[lane];
            case MUTE -> muted[lane];
            case SOLO -> soloed[lane];
        };
    }

    public boolean anyLocked() {
        for (boolean b : locked) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    public boolean anySoloed() {
        for (boolean b : soloed) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Whether lane {@code lane} is heard. */
    public boolean audible(int lane) {
        return anySoloed() ? soloed[lane] : !muted[lane];
    }

    /** {@code g} with the lanes that are not heard left out. */
    public Groove heard(Groove g) {
        Groove out = g;
        for (int c = 0; c < Groove.CLASSES; c++) {
            if (audible(c)) {
                continue;
            }
            for (int s = 0; s < Groove.STEPS; s++) {
                if (out.hit(s, c)) {
                    out = out.withCell(s, c, false, 0, 0);
                }
            }
        }
        return out;
    }

    /** The lock that keeps the locked lanes of {@code g}, or null when none is locked. */
    public Lock lock(Groove g) {
        return anyLocked() ? Lock.lanes(g, locked) : null;
    }

    @Override
    public boolean[] locked() {
        return locked.clone();
    }

    @Override
    public boolean[] muted() {
        return muted.clone();
    }

    @Override
    public boolean[] soloed() {
        return soloed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lanes x && java.util.Arrays.equals(x.locked, locked)
            && java.util.Arrays.equals(x.muted, muted) && java.util.Arrays.equals(x.soloed, soloed);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(locked) * 961 + java.util.Arrays.hashCode(muted) * 31
            + java.util.Arrays.hashCode(soloed);
    }
}
