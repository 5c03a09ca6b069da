package io.handoffbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The CPU clock tells a thread that computes from one that sleeps, and divides by the requests it is given. */
class CpuClockTest {

    /** Where the spinner's arithmetic goes, so the JIT cannot drop the loop's body. */
    private static volatile long consumed;

    @Test
    void shouldChargeASpinningThreadItsCpuAndASleepingThreadNone() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread spinner = Thread.ofPlatform().start(() -> {
            started.countDown();
            long sink = 0;
            while (!stop.get()) {
                sink += System.nanoTime() % 7;
            }
            consumed = sink;
        });
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();

        CpuClock spinning = CpuClock.start(spinner);
        CpuClock sleeping = CpuClock.start(sleeper);
        TimeUnit.MILLISECONDS.sleep(500);
        spinning.stop();
        sleeping.stop();
        stop.set(true);
        spinner.join();
        sleeper.interrupt();
        sleeper.join();

        CpuClock.CpuUse spun = spinning.use(1_000);
        CpuClock.CpuUse slept = sleeping.use(1_000);
        // A spinning thread holds a core for most of the interval even on a shared 2-core machine; a sleeping one
        // for none of it. The process spent at least what the spinner did.
        assertThat(spun.workerCores()).isBetween(0.3, 1.05);
        assertThat(slept.workerCores()).isLessThan(0.05);
        assertThat(spun.processCores()).isGreaterThanOrEqualTo(spun.workerCores() * 0.95);
        // Per request: the thread's CPU over 1,000 requests, in microseconds.
        assertThat(spun.workerUsPerRequest()).isCloseTo(spun.workerCores() * 500_000 / 1_000,
                org.assertj.core.data.Percentage.withPercentage(10));
    }

    @Test
    void shouldGiveNoThreadShareForAThreadThatEndedAndNoPerRequestFigureForNoRequests() throws Exception {
        Thread ended = Thread.ofPlatform().start(() -> { });
        ended.join();

        CpuClock clock = CpuClock.start(ended);
        clock.stop();

        assertThat(clock.use(100).workerUsPerRequest()).isNaN();
        assertThat(clock.use(0).processUsPerRequest()).isNaN();
        assertThat(clock.use(100).processUsPerRequest()).isNotNaN();
    }
}
