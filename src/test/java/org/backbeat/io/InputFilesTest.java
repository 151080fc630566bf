package org.backbeat.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what the user names is bounded: type and size before any byte, never more than the limit. */
class InputFilesTest {

    @TempDir
    Path dir;

    private String refused(Path p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(InputFiles.Refused.class,
            () -> InputFiles.read(p, 1 << 20, "a MIDI file")).getMessage(), "it hung on " + p);
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path f = org.backbeat.TestData.fifo(dir.resolve("pipe.mid"));
        assertTrue(refused(f).contains("not a regular file (a named pipe"), refused(f));
    }

    @Test
    void linksFoldersAndDevicesAreRefusedWithTheirReason() throws Exception {
        Path broken = Files.createSymbolicLink(dir.resolve("broken.mid"), dir.resolve("gone.mid"));
        assertTrue(refused(broken).startsWith("broken symbolic link"), refused(broken));
        Path folder = Files.createDirectory(dir.resolve("folder.mid"));
        assertEquals("a folder, not a file", refused(folder));
        Path zero = Files.createSymbolicLink(dir.resolve("z.mid"), Path.of("/dev/zero"));
        assumeTrue(Files.exists(zero));
        assertTrue(refused(zero).contains("through a symbolic link"), refused(zero));
        Path loop = Files.createSymbolicLink(dir.resolve("loop.mid"), dir.resolve("loop.mid"));
        assertTrue(refused(loop).contains("link"), refused(loop));
    }

    @Test
    void aLargeSparseFileIsRefusedByItsSizeBeforeAnyByteIsRead() throws Exception {
        Path big = dir.resolve("huge.mid");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GB, sparse: a read of it needed 2.2 GB of memory first
        }
        long t0 = System.nanoTime();
        assertEquals("too large for a MIDI file (3072 MB; at most 1.0 MB)", refused(big));
        assertTrue((System.nanoTime() - t0) / 1e9 < 1);
    }

    @Test
    void aSmallRegularFileIsReadWhole() throws Exception {
        Path f = Files.write(dir.resolve("ok.mid"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.read(f, 3, "a MIDI file"));
        assertThrows(InputFiles.Refused.class, () -> InputFiles.read(f, 2, "a MIDI file"));
    }
}
