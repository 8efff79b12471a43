package org.heirloom.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Debouncing on a hand-driven clock: no sleeps, every step decided by the test. */
class DebouncerTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> ran = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();

    private JobSpec<String> job(String name) {
        return JobSpec.<String>of(
                        "job " + name,
                        ctx -> {
                            ran.add(name);
                            return name;
                        })
                .onSuccess(delivered::add);
    }

    @Test
    void aBurstRunsOnlyItsLastRequestOnceTheQuietTimeAfterItPassed() {
        Debouncer d = new Debouncer(new SynchronousJobExecutor(), QUIET, clock);
        d.request(job("a"));
        clock.advance(Duration.ofMillis(200));
        d.request(job("b"));
        clock.advance(Duration.ofMillis(200)); // 400 ms: 300 since a, but only 200 since b
        assertEquals(List.of(), ran);
        assertTrue(d.isWaiting());
        d.request(job("c"));
        clock.advance(Duration.ofMillis(299));
        assertEquals(List.of(), ran);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("c"), ran);
        assertEquals(List.of("c"), delivered);
        assertFalse(d.isWaiting());
        assertEquals(0, clock.waiting(), "superseded timers are called off, not left to fire");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("c"), ran);
    }

    @Test
    void requestsFurtherApartThanTheQuietTimeEachRun() {
        Debouncer d = new Debouncer(new SynchronousJobExecutor(), QUIET, clock);
        d.request(job("a"));
        clock.advance(QUIET);
        d.request(job("b"));
        clock.advance(QUIET);
        assertEquals(List.of("a", "b"), ran);
        assertEquals(List.of("a", "b"), delivered);
    }

    @Test
    void zeroQuietTimeSubmitsAtOnceWithoutTheTimer() {
        Debouncer d = new Debouncer(new SynchronousJobExecutor(), Duration.ZERO, clock);
        d.request(job("a"));
        assertEquals(List.of("a"), ran);
        assertEquals(0, clock.waiting());
    }

    @Test
    void requestNowReplacesTheWaitingRequest() {
        Debouncer d = new Debouncer(new SynchronousJobExecutor(), QUIET, clock);
        d.request(job("typed"));
        d.requestNow(job("loaded"));
        assertEquals(List.of("loaded"), ran);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("loaded"), ran);
    }

    @Test
    void aSlowOlderJobNeverDeliversOverANewerOne() {
        HeldExecutor held = new HeldExecutor();
        Debouncer d = new Debouncer(held, QUIET, clock);
        d.request(job("old"));
        clock.advance(QUIET);
        d.request(job("new"));
        clock.advance(QUIET);
        assertEquals(2, held.specs.size(), "both were submitted to the executor");
        held.finish(1); // the newer job finishes first ...
        held.finish(0); // ... then the older, slower one
        assertEquals(List.of("new", "old"), ran);
        assertEquals(List.of("new"), delivered);
    }

    @Test
    void onlyTheLatestFailureIsDelivered() {
        HeldExecutor held = new HeldExecutor();
        Debouncer d = new Debouncer(held, Duration.ZERO, clock);
        List<String> failures = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            d.request(
                    JobSpec.<String>of(
                                    name,
                                    ctx -> {
                                        throw new IllegalStateException(name);
                                    })
                            .onFailure(e -> failures.add(e.getMessage())));
        }
        held.finish(0);
        held.finish(1);
        assertEquals(List.of("second"), failures);
    }

    @Test
    void cancelDropsTheWaitingRequestAndTheCallbacksOfOnesInFlight() {
        HeldExecutor held = new HeldExecutor();
        Debouncer d = new Debouncer(held, QUIET, clock);
        d.request(job("in-flight"));
        clock.advance(QUIET);
        d.request(job("waiting"));
        d.cancel();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, held.specs.size(), "the waiting request was never submitted");
        held.finish(0);
        assertEquals(List.of("in-flight"), ran);
        assertEquals(List.of(), delivered);
        d.request(job("after"));
        clock.advance(QUIET);
        held.finish(1);
        assertEquals(List.of("after"), delivered, "a cancelled debouncer takes new requests");
    }

    @Test
    void closeIgnoresLaterRequests() {
        Debouncer d = new Debouncer(new SynchronousJobExecutor(), QUIET, clock);
        d.request(job("a"));
        d.close();
        d.request(job("b"));
        d.requestNow(job("c"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), ran);
    }

    @Test
    void negativeQuietTimeIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Debouncer(new SynchronousJobExecutor(), Duration.ofMillis(-1), clock));
    }

    @Test
    void theSystemTimerFiresOnItsOwnThread() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        String[] thread = new String[1];
        Debouncer d =
                new Debouncer(
                        new SynchronousJobExecutor(),
                        Duration.ofMillis(1),
                        Debouncer.Scheduler.system());
        d.request(
                JobSpec.of("t", ctx -> Thread.currentThread().getName())
                        .onSuccess(
                                name -> {
                                    thread[0] = name;
                                    done.countDown();
                                }));
        // Waits for an event, not a fixed time: the timeout only bounds a broken timer.
        assertTrue(done.await(30, TimeUnit.SECONDS), "the system timer never fired");
        assertEquals("heirloom-timer", thread[0]);
    }

    /** Holds submitted jobs until the test finishes them, in any order. */
    private static final class HeldExecutor implements JobExecutor {
        final List<JobSpec<?>> specs = new ArrayList<>();

        @Override
        public <T> JobHandle<T> submit(JobSpec<T> spec) {
            specs.add(spec);
            return null;
        }

        void finish(int i) {
            new SynchronousJobExecutor().submit(specs.get(i));
        }
    }
}
