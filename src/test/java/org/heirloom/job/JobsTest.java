package org.heirloom.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JobsTest {

    @Test
    void etaExtrapolatesTheMeanRate() {
        AtomicLong now = new AtomicLong(0);
        ProgressTracker t = new ProgressTracker(now::get);
        t.start(100, "candidates");
        now.set(Duration.ofSeconds(10).toNanos());
        t.advance(25);
        ProgressSnapshot s = t.snapshot();
        assertEquals(0.25, s.fraction(), 1e-12);
        // 25 units in 10 s → 75 more take 30 s.
        assertEquals(Duration.ofSeconds(30), s.eta().orElseThrow());
        assertEquals("25/100 (25%) ETA 0:30  candidates", s.describe());
        assertEquals("1:01:01", ProgressSnapshot.format(Duration.ofSeconds(3661)));
    }

    @Test
    void etaUnknownBeforeFirstUnitAndWithoutTotal() {
        ProgressTracker t = new ProgressTracker();
        t.start(10, "x");
        assertTrue(t.snapshot().eta().isEmpty());
        t.start(-1, "open-ended");
        t.advance(3);
        assertEquals(-1, t.snapshot().fraction());
        assertEquals("3  open-ended", t.snapshot().describe());
    }

    @Test
    void synchronousExecutorRunsBeforeReturningAndCallsBack() {
        List<String> events = new ArrayList<>();
        JobHandle<Integer> h =
                new SynchronousJobExecutor()
                        .submit(
                                JobSpec.of(
                                                "sum",
                                                ctx -> {
                                                    ctx.progress().start(3, "adding");
                                                    int s = 0;
                                                    for (int i = 1; i <= 3; i++) {
                                                        s += i;
                                                        ctx.progress().advance(1);
                                                    }
                                                    return s;
                                                })
                                        .onSuccess(v -> events.add("ok " + v))
                                        .onFailure(e -> events.add("fail")));
        assertEquals(List.of("ok 6"), events);
        assertEquals(6, h.result().join());
        assertEquals(3, h.progress().snapshot().done());
    }

    @Test
    void failuresAndCancellationReachTheirCallbacks() {
        List<String> events = new ArrayList<>();
        new SynchronousJobExecutor()
                .submit(
                        JobSpec.<Void>of(
                                        "boom",
                                        ctx -> {
                                            throw new IllegalStateException("bad input line 3");
                                        })
                                .onSuccess(v -> events.add("ok"))
                                .onFailure(e -> events.add("fail: " + e.getMessage())));
        new SynchronousJobExecutor()
                .submit(
                        JobSpec.<Void>of(
                                        "cancelled",
                                        ctx -> {
                                            ctx.cancellation().cancel();
                                            ctx.checkCancelled();
                                            return null;
                                        })
                                .onFailure(e -> events.add("fail"))
                                .onCancelled(() -> events.add("cancelled")));
        assertEquals(List.of("fail: bad input line 3", "cancelled"), events);
    }

    @Test
    void backgroundExecutorCancelsCooperativelyAndTracksRunningJobs() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong unitsDone = new AtomicLong();
        try (BackgroundJobExecutor ex = new BackgroundJobExecutor(1, Runnable::run)) {
            JobHandle<Void> h =
                    ex.submit(
                            JobSpec.<Void>of(
                                            "endless",
                                            ctx -> {
                                                while (true) {
                                                    ctx.checkCancelled();
                                                    unitsDone.incrementAndGet();
                                                    started.countDown();
                                                    Thread.sleep(1);
                                                }
                                            })
                                    .onCancelled(
                                            () -> {
                                                outcome.set("cancelled");
                                                done.countDown();
                                            })
                                    .onFailure(
                                            e -> {
                                                outcome.set("failed " + e);
                                                done.countDown();
                                            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(1, ex.running().size());
            h.cancel();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals("cancelled", outcome.get());
            assertTrue(h.isCancelled());
            assertTrue(unitsDone.get() > 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!ex.running().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(!ex.running().isEmpty(), "finished job leaves the running list");
        }
    }
}
