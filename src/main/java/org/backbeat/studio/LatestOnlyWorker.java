package org.backbeat.studio;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs jobs one at a time on a background thread, dropping every job that was superseded before
 * it started. Dragging a slider submits a decode per mouse event; only the newest position is
 * worth decoding, so the sound and the grid follow the hand without a queue building up.
 */
public final class LatestOnlyWorker implements AutoCloseable {

    private final ExecutorService executor;
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final Consumer<Throwable> onError;

    public LatestOnlyWorker(String name, Consumer<Throwable> onError) {
        this.onError = onError;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code job}, replacing a queued job that has not started yet. */
    public void submit(Runnable job) {
        if (pending.getAndSet(job) == null) {
            executor.execute(this::runLatest);
        }
    }

    private void runLatest() {
        Runnable job = pending.getAndSet(null);
        if (job == null) {
            return;
        }
        try {
            job.run();
        } catch (RuntimeException | Error e) {
            onError.accept(e);
        }
    }

    /** Waits until every job submitted so far has run or been superseded (for tests and shutdown). */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            // The executor is FIFO on one thread: once this marker ran, every earlier job has too.
            executor.submit(() -> { }).get(timeout, unit);
            return pending.get() == null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
