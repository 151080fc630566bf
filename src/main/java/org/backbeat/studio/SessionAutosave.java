package org.backbeat.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Saves the session after every change, on a background thread (the newest state only, so a drag
 * that changes the groove sixty times a second writes a few files, not sixty), atomically. Off
 * until {@link #start()}: the studio first asks whether to restore the last session, which must
 * not be overwritten before it is answered.
 */
public final class SessionAutosave implements AutoCloseable {

    private final Path file;
    private final StudioSession session;
    private final Supplier<String> modelFile;
    private final LatestOnlyWorker worker = new LatestOnlyWorker("backbeat-session-saver", e -> { });
    private volatile String lastError;
    private boolean started;

    public SessionAutosave(Path file, StudioSession session, Supplier<String> modelFile) {
        this.file = file;
        this.session = session;
        this.modelFile = modelFile;
        session.addListener(what -> {
            if (started) {
                saveLater();
            }
        });
    }

    public Path file() {
        return file;
    }

    /** Saves now (in the background) and after every change from now on. */
    public void start() {
        started = true;
        saveLater();
    }

    private void saveLater() {
        SessionFile.Snapshot s = session.snapshot(modelFile.get()); // on the session's thread
        worker.submit(() -> write(s));
    }

    private void write(SessionFile.Snapshot s) {
        try {
            SessionFile.save(s, file);
            lastError = null;
        } catch (IOException | RuntimeException e) {
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /**
     * Writes the session once more on the saver's thread, then tells {@code done} (on that thread)
     * the reason it could not be saved, or null when it is on disk (quit). Before {@link #start()}
     * nothing is written: the last session was not answered and stays as it was.
     */
    public void flush(java.util.function.Consumer<String> done) {
        if (!started) {
            done.accept(null);
            return;
        }
        SessionFile.Snapshot s = session.snapshot(modelFile.get());
        worker.submit(() -> {
            write(s);
            done.accept(lastError);
        });
    }

    /** Waits until queued saves are written (tests). */
    public boolean awaitIdle(long millis) throws InterruptedException {
        return worker.awaitIdle(millis, TimeUnit.MILLISECONDS);
    }

    /** Why the last save failed, or null. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        worker.close();
    }
}
