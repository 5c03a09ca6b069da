package io.handoffbench.harness.worker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cell's admission control: bounds the backlog of requests submitted but not yet taken by the worker
 * ({@code --max-queue}), and at the end of an open-loop run tells the worker to fail what is still queued instead
 * of serving it.
 *
 * <p>Threading: {@link #tryAdmit} is called by client threads before {@code submit}, {@link #release} by the
 * worker thread when it takes a request, {@link #shedQueued} by the controller; all may run at once. The backlog
 * is one atomic counter, incremented before the request can reach the worker and decremented when the worker takes
 * it, so it never exceeds the bound; {@link #UNLIMITED} keeps no counter and adds nothing to the hot path.
 */
public class Admission {

    /** No bound, for requests outside a cell (benchmarks, tests): every request is admitted, nothing is shed. */
    public static final Admission UNLIMITED = new Admission();

    private final LongAdder lateReplies = new LongAdder();
    private final LongAdder doubleCompletions = new LongAdder();
    private volatile boolean shedding;

    /** A bound of {@code maxQueue} requests waiting for the worker, or {@link #UNLIMITED} when 0. */
    public static Admission of(int maxQueue) {
        return maxQueue > 0 ? new Bounded(maxQueue) : new Admission();
    }

    /** Client thread, before {@code submit}: false means reject the request now, without submitting it. */
    public boolean tryAdmit() {
        return true;
    }

    /** Client thread: the admitted request was not submitted after all (the strategy was closed). */
    public void cancelAdmit() {
    }

    /** Worker thread, on taking a request: true to serve it, false to fail it because the run has ended. */
    public boolean release() {
        return !shedding;
    }

    /** Controller: from now on the worker fails queued requests instead of serving them. Not on {@link #UNLIMITED}. */
    public void shedQueued() {
        if (this == UNLIMITED) {
            throw new UnsupportedOperationException("UNLIMITED is shared; make a cell's own with Admission.of");
        }
        shedding = true;
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
        public void cancelAdmit() {
            backlog.decrementAndGet();
        }

        @Override
        public boolean release() {
            backlog.decrementAndGet();
            return super.release();
        }
    }
}
