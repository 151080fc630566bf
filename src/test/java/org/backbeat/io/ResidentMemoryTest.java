package org.backbeat.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsThisProcesssResidentMemoryAndSeesItGrow() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "no /proc: not Linux");
        double before = ResidentMemory.megabytes();
        assertTrue(before > 10 && before < 1 << 20, "VmRSS " + before + " MB");
        // 64 MB touched outside the heap must show up in VmRSS (what the memory benchmark relies on).
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(64 << 20);
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) 1);
        }
        double after = ResidentMemory.megabytes();
        assertTrue(after - before > 48, "VmRSS " + before + " -> " + after + " MB after touching 64 MB");
    }
}
