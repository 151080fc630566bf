package org.backbeat.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This process's resident set size (VmRSS), as the benchmarks report it: Java heap, native
 * buffers (ND4J, OpenBLAS) and code together, which is what a musician's machine pays.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-f]+)");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-[0-9a-f]+ ");

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

    /**
     * The part of VmRSS outside the Java heap's address range, in MB: ND4J's and OpenBLAS's buffers,
     * malloc's retained memory, the JVM's own (code, metaspace, GC tables, thread stacks). The Java
     * heap's resident part goes up and down with what the collector commits; this part is where a
     * leak below Java shows. NaN where unknown (not Linux, no {@code GC.heap_info}).
     */
    public static double nativeMegabytes() {
        long[] heap = heapRange();
        if (heap == null) {
            return Double.NaN;
        }
        try {
            return outsideKb(Files.readAllLines(Path.of("/proc/self/smaps")), heap[0], heap[1]) / 1024.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Rss (kB) of the smaps mappings that start outside {@code [lo, hi)}. */
    static long outsideKb(List<String> smaps, long lo, long hi) {
        long kb = 0;
        boolean outside = false;
        for (String line : smaps) {
            Matcher m = MAPPING.matcher(line);
            if (m.find()) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                outside = start < lo || start >= hi;
            } else if (outside && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }

    /**
     * The Java heap's reserved range {@code [lo, hi)}: the lowest and highest address that
     * {@code GC.heap_info} prints for the heap (the lines before Metaspace), whichever the collector.
     */
    static long[] heapRange() {
        return DiagnosticCommand.run("gcHeapInfo").map(ResidentMemory::heapRange).orElse(null);
    }

    static long[] heapRange(String heapInfo) {
        int metaspace = heapInfo.indexOf("Metaspace");
        Matcher m = ADDRESS.matcher(metaspace < 0 ? heapInfo : heapInfo.substring(0, metaspace));
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        while (m.find()) {
            long a = Long.parseUnsignedLong(m.group(1), 16);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return lo < hi ? new long[] {lo, hi} : null;
    }
}
