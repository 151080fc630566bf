package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.backbeat.memory.OpenBlasCore;
import org.junit.jupiter.api.Test;

/** The OpenBLAS the engine multiplies with runs kernels for this CPU, not the generic SSE3 fallback. */
class BlasKernelTest {

    @Test
    void openBlasRunsKernelsForThisCpu() throws Exception {
        Blas.threads(); // loads OpenBLAS (after OpenBlasCore.configure, in Blas's static initialiser)
        Optional<String> kernel = OpenBlasCore.kernel();
        assertTrue(kernel.isPresent(), "OpenBLAS names its kernels once loaded");
        String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
            .findFirst().orElse("");
        assumeTrue(flags.contains(" avx2"), "a CPU without AVX2: the generic kernels may be right for it");
        assertFalse(OpenBlasCore.isFallback(kernel.get()),
            "OpenBLAS fell back to its " + kernel.get() + " kernels (" + OpenBlasCore.configure() + ")");
        assertTrue(Hardware.describe().contains("OpenBLAS " + kernel.get()), Hardware.describe());
    }
}
