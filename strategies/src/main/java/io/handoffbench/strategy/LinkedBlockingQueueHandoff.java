package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
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

    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    /** Consumer thread only: the batch {@code drainTo} fills, reused so that draining allocates nothing. */
    private final ArrayList<T> batch = new ArrayList<>();
    /**
     * Requests the consumer has removed from the queue ({@code poll} and {@code drainTo}), and of those, the ones it
     * has handed to the sink: their difference is the batch still waiting, counted by {@link #depth}. Written by the
     * consumer only, after the removal and before the hand-over; read by any thread.
     */
    private final SingleWriterCounter removed = new SingleWriterCounter();
    private final SingleWriterCounter taken = new SingleWriterCounter();
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
        removed.add(1);
        taken.add(1);
        sink.accept(first);
        int moved = queue.drainTo(batch, limit - 1);
        removed.add(moved);
        for (int i = 0; i < moved; i++) {
            taken.add(1); // before the sink, which may answer and let the client resubmit
            sink.accept(batch.get(i));
        }
        batch.clear();
        return 1 + moved;
    }

    /**
     * Queued requests, and those the consumer has removed but not yet taken. Read as removed, then the queue's size,
     * then taken: a request answered and replaced by its client between the reads is then subtracted once for each
     * time it is counted, so the result never exceeds the requests accepted and not yet taken at the last read (a
     * closed loop's clients, at most). One read at a time would count such a request twice.
     */
    @Override
    public long depth() {
        long removedBefore = removed.get(); // acquire: the size below is read after it
        int queued = queue.size(); // a volatile read: the taken count below is read after it
        long takenAfter = taken.get();
        return Math.max(0, removedBefore + queued - takenAfter);
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
