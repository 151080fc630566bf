package org.backbeat.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Says "this output is being written" to every other run: an operating-system file lock on a
 * hidden {@code .NAME.lock} beside the output, holding who took it (process id, host, start time,
 * what). Two trainings onto one {@code --out} used to both print "Finished" while one result was
 * lost; the second now stops at once, naming the first. The lock goes with the process, so a
 * {@code kill -9} never leaves a stale one behind; the small file itself stays (removing it would
 * let a third run lock a new file while a second still holds the old one).
 */
public final class OutputLock implements AutoCloseable {

    /** The output is being written by another run. */
    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Path lockFile(Path output) {
        return output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code output} or fails at once.
     *
     * @param what what this run is, for the message another run shows (e.g. "backbeat train")
     * @throws LockedException when another run holds it, naming that run
     */
    public static OutputLock acquire(Path output, String what) throws IOException {
        Path file = lockFile(output);
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it (another job in the same JVM)
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder;
            try {
                holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                holder = "";
            } finally {
                ch.close();
            }
            throw new LockedException(output + " is being written by another run" + (holder.isEmpty() ? ""
                : " (" + holder + ")") + "; wait for it to finish or choose another output");
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        String me = what + ", process " + ProcessHandle.current().pid() + (host.isEmpty() ? "" : " on " + host)
            + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new OutputLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
