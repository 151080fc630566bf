package org.backbeat.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old content or the complete new content: the
 * bytes go to a hidden temporary file beside the target, which is then moved over it. A full disk
 * or a crash mid-write leaves the previous file untouched (and no temporary file behind).
 */
public final class AtomicFiles {

    /** Something that writes the content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = writeTemp(target, writer);
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Like {@link #write(Path, Writer)}, but never replaces a file: when {@code target} exists (or
     * appears while the content is written, from another process) it throws
     * {@link FileAlreadyExistsException} and the target is left as it was. The complete file
     * appears under its name at once (a hard link, which the file system refuses to make over an
     * existing name), so there is no moment in which two writers both see the name free.
     */
    public static void writeNew(Path target, Writer writer) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path tmp = writeTemp(target, writer);
        try {
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target); // no hard links here: without REPLACE_EXISTING, still never replaces
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeNew(Path target, byte[] bytes) throws IOException {
        writeNew(target, out -> out.write(bytes));
    }

    /** The hidden temporary files of {@code target}: {@code .NAME.DIGITS.tmp}. */
    private static Path writeTemp(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            readableByAll(tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            done = true;
            return tmp;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Removes temporary files that a killed writer of {@code target} left behind (a {@code kill -9}
     * mid-write leaves its {@code .NAME.DIGITS.tmp}; older versions named it {@code .NAMEDIGITS.tmp}).
     * Call it only while no other writer of {@code target} can be running, e.g. holding its
     * {@link OutputLock}.
     *
     * @return how many were removed
     */
    public static int removeStaleTemporaries(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        Pattern own = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.?-?\\d+\\.tmp");
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (own.matcher(f.getFileName().toString()).matches()
                    && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Temp files are created owner-only; a model or MIDI file is an ordinary, shareable file. */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the default permissions stand
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }
}
