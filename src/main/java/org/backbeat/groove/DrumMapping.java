package org.backbeat.groove;

import java.util.Arrays;

/**
 * Which MIDI pitches belong to which {@link DrumClass}. The mapping belongs to a model's config:
 * Backbeat's own models use {@link #ROLAND} (note-seq's {@code DEFAULT_DRUM_TYPE_PITCHES}, what
 * Python GrooVAE uses, with the Roland TD-11 extras 22 and 26), while a checkpoint imported from
 * Magenta.js keeps {@link #MAGENTA_JS} (its older table). The first pitch of each class is the
 * output pitch.
 */
public final class DrumMapping {

    /** note-seq DEFAULT_DRUM_TYPE_PITCHES (Python GrooVAE), incl. Roland TD-11 extras. */
    public static final DrumMapping ROLAND = new DrumMapping("roland", new int[][] {
        {36, 35},
        {38, 27, 28, 31, 32, 33, 34, 37, 39, 40, 56, 65, 66, 75, 85},
        {42, 44, 54, 68, 69, 70, 71, 73, 78, 80, 22},
        {46, 67, 72, 74, 79, 81, 26},
        {45, 29, 41, 43, 61, 64, 84},
        {48, 47, 60, 63, 77, 86, 87},
        {50, 30, 62, 76, 83},
        {49, 52, 55, 57, 58},
        {51, 53, 59, 82},
    });

    /** Magenta.js 1.23.1 DEFAULT_DRUM_PITCH_CLASSES (no 22/26; 43 = high tom; 52 = ride). */
    public static final DrumMapping MAGENTA_JS = new DrumMapping("magenta-js", new int[][] {
        {36, 35},
        {38, 27, 28, 31, 32, 33, 34, 37, 39, 40, 56, 65, 66, 75, 85},
        {42, 44, 54, 68, 69, 70, 71, 73, 78, 80},
        {46, 67, 72, 74, 79, 81},
        {45, 29, 41, 61, 64, 84},
        {48, 47, 60, 63, 77, 86, 87},
        {50, 30, 43, 62, 76, 83},
        {49, 55, 57, 58},
        {51, 52, 53, 59, 82},
    });

    private final String name;
    private final int[][] pitches;
    private final int[] classOfPitch = new int[128];

    private DrumMapping(String name, int[][] pitches) {
        if (pitches.length != DrumClass.COUNT) {
            throw new IllegalArgumentException("a drum mapping needs " + DrumClass.COUNT + " classes");
        }
        this.name = name;
        this.pitches = new int[pitches.length][];
        Arrays.fill(classOfPitch, -1);
        for (int c = 0; c < pitches.length; c++) {
            this.pitches[c] = pitches[c].clone();
            for (int p : pitches[c]) {
                if (p < 0 || p > 127) {
                    throw new IllegalArgumentException("pitch out of MIDI range: " + p);
                }
                if (classOfPitch[p] >= 0) {
                    throw new IllegalArgumentException("pitch " + p + " is in two classes");
                }
                classOfPitch[p] = c;
            }
        }
    }

    /** A custom mapping, e.g. read from a model's config. */
    public static DrumMapping of(String name, int[][] pitches) {
        return new DrumMapping(name, pitches);
    }

    /** The built-in mapping with this name ({@code roland} or {@code magenta-js}). */
    public static DrumMapping named(String name) {
        return switch (name) {
            case "roland" -> ROLAND;
            case "magenta-js" -> MAGENTA_JS;
            default -> throw new IllegalArgumentException("unknown drum mapping: " + name);
        };
    }

    public String name() {
        return name;
    }

    /** The drum class index of a MIDI pitch, or -1 when the pitch is not a mapped drum. */
    public int classOf(int pitch) {
        return pitch >= 0 && pitch < 128 ? classOfPitch[pitch] : -1;
    }

    /** The pitch written for a class: the first in its list. */
    public int outputPitch(int drumClass) {
        return pitches[drumClass][0];
    }

    /** A copy of the pitch lists, class by class. */
    public int[][] pitches() {
        int[][] copy = new int[pitches.length][];
        for (int c = 0; c < pitches.length; c++) {
            copy[c] = pitches[c].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrumMapping m && name.equals(m.name) && Arrays.deepEquals(pitches, m.pitches);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.deepHashCode(pitches);
    }

    @Override
    public String toString() {
        return name;
    }
}
