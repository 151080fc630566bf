package org.backbeat.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.memory.OpenBlasCore;

/** One line about the machine, for model cards and benchmarks: the CPU, its cores, OpenBLAS's kernels once loaded. */
public final class Hardware {

    private Hardware() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception e) {
            cpu = System.getProperty("os.arch");
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        return cpu + ", " + java.lang.Runtime.getRuntime().availableProcessors() + " cores"
            + (omp != null ? ", OMP_NUM_THREADS=" + omp : "")
            + OpenBlasCore.kernel().map(k -> ", OpenBLAS " + k).orElse("");
    }
}
