package io.handoffbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The CPU clock tells a thread that computes from one that sleeps, and divides by the requests it is given. */
class CpuClockTest {

    private static final Duration SPIN = Duration.ofMillis(200);

    /** Where the spinner's arithmetic goes, so the JIT cannot drop the loop's body. */
    private static volatile long consumed;

    @Test
    void shouldChargeASpinningThreadItsCpuAndASleepingThreadNone() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The spinner burns a known amount of CPU by its own thread clock, whatever share of a core the machine
        // gives it, then waits: the clock must charge it that amount, not a share of the wall time.
        Thread spinner = Thread.ofPlatform().start(() -> {
            try {
                go.await();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long until = threads.getCurrentThreadCpuTime() + SPIN.toNanos();
                long sink = 0;
                while (threads.getCurrentThreadCpuTime() < until) {
                    sink += System.nanoTime() % 7;
                }
                consumed = sink;
                spun.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CpuClock spinning = CpuClock.start(spinner);
        CpuClock sleeping = CpuClock.start(sleeper);
        go.countDown();
        spun.await();
        spinning.stop();
        sleeping.stop();
        release.countDown();
        spinner.join();
        sleeper.interrupt();
        sleeper.join();

        CpuClock.CpuUse spinnerUse = spinning.use(1_000);
        CpuClock.CpuUse sleeperUse = sleeping.use(1_000);
        // Per request: the thread's CPU over 1,000 requests, in microseconds; the spinner's own clock said SPIN.
        double spinnerCpuUs = spinnerUse.workerUsPerRequest() * 1_000;
        assertThat(spinnerCpuUs).as("the spinner's CPU, us").isBetween(SPIN.toNanos() / 1e3,
                SPIN.toNanos() / 1e3 * 1.5);
        assertThat(sleeperUse.workerUsPerRequest() * 1_000).as("the sleeper's CPU, us").isLessThan(10_000.0);
        assertThat(spinnerUse.processCores()).isGreaterThanOrEqualTo(spinnerUse.workerCores() * 0.95);
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
