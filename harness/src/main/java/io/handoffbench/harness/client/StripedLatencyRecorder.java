package io.handoffbench.harness.client;

import io.handoffbench.harness.metrics.IntervalRecorder;
import org.HdrHistogram.Histogram;

/**
 * A cell's latency histograms, shared by all its clients over a fixed number of stripes, so that the memory and the
 * per-second cost of recording stay the same at 64 clients and at 100,000: every latency is still recorded, none is
 * sampled.
 *
 * <p>Client {@code id} records into stripe {@code id % stripes()}; there are {@code min(clients, }{@value
 * #MAX_STRIPES}{@code )} stripes. Writers collide on a stripe only while two of them record at the same moment,
 * which takes as many running client threads as there are cores; {@value #MAX_STRIPES} stripes keep that rare up to
 * dozens of cores, while the stripes' histograms stay a fixed amount of memory and the once-a-second interval
 * copies no more histograms than the default 64 clients' did before.
 *
 * <p>Each stripe holds plain HdrHistograms behind its own monitor rather than HdrHistogram's multi-writer
 * {@code Recorder}s: a {@code Recorder} per series costs several atomic read-modify-writes per value, five series
 * per answered request, where the monitor costs one acquire and one release per request. Since JDK 24 a virtual
 * thread waiting for a monitor unmounts instead of pinning its carrier.
 *
 * <p>Threading and memory ordering:
 * <ol>
 * <li>Writers: any client thread, any number per stripe, each recording an answered request's values under the
 * stripe's monitor, all of them or none.</li>
 * <li>The interval reader ({@link #addIntervalTo}; one thread at a time, the sampler): per stripe, it swaps the
 * active end-to-end histogram for the spare under the monitor. The monitor's acquire shows it every value recorded
 * before the swap; its release publishes the reset spare to the next writer. It then adds the swapped-out histogram
 * into the interval and resets it outside the monitor, where no writer can reach it until the next swap.</li>
 * <li>The whole-run series ({@link #queueWait} ...) are read only after every client thread has been joined; the
 * join orders every recording before the read.</li>
 * </ol>
 */
public final class StripedLatencyRecorder implements IntervalRecorder {

    /** The most stripes a cell has, whatever its clients. */
    public static final int MAX_STRIPES = 64;
    /** {@link Stripe#answered}'s {@code uncorrected} in a closed loop: there is no schedule to be late against. */
    static final long NOT_OPEN_LOOP = -1;
    private static final int DIGITS = 3;
    // Two significant digits: means and percentiles of a breakdown, a seventh of the memory of three.
    private static final int STAGE_DIGITS = 2;

    private final Stripe[] stripes;

    /** Stripes for {@code clients} clients: one each up to {@value #MAX_STRIPES}, shared beyond. */
    public StripedLatencyRecorder(int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        }
        stripes = new Stripe[Math.min(clients, MAX_STRIPES)];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** The stripe client {@code clientId} records into. */
    Stripe stripeFor(int clientId) {
        return stripes[clientId % stripes.length];
    }

    public int stripes() {
        return stripes.length;
    }

    /** The end-to-end latencies recorded since the previous call, every stripe's. One reader thread at a time. */
    @Override
    public void addIntervalTo(Histogram into) {
        for (Stripe stripe : stripes) {
            stripe.addIntervalTo(into);
        }
    }

    /** Open loop only: latency from the actual send time, blind to coordinated omission. After the join. */
    public Histogram uncorrected() {
        return sum(Series.UNCORRECTED);
    }

    /** Open loop only: lower bounds of the latencies of measured requests never answered. After the join. */
    public Histogram censored() {
        return sum(Series.CENSORED);
    }

    /** Submitted to taken by the worker. After the join. */
    public Histogram queueWait() {
        return sum(Series.QUEUE_WAIT);
    }

    /** Taken to answered: the reducer. After the join. */
    public Histogram service() {
        return sum(Series.SERVICE);
    }

    /** Answered to the client's thread running again. After the join. */
    public Histogram reply() {
        return sum(Series.REPLY);
    }

    /** Pipelined clients' measured batches, first send to last reply. After the join. */
    public Histogram batch() {
        return sum(Series.BATCH);
    }

    private Histogram sum(Series series) {
        Histogram total = new Histogram(DIGITS);
        for (Stripe stripe : stripes) {
            total.add(stripe.wholeRun[series.ordinal()]);
        }
        return total;
    }

    /** The series recorded once for the whole run, read after the join. */
    private enum Series {
        UNCORRECTED(DIGITS), CENSORED(DIGITS), QUEUE_WAIT(STAGE_DIGITS), SERVICE(STAGE_DIGITS), REPLY(STAGE_DIGITS),
        BATCH(DIGITS);

        private final int digits;

        Series(int digits) {
            this.digits = digits;
        }
    }

    /** The histograms a share of the clients record into; every recording under this object's monitor. */
    static final class Stripe {
        /** Written by clients under the monitor; swapped by the interval reader under the monitor. */
        private Histogram endToEnd = new Histogram(DIGITS);
        /** Read and reset by the interval reader; no writer sees it until it is swapped in. */
        private Histogram spare = new Histogram(DIGITS);
        private final Histogram[] wholeRun = new Histogram[Series.values().length];

        private Stripe() {
            for (Series series : Series.values()) {
                wholeRun[series.ordinal()] = new Histogram(series.digits);
            }
        }

        /**
         * One answered request's latencies, in nanoseconds, all non-negative.
         *
         * @param uncorrected from the actual send; {@link #NOT_OPEN_LOOP} in a closed loop, not recorded
         */
        synchronized void answered(long endToEndNanos, long uncorrected, long queueWait, long service, long reply) {
            endToEnd.recordValue(endToEndNanos);
            if (uncorrected != NOT_OPEN_LOOP) {
                wholeRun[Series.UNCORRECTED.ordinal()].recordValue(uncorrected);
            }
            wholeRun[Series.QUEUE_WAIT.ordinal()].recordValue(queueWait);
            wholeRun[Series.SERVICE.ordinal()].recordValue(service);
            wholeRun[Series.REPLY.ordinal()].recordValue(reply);
        }

        /** An open loop's measured request never answered: the lower bound of its latency, in nanoseconds. */
        synchronized void censored(long lowerBoundNanos) {
            wholeRun[Series.CENSORED.ordinal()].recordValue(lowerBoundNanos);
        }

        /** A pipelined client's measured batch, first send to last reply. */
        synchronized void batch(long nanos) {
            wholeRun[Series.BATCH.ordinal()].recordValue(nanos);
        }

        private void addIntervalTo(Histogram into) {
            Histogram finished;
            synchronized (this) {
                finished = endToEnd;
                endToEnd = spare;
            }
            into.add(finished);
            finished.reset();
            synchronized (this) { // a later reader may be another thread: hand the spare over through the monitor
                spare = finished;
            }
        }
    }
}
