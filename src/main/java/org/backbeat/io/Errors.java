package org.backbeat.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One line that says what went wrong. The JDK's file exceptions carry only the path as their
 * message ("backbeat: /home/me/a.mid" said nothing), and some exceptions carry none at all.
 */
public final class Errors {

    private Errors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile();
            String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
            String reason = f.getReason();
            String what;
            if (e instanceof NoSuchFileException) {
                what = "no such file or folder";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "already exists";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NotDirectoryException) {
                what = "not a folder";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "folder not empty";
            } else if (e instanceof FileSystemLoopException) {
                what = "symbolic link loop";
            } else {
                what = reason == null ? e.getClass().getSimpleName() : reason;
            }
            if (reason != null && !what.equals(reason)) {
                what += " (" + reason + ")";
            }
            return (file == null ? "" : file + other + ": ") + what;
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? describe(e.getCause()) : e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').trim();
    }
}
