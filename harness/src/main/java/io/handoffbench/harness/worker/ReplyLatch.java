package io.handoffbench.harness.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the replies one pipelined client still waits for; the worker that settles the last one wakes the client,
 * so a batch of K requests costs the worker one unpark, not K.
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>One client thread owns the latch: it calls {@link #expect} before submitting a batch and {@link #await}
 *       after, and nothing else. Workers call {@link #arrived} once per request of the batch, after the request's
 *       reply fields are written.</li>
 *   <li>{@link #arrived} is a volatile read-modify-write: every reply written before it is visible to the client
 *       once its acquire read in {@link #await} sees the count reach 0 (all arrivals come from the worker thread,
 *       or from generations ordered by join/start, so they form one happens-before chain).</li>
 *   <li>No lost wake-up: the client re-reads the count before every park, and {@link LockSupport#unpark} given
 *       before the park leaves a permit that makes the park return at once.</li>
 * </ol>
 */
public final class ReplyLatch {

    private static final VarHandle OUTSTANDING;

    static {
        try {
            OUTSTANDING = MethodHandles.lookup().findVarHandle(ReplyLatch.class, "outstanding", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread client;
    @SuppressWarnings("unused") // through OUTSTANDING
    private int outstanding;

    /** @param client the only thread that will wait on this latch */
    public ReplyLatch(Thread client) {
        this.client = client;
    }

    /** Client thread, before submitting: {@code replies} requests are about to be sent. */
    public void expect(int replies) {
        OUTSTANDING.setRelease(this, replies);
    }

    /** Client thread: one request of the batch was not sent after all (refused or withdrawn). */
    public void cancelOne() {
        OUTSTANDING.getAndAdd(this, -1);
    }

    /** Worker thread: one reply of the batch is written; the last one wakes the client. */
    void arrived() {
        if ((int) OUTSTANDING.getAndAdd(this, -1) == 1) {
            LockSupport.unpark(client);
        }
    }

    /**
     * Client thread: parks until every reply of the batch has arrived; false if the thread was interrupted first
     * (the runner gave up on the client), with the interrupt status kept.
     */
    public boolean await() {
        while ((int) OUTSTANDING.getAcquire(this) != 0) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                return (int) OUTSTANDING.getAcquire(this) == 0;
            }
        }
        return true;
    }

    /**
     * Client thread: parks until every reply of the batch has arrived or {@code timeoutNanos} have passed; true if
     * they all arrived. After {@code false} requests of the batch may still be in flight: do not reuse them.
     */
    public boolean await(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while ((int) OUTSTANDING.getAcquire(this) != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    /** Replies still outstanding; any thread, for diagnostics. */
    public int outstanding() {
        return (int) OUTSTANDING.getOpaque(this);
    }
}
