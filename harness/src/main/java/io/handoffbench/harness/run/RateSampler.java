package io.handoffbench.harness.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits out a warm-up or a measurement on the controlling thread, sampling a completion counter once a second, and
 * ends early when asked to. The per-second rates are the evidence {@link WarmupCheck} judges.
 */
final class RateSampler {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SLICE_MILLIS = 100;

    /** The rate in each whole second, and whether {@code stopEarly} cut the wait short. */
    record Samples(List<Double> perSecond, boolean endedEarly) {
    }

    private RateSampler() {
    }

    /**
     * @param completed read once a second; any thread may advance it (callers publish it with opaque or volatile
     *                  stores)
     * @param stopEarly polled every {@value #SLICE_MILLIS} ms
     */
    static Samples sample(Duration length, LongSupplier completed, BooleanSupplier stopEarly)
            throws InterruptedException {
        List<Double> perSecond = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long secondStart = start;
        long completedAtSecondStart = completed.getAsLong();
        long now;
        while ((now = System.nanoTime()) < end) {
            if (stopEarly.getAsBoolean()) {
                return new Samples(perSecond, true);
            }
            if (now - secondStart >= NANOS_PER_SECOND) {
                long count = completed.getAsLong();
                perSecond.add((count - completedAtSecondStart) * 1e9 / (now - secondStart));
                completedAtSecondStart = count;
                secondStart = now;
            }
            Thread.sleep(Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(end - now) + 1));
        }
        return new Samples(perSecond, false);
    }
}
