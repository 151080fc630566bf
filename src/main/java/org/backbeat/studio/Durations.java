package org.backbeat.studio;

/** Durations for people: "45 s", "12 min", "3 h 20 min". */
public final class Durations {

    private Durations() {
    }

    public static String human(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "?";
        }
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 90) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
