package io.handoffbench.harness.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Waits out a warm-up or a measurement on the controlling thread, sampling a completion counter once a second, and
 * ends early when asked to, or (an automatic warm-up) once the rates so far are enough. The per-second rates are the
 * evidence {@link WarmupCheck} judges.
 */
final class RateSampler {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SLICE_MILLIS = 100;

    /**
     * The rate in each whole second, whether {@code stopEarly} cut the wait short, whether {@code enough} did, and
     * how long the wait lasted.
     */
    record Samples(List<Double> perSecond, boolean endedEarly, boolean enough, double seconds) {
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
        return sample(length, completed, stopEarly, perSecond -> false);
    }

    /** As {@link #sample(Duration, LongSupplier, BooleanSupplier)}, ending too once {@code enough} accepts the rates. */
    static Samples sample(Duration length, LongSupplier completed, BooleanSupplier stopEarly,
                          Predicate<List<Double>> enough) throws InterruptedException {
        List<Double> perSecond = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long secondStart = start;
        long completedAtSecondStart = completed.getAsLong();
        long now;
        while ((now = System.nanoTime()) < end) {
            if (stopEarly.getAsBoolean()) {
                return new Samples(perSecond, true, false, (now - start) / 1e9);
            }
            if (now - secondStart >= NANOS_PER_SECOND) {
                long count = completed.getAsLong();
                perSecond.add((count - completedAtSecondStart) * 1e9 / (now - secondStart));
                completedAtSecondStart = count;
                secondStart = now;
                if (enough.test(perSecond)) {
                    return new Samples(perSecond, false, true, (now - start) / 1e9);
                }
            }
            Thread.sleep(Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(end - now) + 1));
        }
        return new Samples(perSecond, false, false, (System.nanoTime() - start) / 1e9);
    }
}
