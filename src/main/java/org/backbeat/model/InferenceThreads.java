package org.backbeat.model;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads one model call may use, and the small shared pool that lends the helpers.
 * The caller always computes the first part itself; at most {@code availableProcessors() - 1}
 * daemon helpers exist, shared by every model. A part that no helper has started when the caller
 * is done with its own is run by the caller (so a busy or descheduled helper never makes a call
 * slower than one thread would be).
 *
 * <p>Default: {@code -Dbackbeat.inference.threads=N}, else 1. The work splits two ways (the
 * encoder's directions; a batch's rows), but two threads have not yet been measured faster on a
 * 2-core machine ({@code docs/benchmarks.md}, "Two threads per call"), and the studio needs a core
 * for the UI and the player; so two threads are opt-in until a quiet machine shows the gain. Results do not depend on the
 * count: every row's arithmetic is the same however rows are split (a test).
 */
final class InferenceThreads {

    private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static volatile int threads = initial();
    private static volatile ThreadPoolExecutor pool;

    private InferenceThreads() {
    }

    private static int initial() {
        String p = System.getProperty("backbeat.inference.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return 1;
    }

    static int get() {
        return threads;
    }

    static void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + n);
        }
        threads = n;
    }

    /** Runs every task, the first on this thread; returns when all are done, rethrowing the first failure. */
    static void runAll(List<Runnable> tasks) {
        if (tasks.size() == 1 || HELPERS == 0) {
            for (Runnable t : tasks) {
                t.run();
            }
            return;
        }
        ThreadPoolExecutor p = pool();
        @SuppressWarnings("unchecked")
        FutureTask<Void>[] futures = new FutureTask[tasks.size() - 1];
        for (int i = 1; i < tasks.size(); i++) {
            futures[i - 1] = new FutureTask<>(tasks.get(i), null);
            p.execute(futures[i - 1]);
        }
        Throwable failure = null;
        try {
            tasks.get(0).run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (FutureTask<Void> f : futures) {
            f.run(); // a no-op if a helper has started it
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while a model call ran", e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Boundaries of {@code parts} near-equal runs of [0, rows): element i is where run i starts. */
    static int[] split(int rows, int parts) {
        int p = Math.max(1, Math.min(parts, rows));
        int[] at = new int[p + 1];
        for (int i = 0; i <= p; i++) {
            at[i] = (int) ((long) rows * i / p);
        }
        return at;
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = pool;
        if (p == null) {
            synchronized (InferenceThreads.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger n = new AtomicInteger();
                    p = new ThreadPoolExecutor(HELPERS, HELPERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "backbeat-inference-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    p.allowCoreThreadTimeOut(true);
                    pool = p;
                }
            }
        }
        return p;
    }
}
