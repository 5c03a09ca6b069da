package io.handoffbench.harness.worker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cell's admission control: bounds the backlog of requests submitted but not yet taken by the worker
 * ({@code --max-queue}), and at the end of an open-loop run tells the worker what to fail instead of serving: first
 * the warm-up's requests still queued (nobody records them), then, when the drain ends, every request.
 *
 * <p>Threading: {@link #tryAdmit} is called by client threads before {@code submit}, {@link #release} by the
 * worker thread when it takes a request, {@link #shedWarmup} and {@link #shedQueued} by the controller; all may run
 * at once. The backlog
 * is one atomic counter, incremented before the request can reach the worker and decremented when the worker takes
 * it, so it never exceeds the bound; {@link #UNLIMITED} keeps no counter and adds nothing to the hot path.
 */
public class Admission {

    /** No bound, for requests outside a cell (benchmarks, tests): every request is admitted, nothing is shed. */
    public static final Admission UNLIMITED = new Admission();

    private static final int SERVE_ALL = 0;
    private static final int SHED_WARMUP = 1;
    private static final int SHED_ALL = 2;

    private final LongAdder lateReplies = new LongAdder();
    private final LongAdder doubleCompletions = new LongAdder();
    /** Which requests the worker fails unserved; only ever raised, by the controller. */
    private volatile int shedding = SERVE_ALL;

    /** A bound of {@code maxQueue} requests waiting for the worker, or {@link #UNLIMITED} when 0. */
    public static Admission of(int maxQueue) {
        return maxQueue > 0 ? new Bounded(maxQueue) : new Admission();
    }

    /** Client thread, before {@code submit}: false means reject the request now, without submitting it. */
    public boolean tryAdmit() {
        return true;
    }

    /** Whether {@link #tryAdmit} may refuse: a {@code --max-queue} bound. */
    public boolean bounded() {
        return false;
    }

    /** Client thread: the admitted request was not submitted after all (the strategy was closed). */
    public void cancelAdmit() {
    }

    /**
     * Worker thread, on taking a request: true to serve it, false to fail it because the run has ended.
     *
     * @param measured whether the request belongs to the measurement
     */
    public boolean release(boolean measured) {
        int level = shedding;
        return level == SERVE_ALL || level == SHED_WARMUP && measured;
    }

    /**
     * Controller, when an open-loop measurement ends: from now on the worker fails the warm-up's requests instead of
     * serving them, and serves the measured ones. Not on {@link #UNLIMITED}.
     */
    public void shedWarmup() {
        raise(SHED_WARMUP);
    }

    /** Controller: from now on the worker fails every request it takes instead of serving it. Not on UNLIMITED. */
    public void shedQueued() {
        raise(SHED_ALL);
    }

    private void raise(int level) {
        if (this == UNLIMITED) {
            throw new UnsupportedOperationException("UNLIMITED is shared; make a cell's own with Admission.of");
        }
        shedding = Math.max(shedding, level); // the controller is the only writer
    }

    /** Worker thread: a measured request's reply came after its client had stopped waiting, and was discarded. */
    void lateReply() {
        lateReplies.increment();
    }

    /** Worker thread: a request already answered was answered again (warm-up or measured); discarded. */
    void doubleCompletion() {
        doubleCompletions.increment();
    }

    /** Answers to a request already answered: a broken worker, never a timeout. Any thread. */
    public long doubleCompletions() {
        return doubleCompletions.sum();
    }

    /** Replies discarded because their client had timed out. Any thread. */
    public long lateReplies() {
        return lateReplies.sum();
    }

    private static final class Bounded extends Admission {
        private final int maxQueue;
        private final AtomicLong backlog = new AtomicLong();

        Bounded(int maxQueue) {
            this.maxQueue = maxQueue;
        }

        @Override
        public boolean tryAdmit() {
            // Reserve a place first, give it back if over: the count never lets more than maxQueue through.
            if (backlog.incrementAndGet() > maxQueue) {
                backlog.decrementAndGet();
                return false;
            }
            return true;
        }

        @Override
        public boolean bounded() {
            return true;
        }

        @Override
        public void cancelAdmit() {
            backlog.decrementAndGet();
        }

        @Override
        public boolean release(boolean measured) {
            backlog.decrementAndGet();
            return super.release(measured);
        }
    }
}
