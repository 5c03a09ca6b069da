package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MpscBlockingConsumerArrayQueue;

/**
 * JCTools' {@link MpscBlockingConsumerArrayQueue}: a bounded multi-producer array queue whose single consumer can
 * block. Its wake-up protocol is built in: a consumer about to block marks the producer index with a "blocked" bit
 * (one CAS), and only the producer whose claim clears that bit unparks it, so a producer pays for {@code unpark}
 * only when the consumer is parked, as with {@code mpsc}'s shared parker, but inside the queue.
 *
 * <p>The consumer waits per {@code --idle} through {@link SpinThenQueuePollDrain}: the policy's spin phase, then, for
 * {@code park} and {@code spin-park}, the queue's own blocking {@code poll} (the built-in parker).
 *
 * <p>The queue holds {@value #CAPACITY} requests, as many as the Disruptor's ring. A producer finding it full backs
 * off with {@code parkNanos(1)}, as the Disruptor's producers do, until a slot frees or the strategy is closed, when
 * it gives up with {@link HandoffClosedException} (the request was not accepted).
 */
public final class MpscBlockingConsumerQueueHandoff<T> implements HandoffStrategy<T> {

    static final int CAPACITY = 8192;

    private final MpscBlockingConsumerArrayQueue<Object> queue = new MpscBlockingConsumerArrayQueue<>(CAPACITY);
    private final SpinThenQueuePollDrain<T> consumer;

    public MpscBlockingConsumerQueueHandoff(IdlePolicy idle) {
        this(idle, TimedPollDrain.WAIT_SLICE_NANOS);
    }

    /** With the queue's {@code poll} waiting at most {@code waitSliceNanos}: tests make a lost wake-up hang. */
    MpscBlockingConsumerQueueHandoff(IdlePolicy idle, long waitSliceNanos) {
        this.consumer = new SpinThenQueuePollDrain<>(queue, idle, waitSliceNanos);
    }

    @Override
    public void submit(T request) {
        if (consumer.isClosed()) {
            throw new HandoffClosedException();
        }
        // offer() claims a slot with a CAS on the producer index and stores the element with release semantics;
        // the consumer's poll reads it with acquire: the producer's writes happen-before the consumer's use.
        while (!queue.offer(request)) {
            if (consumer.isClosed()) {
                throw new HandoffClosedException(); // not accepted: a full queue after close is drained, not refilled
            }
            LockSupport.parkNanos(1); // full: the consumer is draining, not parked
        }
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        return consumer.drain(sink, limit);
    }

    @Override
    public long depth() {
        return queue.size();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** {@code mpsc-blocking}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "mpsc-blocking";
        }

        @Override
        public String description() {
            return "JCTools MpscBlockingConsumerArrayQueue (8192 slots): its own blocking poll wakes the worker only"
                    + " if parked";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy idle) {
            return new MpscBlockingConsumerQueueHandoff<>(idle);
        }

        @Override
        public boolean honours(IdlePolicy idle) {
            return true;
        }
    }
}
