package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An unbounded {@link LinkedBlockingQueue}: a producer enqueues under the put lock and returns at once, signalling
 * the consumer's condition only when the queue was empty. Allocates one node per request. The consumer waits in
 * the queue's own timed {@code poll}, then takes what else is queued in one {@code drainTo}, under one lock.
 *
 * <p>Ignores {@code --idle}, on purpose: this is the JDK's blocking queue used as the JDK intends, lock, condition
 * and "signal only on empty to non-empty" included, and that is what it is here to measure. Putting the shared
 * {@link io.handoffbench.strategy.idle.ConsumerParker} behind it would measure a two-lock queue under our wait, a
 * hybrid nobody would build: a lock-free queue under our wait is {@code mpsc}, the JDK's lock-free queue with its own
 * wait is {@code ltq}.
 */
public final class LinkedBlockingQueueHandoff<T> implements HandoffStrategy<T> {

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(LinkedBlockingQueueHandoff.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    /** Consumer thread only: the batch {@code drainTo} fills, reused so that draining allocates nothing. */
    private final ArrayList<T> batch = new ArrayList<>();
    /**
     * Requests {@code drainTo} moved into {@link #batch} that the sink has not yet taken: still waiting, so counted by
     * {@link #depth}. Written by the consumer only, read by any thread; opaque both ways, since a depth is a sample,
     * not a synchronisation point.
     */
    @SuppressWarnings("unused") // through PENDING
    private int pending;
    private final long waitSliceNanos;
    private volatile boolean closed;

    public LinkedBlockingQueueHandoff() {
        this(TimedPollDrain.WAIT_SLICE_NANOS);
    }

    /** With the consumer's {@code poll} waiting at most {@code waitSliceNanos}: tests make a lost wake-up hang. */
    LinkedBlockingQueueHandoff(long waitSliceNanos) {
        this.waitSliceNanos = waitSliceNanos;
    }

    @Override
    public void submit(T request) {
        if (closed) {
            throw new HandoffClosedException();
        }
        queue.add(request);
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        boolean wasClosed = closed;
        T first = wasClosed ? queue.poll() : queue.poll(waitSliceNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return wasClosed ? CLOSED : 0;
        }
        sink.accept(first);
        int moved = queue.drainTo(batch, limit - 1);
        // A depth read between drainTo and this store misses the batch for that moment: a sample, not a bound.
        PENDING.setOpaque(this, moved);
        for (int i = 0; i < moved; i++) {
            PENDING.setOpaque(this, moved - 1 - i); // taken as the sink gets it, like the queue's own poll
            sink.accept(batch.get(i));
        }
        batch.clear();
        return 1 + moved;
    }

    /** Queued requests, and those already moved into the consumer's batch that it has not yet taken. */
    @Override
    public long depth() {
        return queue.size() + (int) PENDING.getOpaque(this);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** {@code linked}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "linked";
        }

        @Override
        public String description() {
            return "unbounded LinkedBlockingQueue: two locks, one node per request, worker waits on a condition (ignores --idle)";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy ignored) {
            return new LinkedBlockingQueueHandoff<>();
        }
    }
}
