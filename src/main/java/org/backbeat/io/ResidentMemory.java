package org.backbeat.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set size (VmRSS), as the benchmarks report it: Java heap, native
 * buffers (ND4J, OpenBLAS) and code together, which is what a musician's machine pays.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** VmRSS in MB from {@code /proc/self/status}, or NaN where there is none (not Linux). */
    public static double megabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
