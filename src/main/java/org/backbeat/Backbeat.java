package org.backbeat;

/**
 * Process-wide settings that must be in place before ND4J loads. Kept in one place so that the
 * launcher, the tests and the benchmarks agree.
 */
public final class Backbeat {

    private Backbeat() {
    }

    public static void configure() {
        // SameDiff's array cache returns stale values for the unrolled LSTM graph (shared notes).
        System.setProperty("org.nd4j.autodiff.samediff", System.getProperty("org.nd4j.autodiff.samediff", "false"));
    }

    /** Version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = Backbeat.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
