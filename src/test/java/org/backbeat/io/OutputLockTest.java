package org.backbeat.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output being written is locked against other runs; writes never replace what they must not. */
class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheLockIsNamedAndTheLockIsFreeOnceItExits() throws Exception {
        Path out = dir.resolve("k.bbm");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            LockHolder.class.getName(), out.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            OutputLock.LockedException e = assertThrows(OutputLock.LockedException.class,
                () -> OutputLock.acquire(out, "this run"));
            assertTrue(e.getMessage().contains("is being written by another run"), e.getMessage());
            assertTrue(e.getMessage().contains("the other test run, process " + other.pid()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        try (OutputLock mine = OutputLock.acquire(out, "this run")) {
            assertTrue(Files.exists(OutputLock.lockFile(out)));
        }
    }

    @Test
    void aSecondJobInTheSameProcessIsRefusedToo() throws Exception {
        Path out = dir.resolve("m.bbm");
        try (OutputLock first = OutputLock.acquire(out, "job one")) {
            OutputLock.LockedException e = assertThrows(OutputLock.LockedException.class,
                () -> OutputLock.acquire(out, "job two"));
            assertTrue(e.getMessage().contains("job one"), e.getMessage());
        }
        OutputLock.acquire(out, "job two").close();
    }

    @Test
    void writeNewNeverReplacesAFile() throws Exception {
        Path f = dir.resolve("sample-01.mid");
        AtomicFiles.writeNew(f, new byte[] {1, 2, 3});
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(f, new byte[] {9}));
        assertEquals(3, Files.size(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("sample-01.mid"), s.map(p -> p.getFileName().toString()).toList(),
                "no temporary file left");
        }
    }

    @Test
    void staleTemporariesOfTheOutputAreRemovedAndNothingElse() throws Exception {
        Path out = dir.resolve("k.bbm");
        // what kill -9 during a write left: this version's names and the older ones
        Path mine = Files.writeString(dir.resolve(".k.bbm.8437264598236.tmp"), "half");
        Path older = Files.writeString(dir.resolve(".k.bbm5512039871.tmp"), "half");
        Path other = Files.writeString(dir.resolve(".other.bbm.123.tmp"), "someone else's");
        Path similar = Files.writeString(dir.resolve(".k.bbm.ckpt.77.tmp"), "the checkpoint's: its own call");
        Path kept = Files.writeString(out, "the model");
        assertEquals(2, AtomicFiles.removeStaleTemporaries(out));
        assertFalse(Files.exists(mine));
        assertFalse(Files.exists(older));
        assertTrue(Files.exists(other) && Files.exists(similar) && Files.exists(kept));
        assertEquals(1, AtomicFiles.removeStaleTemporaries(dir.resolve("k.bbm.ckpt")));
        assertFalse(Files.exists(similar));
    }
}
