package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.LinkedTransferQueue;
import java.util.function.Consumer;

/**
 * The JDK's {@link LinkedTransferQueue}: unbounded, lock-free, one node per request, with the JDK's own "wake the
 * consumer only if it waits": a consumer blocked in {@code poll} leaves a request node in the queue, and the
 * producer's {@code offer} that matches it hands the element over and unparks it; otherwise {@code offer} is one
 * CAS that appends.
 *
 * <p>Producers use {@code offer}, not {@code tryTransfer} or {@code transfer}: {@code offer} already hands the
 * request straight to a waiting consumer when there is one (what {@code tryTransfer} would do) and appends
 * otherwise, in one pass; {@code transfer} would block the client until the worker takes the request, a
 * rendezvous, which {@code rendezvous} already measures.
 *
 * <p>The consumer waits per {@code --idle} through {@link SpinThenQueuePollDrain}: the policy's spin phase, then, for
 * {@code park} and {@code spin-park}, the queue's own timed {@code poll} (which itself spins a little on a
 * multi-core machine before parking).
 */
public final class LinkedTransferQueueHandoff<T> implements HandoffStrategy<T> {

    private final LinkedTransferQueue<Object> queue = new LinkedTransferQueue<>();
    private final SpinThenQueuePollDrain<T> consumer;

    public LinkedTransferQueueHandoff(IdlePolicy idle) {
        this(idle, TimedPollDrain.WAIT_SLICE_NANOS);
    }

    /** With the queue's {@code poll} waiting at most {@code waitSliceNanos}: tests make a lost wake-up hang. */
    LinkedTransferQueueHandoff(IdlePolicy idle, long waitSliceNanos) {
        this.consumer = new SpinThenQueuePollDrain<>(queue, idle, waitSliceNanos);
    }

    @Override
    public void submit(T request) {
        if (consumer.isClosed()) {
            throw new HandoffClosedException();
        }
        queue.offer(request); // a volatile CAS: happens-before the consumer's poll that returns it
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        return consumer.drain(sink, limit);
    }

    @Override
    public long depth() {
        return consumer.waiting(); // a walk of the queue: O(n), fine once a second
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** {@code ltq}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "ltq";
        }

        @Override
        public String description() {
            return "JDK LinkedTransferQueue: lock-free, one node per request, offer wakes the worker only if it waits"
                    + " in its poll";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy idle) {
            return new LinkedTransferQueueHandoff<>(idle);
        }

        @Override
        public boolean honours(IdlePolicy idle) {
            return true;
        }
    }
}
