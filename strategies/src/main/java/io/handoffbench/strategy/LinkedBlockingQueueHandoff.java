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
    private volatile boolean closed;

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
        T first = wasClosed ? queue.poll() : queue.poll(TimedPollDrain.WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS);
        if (first == null) {
            return wasClosed ? CLOSED : 0;
        }
        sink.accept(first);
        int delivered = 1 + queue.drainTo(batch, limit - 1);
        for (int i = 0; i < batch.size(); i++) {
            sink.accept(batch.get(i));
        }
        batch.clear();
        return delivered;
    }

    @Override
    public long depth() {
        return queue.size();
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
