package org.backbeat.data;

import java.util.List;
import java.util.Map;

/**
 * What a dataset scan found.
 *
 * @param files            files that gave windows
 * @param skipped          files that gave none, each with its reason
 * @param windows          windows per split
 * @param hitsPerClass     hits per drum class over all windows of all splits
 * @param minQpm           slowest tempo among the files read
 * @param maxQpm           fastest
 * @param seconds          wall time of the scan
 * @param fromCache        whether the windows came from the cache
 */
public record DatasetReport(int files, List<Skipped> skipped, Map<Split, Integer> windows, long[] hitsPerClass,
                            double minQpm, double maxQpm, double seconds, boolean fromCache) {

    /** A file that gave no windows, and why. */
    public record Skipped(String file, String reason) {
    }

    public int totalWindows() {
        return windows.values().stream().mapToInt(Integer::intValue).sum();
    }
}
