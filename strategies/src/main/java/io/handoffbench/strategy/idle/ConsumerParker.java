package io.handoffbench.strategy.idle;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one implementation of "the consumer waits for work; a producer wakes it only if it is actually parked", for
 * strategies whose queue has no wait of its own (today {@code mpsc}; the other built-ins wait inside their own queue
 * or ring). The consumer waits in {@link #awaitWork()} as its {@link IdlePolicy} says; producers call
 * {@link #wakeIfParked()} after every publish, which costs one volatile read unless the consumer has announced that
 * it parks.
 *
 * <p>Threading: {@link #awaitWork()} is called by the one consumer thread; {@link #wakeIfParked()} by any number of
 * producers; {@link #close()} by any thread, any number of times.
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>{@code hasWork} is a volatile read (or stronger) of the queue's state, true once a published request is
 *       visible to the consumer. A producer publishes with a volatile write or an atomic read-modify-write.</li>
 *   <li>Each side writes its own variable, then reads the other's, all volatile: the Dekker pattern. Volatile
 *       accesses are sequentially consistent in the Java memory model, so the producer's publish and the consumer's
 *       announcement cannot both be missed by the reads that follow them. Either the consumer's re-check sees the
 *       request and it does not park, or the producer sees the announcement and unparks it.</li>
 *   <li>An unpark that comes before the park is not lost: {@link LockSupport} keeps one permit, and the park then
 *       returns at once. A spurious return from park re-checks and parks again.</li>
 *   <li>{@link #close()} and an interrupt end the wait too; {@code awaitWork} never returns with neither work nor
 *       close seen, except by throwing {@link InterruptedException}.</li>
 * </ol>
 *
 * <p>The jcstress module ({@code jcstress/}) checks 2 and 4 on this class with a real queue.
 */
public final class ConsumerParker {

    private final IdlePolicy policy;
    private final BooleanSupplier hasWork;
    /** Built once, so the spin phase allocates nothing. */
    private final BooleanSupplier hasWorkOrClosed = this::hasWorkOrClosed;

    /** The consumer thread from its announcement until it has stopped waiting, else null. Consumer writes only. */
    private volatile Thread parkedConsumer;
    private volatile boolean closed;

    /**
     * @param hasWork a volatile read of the queue: true when the consumer would find something to take
     */
    public ConsumerParker(IdlePolicy policy, BooleanSupplier hasWork) {
        this.policy = policy;
        this.hasWork = hasWork;
    }

    public IdlePolicy policy() {
        return policy;
    }

    /**
     * Consumer thread only: returns once {@code hasWork} or {@link #isClosed()} is true, after the policy's spin
     * phase and, for the parking policies, a park.
     *
     * @throws InterruptedException if the consumer is interrupted while waiting (the interrupt status is cleared)
     */
    public void awaitWork() throws InterruptedException {
        if (policy.spinUntil(hasWorkOrClosed)) {
            return;
        }
        throwIfInterrupted();
        // Only the parking policies get here: spin and yield spin until done or interrupted.
        parkedConsumer = Thread.currentThread(); // (C1) volatile write: announce the park...
        try {
            while (!hasWorkOrClosed()) {          // (C2) ...then volatile reads: re-check queue and close after it
                LockSupport.park(this);
                throwIfInterrupted();
            }
        } finally {
            parkedConsumer = null; // producers stop paying for unpark; a late unpark leaves a permit, harmless
        }
    }

    /**
     * Producer side, called after the request is published (P1, a volatile write or atomic update of the queue):
     * (P2) reads the announcement and unparks the consumer only when it is set. P1 before P2 on this side, C1
     * before C2 on the consumer's: at least one side sees the other.
     */
    public void wakeIfParked() {
        Thread consumer = parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** Marks the parker closed (volatile write, like a publish) and wakes the consumer if it is parked. Idempotent. */
    public void close() {
        closed = true;
        wakeIfParked();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the consumer is between its announcement and the end of its wait: for tests and diagnostics. */
    public boolean isConsumerParked() {
        return parkedConsumer != null;
    }

    private boolean hasWorkOrClosed() {
        return closed || hasWork.getAsBoolean();
    }

    private static void throwIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
