package org.backbeat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Process-wide settings that must be in place before ND4J loads. Kept in one place so that the
 * launcher, the tests and the benchmarks agree.
 */
public final class Backbeat {

    /** The JVM flags file at the project root, copied into the jar beside this class. */
    static final String FLAGS_RESOURCE = "jvm.flags";

    private Backbeat() {
    }

    /**
     * Applies the system properties of {@code jvm.flags} (its {@code -Dkey=value} lines) that the
     * JVM was not started with, e.g. SameDiff's array cache off for a plain {@code java -jar}.
     * A property given on the command line wins.
     */
    public static void configure() {
        systemProperties(flags()).forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    /** The flags of {@code jvm.flags} as packaged, one a line, without comments and blank lines. */
    static List<String> flags() {
        try (InputStream in = Backbeat.class.getResourceAsStream(FLAGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FLAGS_RESOURCE + " is missing from the class path (a broken build)");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code -Dkey=value} flags among {@code flags} as a map, in order. */
    static Map<String, String> systemProperties(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : flags) {
            if (f.startsWith("-D")) {
                int eq = f.indexOf('=');
                out.put(eq < 0 ? f.substring(2) : f.substring(2, eq), eq < 0 ? "" : f.substring(eq + 1));
            }
        }
        return out;
    }

    /** Version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = Backbeat.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
