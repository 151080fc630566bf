package org.backbeat.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

class NativeHeapTest {

    private static final int CHUNK = 32 << 10;  // under glibc's mmap threshold: from an arena, as ND4J's buffers
    private static final int CHUNKS = 4096;      // 128 MB

    @Test
    void trimGivesFreedNativeMemoryBackToTheSystem() throws Exception {
        Optional<String> first = NativeHeap.trim();
        assumeTrue(first.isPresent(), "this JVM has no System.trim_native_heap (JDK 17.0.9 or later has)");
        assumeTrue(first.get().startsWith("Trim native heap:"), "not glibc: " + first.get());
        assumeTrue(!Double.isNaN(ResidentMemory.megabytes()), "no /proc: not Linux");

        Unsafe unsafe = unsafe();
        long[] chunks = new long[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = unsafe.allocateMemory(CHUNK);
            unsafe.setMemory(chunks[i], CHUNK, (byte) 1);
        }
        // One chunk after them stays in use, so the freed ones cannot merge into the arena's top and
        // be returned by free() itself: they stay with malloc, as a training step's buffers do.
        long fence = unsafe.allocateMemory(CHUNK);
        try {
            for (long c : chunks) {
                unsafe.freeMemory(c);
            }
            double retained = ResidentMemory.megabytes();
            String report = NativeHeap.trim().orElseThrow();
            double trimmed = ResidentMemory.megabytes();
            assertTrue(retained - trimmed > 64,
                "VmRSS " + retained + " -> " + trimmed + " MB after freeing 128 MB and trimming (" + report + ")");
        } finally {
            unsafe.freeMemory(fence);
        }
    }

    private static Unsafe unsafe() throws ReflectiveOperationException {
        Field f = Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (Unsafe) f.get(null);
    }
}
