package org.backbeat.memory;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells OpenBLAS which kernels to run before it loads, where its own CPU detection would pick slow ones.
 *
 * <p>Why: the OpenBLAS that ND4J M2.1 ships (0.3.19, {@code DYNAMIC_ARCH}) chooses its kernels by the
 * CPU's family and model number, and a model newer than the library falls back to {@code Prescott},
 * the SSE3 kernels. On an Intel Xeon of model 207 (AVX-512, 2026) that made {@code cblas_sgemm}
 * 20 GFLOP/s where the {@code SkylakeX} kernels do 114 on the same core, and the training engine,
 * whose products all go through OpenBLAS, 4× slower (31 against 125 windows/s;
 * docs/benchmarks.md). OpenBLAS reads {@code OPENBLAS_CORETYPE} once, when the library loads, so
 * this sets it in the process's environment (C's {@code setenv}, through JNA) before that, from the
 * CPU's feature flags: {@code SkylakeX} where AVX-512 (F, CD, BW, DQ, VL) is there, {@code Haswell}
 * on an Intel CPU with AVX2 and FMA. An AMD CPU without AVX-512 is left to OpenBLAS, which knows Zen
 * by its family. A value the user set is never replaced.
 *
 * <p>Every class that touches ND4J or OpenBLAS calls {@link #configure()} in its static initialiser
 * ({@code ArchitectureTest} holds to it), so the first of them to load decides before the library
 * does.
 */
public final class OpenBlasCore {

    /** The environment variable OpenBLAS's dynamic-architecture start-up reads. */
    public static final String ENV = "OPENBLAS_CORETYPE";

    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> FALLBACK_KERNELS = Set.of("prescott", "core2", "nehalem", "katmai",
        "coppermine", "northwood", "banias", "atom", "unknown");

    private static volatile String outcome;

    private OpenBlasCore() {
    }

    /**
     * The kernel set to ask for on a CPU with these {@code /proc/cpuinfo} vendor and flags, or empty
     * to leave OpenBLAS's detection alone.
     */
    static Optional<String> choose(String vendor, Set<String> flags) {
        if (flags.containsAll(AVX512)) {
            return Optional.of("SkylakeX");
        }
        if (!"AuthenticAMD".equals(vendor) && flags.contains("avx2") && flags.contains("fma")) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /**
     * Sets {@link #ENV} for this process where it is unset and the CPU calls for it; idempotent and
     * cheap after the first call. Returns what happened, in words (for a log line or a test).
     */
    public static synchronized String configure() {
        if (outcome != null) {
            return outcome;
        }
        String given = System.getenv(ENV);
        if (given != null) {
            outcome = ENV + "=" + given + " (set by the user)";
            return outcome;
        }
        Optional<String> choice = readCpu().flatMap(cpu -> choose(cpu.vendor(), cpu.flags()));
        if (choice.isEmpty()) {
            outcome = "OpenBLAS detects the CPU itself";
            return outcome;
        }
        try {
            int rc = NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {ENV, choice.get(), 1});
            outcome = rc == 0 ? ENV + "=" + choice.get() + " (from the CPU's flags)" : "setenv failed (" + rc + ")";
        } catch (RuntimeException | LinkageError e) {
            // No JNA native library for this platform, or no C library by that name: OpenBLAS detects.
            outcome = "could not set " + ENV + " (" + e.getMessage() + ")";
        }
        return outcome;
    }

    /**
     * The name of the kernel set the loaded OpenBLAS runs (e.g. {@code SkylakeX}), or empty where
     * OpenBLAS is not loaded yet or cannot say.
     */
    public static Optional<String> kernel() {
        try {
            long address = org.bytedeco.javacpp.Loader.addressof("openblas_get_corename").address();
            if (address == 0) {
                return Optional.empty();
            }
            return Optional.ofNullable(Function.getFunction(new Pointer(address)).invokeString(new Object[0], false))
                .map(String::strip);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether {@code kernel} is one of the generic fallbacks OpenBLAS picks for a CPU it does not know. */
    public static boolean isFallback(String kernel) {
        return FALLBACK_KERNELS.contains(kernel.toLowerCase(java.util.Locale.ROOT));
    }

    /** The vendor and flags of the first CPU in {@code /proc/cpuinfo}. */
    record Cpu(String vendor, Set<String> flags) {
    }

    static Optional<Cpu> readCpu() {
        try {
            return parseCpuInfo(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Cpu> parseCpuInfo(Iterable<String> lines) {
        String vendor = null;
        Set<String> flags = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (vendor == null && key.equals("vendor_id")) {
                vendor = value;
            } else if (flags == null && key.equals("flags")) {
                flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toUnmodifiableSet());
            }
            if (vendor != null && flags != null) {
                break;
            }
        }
        return flags == null ? Optional.empty() : Optional.of(new Cpu(vendor == null ? "" : vendor, flags));
    }
}
