package org.backbeat.groove;

/**
 * The nine drum classes of GrooVAE, in tensor order. Each has one output pitch (General MIDI,
 * channel 10) used when a groove is written or played.
 */
public enum DrumClass {
    KICK("Kick", 36),
    SNARE("Snare", 38),
    CLOSED_HIHAT("Closed hat", 42),
    OPEN_HIHAT("Open hat", 46),
    LOW_TOM("Low tom", 45),
    MID_TOM("Mid tom", 48),
    HIGH_TOM("High tom", 50),
    CRASH("Crash", 49),
    RIDE("Ride", 51);

    /** Number of drum classes (9). */
    public static final int COUNT = 9;

    private final String label;
    private final int outputPitch;

    DrumClass(String label, int outputPitch) {
        this.label = label;
        this.outputPitch = outputPitch;
    }

    /** Human-readable name for rows and reports. */
    public String label() {
        return label;
    }

    /** The canonical General MIDI pitch written for this class. */
    public int outputPitch() {
        return outputPitch;
    }

    public static DrumClass of(int index) {
        return values()[index];
    }
}
