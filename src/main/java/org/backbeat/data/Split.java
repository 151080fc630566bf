package org.backbeat.data;

/** The Groove MIDI Dataset's splits; a plain folder has TRAIN and VALIDATION only. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    static Split parse(String s) {
        return switch (s.trim().toLowerCase()) {
            case "train" -> TRAIN;
            case "validation", "valid", "eval" -> VALIDATION;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + s + "'");
        };
    }
}
