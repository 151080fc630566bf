package org.backbeat.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {

    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma");
    private static final Set<String> AVX512 = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd",
        "avx512bw", "avx512dq", "avx512vl");

    @Test
    void avx512AsksForTheSkylakeXKernelsOnEitherVendor() {
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose("GenuineIntel", AVX512));
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose("AuthenticAMD", AVX512));
    }

    @Test
    void intelWithAvx2AsksForHaswellAndAmdIsLeftToOpenBlas() {
        assertEquals(Optional.of("Haswell"), OpenBlasCore.choose("GenuineIntel", AVX2));
        assertEquals(Optional.empty(), OpenBlasCore.choose("AuthenticAMD", AVX2));
    }

    @Test
    void partialAvx512OrNoAvx2IsLeftToOpenBlas() {
        assertEquals(Optional.of("Haswell"), OpenBlasCore.choose("GenuineIntel",
            Set.of("avx", "avx2", "fma", "avx512f")));
        assertEquals(Optional.empty(), OpenBlasCore.choose("GenuineIntel", Set.of("sse4_2", "avx")));
    }

    @Test
    void readsVendorAndFlagsOfTheFirstCpu() {
        Optional<OpenBlasCore.Cpu> cpu = OpenBlasCore.parseCpuInfo(List.of(
            "processor\t: 0", "vendor_id\t: GenuineIntel", "model\t\t: 207",
            "flags\t\t: fpu sse avx2 fma avx512f", "", "processor\t: 1", "vendor_id\t: Other", "flags\t\t: fpu"));
        assertTrue(cpu.isPresent());
        assertEquals("GenuineIntel", cpu.get().vendor());
        assertEquals(Set.of("fpu", "sse", "avx2", "fma", "avx512f"), cpu.get().flags());
        assertFalse(OpenBlasCore.parseCpuInfo(List.of("processor\t: 0", "vendor_id\t: X")).isPresent());
    }

    @Test
    void namesTheGenericKernelsAsFallbacks() {
        assertTrue(OpenBlasCore.isFallback("Prescott"));
        assertTrue(OpenBlasCore.isFallback("NEHALEM"));
        assertFalse(OpenBlasCore.isFallback("SkylakeX"));
        assertFalse(OpenBlasCore.isFallback("Zen"));
    }
}
