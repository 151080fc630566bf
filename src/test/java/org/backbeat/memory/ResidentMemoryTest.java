package org.backbeat.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsThisProcesssResidentMemoryAndSeesItGrow() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "no /proc: not Linux");
        double before = ResidentMemory.megabytes();
        assertTrue(before > 10 && before < 1 << 20, "VmRSS " + before + " MB");
        // 64 MB touched outside the heap must show up in VmRSS (what the memory benchmark relies on).
        java.nio.ByteBuffer b = touchedDirect(64 << 20);
        double after = ResidentMemory.megabytes();
        assertTrue(after - before > 48, "VmRSS " + before + " -> " + after + " MB after touching 64 MB");
        Reference.reachabilityFence(b);
    }

    @Test
    void nativeMemoryGrowsWithOffHeapBuffersAndNotWithJavaArrays() {
        assumeTrue(Files.exists(Path.of("/proc/self/smaps")), "no /proc: not Linux");
        double start = ResidentMemory.nativeMegabytes();
        assumeTrue(!Double.isNaN(start), "this JVM has no GC.heap_info");
        assertTrue(start > 10 && start < ResidentMemory.megabytes(), "native " + start + " MB");

        byte[] onHeap = new byte[64 << 20];
        java.util.Arrays.fill(onHeap, (byte) 1);
        double afterArray = ResidentMemory.nativeMegabytes();
        assertTrue(afterArray - start < 16, "native " + start + " -> " + afterArray + " MB after a 64 MB Java array");

        java.nio.ByteBuffer offHeap = touchedDirect(64 << 20);
        double afterDirect = ResidentMemory.nativeMegabytes();
        assertTrue(afterDirect - afterArray > 48,
            "native " + afterArray + " -> " + afterDirect + " MB after touching 64 MB off the heap");
        Reference.reachabilityFence(onHeap);
        Reference.reachabilityFence(offHeap);
    }

    @Test
    void heapRangeSpansWhatGcHeapInfoPrintsBeforeMetaspaceForAnyCollector() {
        String g1 = """
             garbage-first heap   total 397312K, used 14510K [0x0000000687400000, 0x0000000800000000)
              region size 4096K, 3 young (12288K), 1 survivors (4096K)
             Metaspace       used 11259K, committed 11456K, reserved 1114112K
              class space    used 1358K, committed 1472K, reserved 1048576K
            """;
        assertArrayEquals(new long[] {0x687400000L, 0x800000000L}, ResidentMemory.heapRange(g1));
        String serial = """
             def new generation   total 116160K, used 26857K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
              eden space 103296K,  26% used [0x0000000687400000, 0x0000000688e3a6f8, 0x000000068d8e0000)
             tenured generation   total 258048K, used 0K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
             Metaspace       used 11246K, committed 11456K, reserved 1114112K [0x0000000900000000, 0x0000000940000000)
            """;
        assertArrayEquals(new long[] {0x687400000L, 0x800000000L}, ResidentMemory.heapRange(serial));
        assertNull(ResidentMemory.heapRange("no heap here"));
    }

    @Test
    void countsTheResidentSizeOfMappingsThatStartOutsideTheHeap() {
        List<String> smaps = List.of(
            "00400000-00401000 r-xp 00000000 08:01 123 /usr/bin/java",
            "Size:                  4 kB",
            "Rss:                   4 kB",
            "687400000-6a0000000 rw-p 00000000 00:00 0",
            "Rss:              400000 kB",
            "VmFlags: rd wr mr mw me ac",
            "7f0000000000-7f0000100000 rw-p 00000000 00:00 0",
            "Rss:                1000 kB");
        assertEquals(1004, ResidentMemory.outsideKb(smaps, 0x687400000L, 0x800000000L));
    }

    private static java.nio.ByteBuffer touchedDirect(int bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) 1);
        }
        return b;
    }
}
