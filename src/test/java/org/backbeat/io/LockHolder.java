package org.backbeat.io;

import java.nio.file.Path;

/** Run as its own process by {@link OutputLockTest}: holds the lock of an output until stdin closes. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), "the other test run")) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold it
            }
        }
    }
}
