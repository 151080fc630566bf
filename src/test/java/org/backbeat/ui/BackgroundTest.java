package org.backbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's background threads, without a window. */
class BackgroundTest {

    private final Background background = Background.create();

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void aJobRunsOnADaemonThreadNamedForItThatGetsItsNameBack() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        CompletableFuture<String> name = new CompletableFuture<>();
        background.execute("backbeat-training", () -> {
            ran.complete(Thread.currentThread());
            name.complete(Thread.currentThread().getName());
        });
        assertEquals("backbeat-training", name.get(10, TimeUnit.SECONDS));
        Thread t = ran.get();
        assertTrue(t.isDaemon(), "a background job never keeps the process alive");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!t.getName().startsWith(Background.IDLE_NAME + "-") && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(t.getName().startsWith(Background.IDLE_NAME + "-"), t.getName());
    }

    @Test
    void aSerialQueueRunsItsJobsOneAtATimeInOrder() throws Exception {
        ExecutorService serial = background.serial("backbeat-model-loader");
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> names = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(20);
        int[] inside = {0};
        boolean[] overlapped = {false};
        for (int i = 0; i < 20; i++) {
            int n = i;
            serial.execute(() -> {
                synchronized (inside) {
                    overlapped[0] |= ++inside[0] > 1;
                }
                if (n == 0) {
                    try {
                        first.await(10, TimeUnit.SECONDS); // the others wait behind it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                order.add(n);
                names.add(Thread.currentThread().getName());
                synchronized (inside) {
                    inside[0]--;
                }
                done.countDown();
            });
        }
        Thread.sleep(100);
        assertEquals(List.of(), order, "the first job holds the queue");
        first.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), order);
        assertTrue(names.stream().allMatch("backbeat-model-loader"::equals), names.toString());
        assertTrue(!overlapped[0], "never two at once");
    }

    @Test
    void aSerialQueueShutDownDropsWhatWaitsAndInterruptsWhatRunsThePoolGoesOn() throws Exception {
        ExecutorService serial = background.serial("backbeat-model-loader");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        serial.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(20_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        Runnable waiting = () -> { };
        serial.execute(waiting);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(waiting), serial.shutdownNow());
        assertTrue(interrupted.get(10, TimeUnit.SECONDS), "the running job is interrupted");
        assertTrue(serial.awaitTermination(10, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> { }));
        CompletableFuture<Boolean> other = new CompletableFuture<>();
        background.execute("backbeat-scan", () -> other.complete(true));
        assertTrue(other.get(10, TimeUnit.SECONDS), "the pool's other jobs go on");
    }

    @Test
    void aJobThatThrowsDoesNotStopTheQueue() throws Exception {
        ExecutorService serial = background.serial("q");
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        serial.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(quiet);
            throw new IllegalStateException("boom");
        });
        serial.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(null);
            next.complete(true);
        });
        assertTrue(next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void afterCloseNothingIsAccepted() {
        ExecutorService serial = background.serial("q");
        background.close();
        assertTrue(background.isClosed());
        assertThrows(RejectedExecutionException.class, () -> background.execute("late", () -> { }));
        assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> { }));
    }
}
