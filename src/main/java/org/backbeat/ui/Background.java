package org.backbeat.ui;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The studio's one pool of background threads: everything slow that the JavaFX thread must not
 * wait for (opening a model, the start-up preload, the wizard's scan, speed probe, training and
 * evaluation) runs here instead of on a thread started by hand. {@link StudioApp} makes one and
 * hands it to the studio and the wizard; a test passes its own.
 *
 * <p>Threads are daemons (a background job never keeps the process alive after the window closes)
 * and carry the name of the job they run ({@code backbeat-training}, {@code backbeat-model-loader}...),
 * so a thread dump reads as before there was a pool. {@link #serial} gives a queue that runs its
 * jobs one at a time in order on the same pool, for work whose order matters (a later model load
 * must win over an earlier one; sound settings are saved in the order they were made).
 *
 * <p>JavaFX-free: a plain {@link ExecutorService} underneath.
 */
public final class Background implements AutoCloseable {

    /** The name of a pool thread between jobs. */
    static final String IDLE_NAME = "backbeat-background";

    private final ExecutorService pool;

    /** A pool over {@code pool}, which this object shuts down on {@link #close}. */
    public Background(ExecutorService pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The app's pool: as many daemon threads as there are jobs at once, idle ones ended after a minute. */
    public static Background create() {
        return new Background(Executors.newCachedThreadPool(daemonThreads()));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, IDLE_NAME + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs {@code job} on a pool thread named {@code name} while it runs.
     *
     * @throws RejectedExecutionException after {@link #close}
     */
    public void execute(String name, Runnable job) {
        Objects.requireNonNull(job, "job");
        pool.execute(named(name, job));
    }

    private static Runnable named(String name, Runnable job) {
        return () -> {
            Thread t = Thread.currentThread();
            String idle = t.getName();
            t.setName(name);
            try {
                job.run();
            } finally {
                t.setName(idle);
            }
        };
    }

    /**
     * A queue on this pool whose jobs run one at a time, in the order given, on a thread named
     * {@code name}. Its {@code shutdownNow} drops its waiting jobs and interrupts its running one;
     * the pool and its other jobs go on.
     */
    public ExecutorService serial(String name) {
        return new Serial(name);
    }

    /** Stops the pool: no new jobs, running ones interrupted (the app is closing). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return pool.isShutdown();
    }

    /** A queue of jobs run one after another on the pool (at most one pool thread at a time). */
    private final class Serial extends AbstractExecutorService {
        private final String name;
        private final Queue<Runnable> waiting = new ArrayDeque<>();
        private Thread runner;
        private boolean scheduled;
        private boolean shutdown;

        Serial(String name) {
            this.name = name;
        }

        @Override
        public void execute(Runnable job) {
            Objects.requireNonNull(job, "job");
            synchronized (this) {
                if (shutdown) {
                    throw new RejectedExecutionException(name + " is shut down");
                }
                waiting.add(job);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            try {
                Background.this.execute(name, this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    scheduled = false;
                    waiting.clear();
                    notifyAll();
                }
                throw e;
            }
        }

        private void drain() {
            while (true) {
                Runnable job;
                synchronized (this) {
                    if (pool.isShutdown()) {
                        waiting.clear(); // the app is closing: what waits is dropped, as the pool's own queue is
                    }
                    job = waiting.poll();
                    if (job == null) {
                        scheduled = false;
                        runner = null;
                        notifyAll();
                        return;
                    }
                    runner = Thread.currentThread();
                }
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    // reported as an uncaught exception is, and the queue goes on with the next job
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                } finally {
                    synchronized (this) {
                        runner = null;
                    }
                    Thread.interrupted(); // an interrupt meant for this job must not reach the next one
                }
            }
        }

        @Override
        public synchronized void shutdown() {
            shutdown = true;
            notifyAll();
        }

        @Override
        public synchronized List<Runnable> shutdownNow() {
            shutdown = true;
            List<Runnable> dropped = List.copyOf(waiting);
            waiting.clear();
            if (runner != null) {
                runner.interrupt();
            }
            notifyAll();
            return dropped;
        }

        @Override
        public synchronized boolean isShutdown() {
            return shutdown;
        }

        @Override
        public synchronized boolean isTerminated() {
            return shutdown && !scheduled;
        }

        @Override
        public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            long end = System.nanoTime() + unit.toNanos(timeout);
            while (!isTerminated()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
