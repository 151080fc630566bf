package org.backbeat.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading a file the user named, with bounded work whatever it is: its type and size are checked
 * before it is opened, and no more than the limit is read even when the size lies. A FIFO named
 * {@code .mid} hung every reader forever, {@code ln -s /dev/zero z.mid} used 5.5 GB, a file over
 * 2 GB crashed with "Required array size too large", and a sparse 1 GB file was read whole before
 * its size was checked.
 */
public final class InputFiles {

    /** A file that is not read, with a one-line reason (no path: callers name the file). */
    public static final class Refused extends IOException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private InputFiles() {
    }

    /**
     * Why {@code file} cannot be read as a regular file, or null when it can: it is missing, a
     * broken symbolic link or a link loop, a folder, or something that is not a regular file (a
     * named pipe, a device, a socket).
     */
    public static String whyNotRegular(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class); // follows links, opens nothing
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(file) ? "broken symbolic link (its target does not exist)" : "no such file";
        } catch (FileSystemLoopException e) {
            return "symbolic link loop";
        } catch (IOException e) {
            return "cannot read (" + Errors.describe(e) + ")";
        }
        if (a.isDirectory()) {
            return "a folder, not a file";
        }
        if (!a.isRegularFile()) {
            return "not a regular file (a named pipe, device or socket" + (Files.isSymbolicLink(file)
                ? ", through a symbolic link" : "") + "): not read";
        }
        return null;
    }

    /** Throws {@link Refused} with {@link #whyNotRegular}'s reason. */
    public static void requireRegular(Path file) throws Refused {
        String why = whyNotRegular(file);
        if (why != null) {
            throw new Refused(why);
        }
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}.
     *
     * @param what what the file should be, for the message ("a MIDI file")
     * @throws Refused when it is not a regular file or is larger
     */
    public static byte[] read(Path file, int maxBytes, String what) throws IOException {
        requireRegular(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new Refused(tooLarge(size, maxBytes, what));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new Refused(tooLarge(Math.max(size, bytes.length), maxBytes, what)); // it grew, or lied
        }
        return bytes;
    }

    private static String tooLarge(long size, int max, String what) {
        return "too large for " + what + " (" + mb(size) + "; at most " + mb(max) + ")";
    }

    private static String mb(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : String.format("%.1f MB", bytes / 1048576.0);
    }
}
