package io.handoffbench.strategy;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A JCTools {@link MpscUnboundedXaddArrayQueue}; the consumer spins briefly, then parks, and producers unpark it
 * only when it is parked.
 *
 * <p>Why this queue: a producer claims its slot with one atomic add on the producer index, where CAS-based queues
 * ({@code MpscUnboundedArrayQueue}, {@code ConcurrentLinkedQueue}) retry under contention; with hundreds of
 * clients that retry loop is the hot spot. It is unbounded, like the queue SpacetimeDB adopted, and it recycles its
 * array chunks, so a steady stream allocates nothing (a {@code LinkedBlockingQueue} allocates a node per request).
 *
 * <p>Why this wait: waking a parked platform thread costs tens of microseconds on a small virtual machine, far more
 * than a short JS call, so the consumer first spins for a few microseconds in case more work arrives, then parks.
 * A producer pays for {@code unpark} only when it sees the consumer parked; otherwise {@code submit} is one atomic
 * add and a store.
 */
public final class MpscQueueHandoff<T> implements HandoffStrategy<T> {

    /** Array chunk length; chunks are pooled and reused. */
    private static final int CHUNK_SIZE = 1024;
    /** How long the consumer spins on an empty queue before it parks. */
    private static final long SPIN_NANOS = 10_000;

    private final MpscUnboundedXaddArrayQueue<T> queue = new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE);
    /** The consumer thread while it is parked or about to park, else null. Written by the consumer only. */
    private volatile Thread parkedConsumer;
    private volatile boolean closed;

    /** Consumer thread only: the last sink and its JCTools adapter, so a drain allocates nothing. */
    private Consumer<? super T> lastSink;
    private MessagePassingQueue.Consumer<T> lastAdapter;

    @Override
    public void submit(T request) {
        if (closed) {
            throw new HandoffClosedException();
        }
        // offer() claims the slot with a volatile getAndAdd on the producer index, so the volatile read of
        // parkedConsumer below cannot be reordered before it. Paired with the consumer's write of parkedConsumer
        // then volatile read of the producer index (isEmpty), at least one side sees the other: either the
        // consumer sees this request and does not park, or this producer sees the consumer and unparks it.
        queue.offer(request);
        Thread consumer = parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        // Single consumer: drain() uses relaxedPoll, correct for one consumer thread only.
        MessagePassingQueue.Consumer<T> adapter = adapt(sink);
        int delivered = queue.drain(adapter, limit);
        if (delivered > 0) {
            return delivered;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        do {
            Thread.onSpinWait();
            delivered = queue.drain(adapter, limit);
            if (delivered > 0) {
                return delivered;
            }
        } while (System.nanoTime() < spinUntil);

        if (closed) {
            return queue.isEmpty() ? CLOSED : 0;
        }
        parkedConsumer = Thread.currentThread();
        try {
            // The volatile write above comes before these volatile reads (producer index, closed flag); see submit().
            if (queue.isEmpty() && !closed) {
                LockSupport.park(this);
            }
        } finally {
            parkedConsumer = null;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return queue.drain(adapter, limit);
    }

    private MessagePassingQueue.Consumer<T> adapt(Consumer<? super T> sink) {
        if (sink != lastSink) {
            lastSink = sink;
            lastAdapter = sink::accept;
        }
        return lastAdapter;
    }

    @Override
    public long depth() {
        return queue.size(); // from the producer and consumer indices; exact only when both are quiet
    }

    @Override
    public void close() {
        closed = true;
        // Same pairing as submit(): the closed write comes before this read, the consumer's write before its read.
        Thread consumer = parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** {@code mpsc}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "mpsc";
        }

        @Override
        public String description() {
            return "JCTools MpscUnboundedXaddArrayQueue: lock-free, worker spins 10 us then parks, woken only if parked";
        }

        @Override
        public <T> HandoffStrategy<T> create() {
            return new MpscQueueHandoff<>();
        }
    }
}
