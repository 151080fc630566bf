package org.backbeat.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Two threads in lock step through one model call: the caller (member 0) and a helper from the
 * shared pool (member 1), meeting at {@link #sync} between the phases of every step (a decoder's
 * layers, split by hidden units). A sync is a spin on the other member's counter, well under a
 * microsecond between two cores, where handing work to a pool thread per phase would cost tens.
 *
 * <p>The helper must start within {@link #START_WAIT_NANOS} of the call or the caller takes its part
 * (the team is then {@link #solo()}, and every result is the same: the parts compute disjoint
 * columns with the same arithmetic). A failure on either side releases the other.
 */
final class PairTeam {

    /** How long the caller waits for a pool thread to pick up the helper's part before going alone. */
    static final long START_WAIT_NANOS = 2_000_000;
    /** Spins before a waiting member yields its core (the other may be descheduled on a busy machine). */
    private static final int SPINS_BEFORE_YIELD = 1 << 12;
    /** Counters 16 longs (128 bytes) apart: each member writes its own cache line. */
    private static final int PAD = 16;

    /** The work of one member: called once on each thread, with that thread's member number. */
    interface Body {
        void run(PairTeam team, int member);
    }

    private static final AtomicLong SOLO_RUNS = new AtomicLong();

    private final AtomicLongArray arrivals = new AtomicLongArray(3 * PAD);
    private volatile boolean solo;
    private volatile boolean failed;

    private PairTeam() {
    }

    /** How many teams so far ran without a helper (for tests). */
    static long soloRuns() {
        return SOLO_RUNS.get();
    }

    /** Whether the caller runs both parts (no helper started in time). */
    boolean solo() {
        return solo;
    }

    /**
     * Runs {@code helperBody} as member 1 on a pool helper and {@code callerBody} as member 0 on
     * this thread; or, where no helper starts in time, marks the team solo and runs only
     * {@code callerBody}, which then does both parts. Returns when both are done.
     */
    static void run(Body callerBody, Body helperBody) {
        PairTeam team = new PairTeam();
        AtomicBoolean claimed = new AtomicBoolean();
        AtomicBoolean started = new AtomicBoolean();
        Runnable helper = () -> {
            if (!claimed.compareAndSet(false, true)) {
                return; // the caller went alone
            }
            started.set(true);
            try {
                helperBody.run(team, 1);
            } catch (RuntimeException | Error e) {
                team.failed = true;
                throw e;
            }
        };
        InferenceThreads.runAll(List.of(() -> {
            long deadline = System.nanoTime() + START_WAIT_NANOS;
            while (!started.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (claimed.compareAndSet(false, true)) {
                team.solo = true;
                SOLO_RUNS.incrementAndGet();
            }
            try {
                callerBody.run(team, 0);
            } catch (RuntimeException | Error e) {
                team.failed = true;
                throw e;
            }
        }, helper));
    }

    /**
     * Waits until the other member has reached the same sync; what either wrote before it is then
     * visible to both. A no-op in a solo team. Throws if the other member failed.
     */
    void sync(int member) {
        if (solo) {
            return;
        }
        long mine = arrivals.incrementAndGet(PAD * (member + 1));
        int other = PAD * (2 - member);
        int spins = 0;
        while (arrivals.get(other) < mine) {
            if (failed) {
                throw new IllegalStateException("the other thread of a split model call failed");
            }
            if (++spins > SPINS_BEFORE_YIELD) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
