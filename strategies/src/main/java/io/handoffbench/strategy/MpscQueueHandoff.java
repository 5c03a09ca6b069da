package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.ConsumerParker;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A JCTools {@link MpscUnboundedXaddArrayQueue}; the consumer waits as its {@link IdlePolicy} says, through the
 * shared {@link ConsumerParker}, and producers unpark it only when it is parked.
 *
 * <p>Why this queue: a producer claims its slot with one atomic add on the producer index, where CAS-based queues
 * ({@code MpscUnboundedArrayQueue}, {@code ConcurrentLinkedQueue}) retry under contention; with hundreds of
 * clients that retry loop is the hot spot. It is unbounded, like the queue SpacetimeDB adopted, and it recycles its
 * array chunks, so a steady stream allocates nothing (a {@code LinkedBlockingQueue} allocates a node per request).
 *
 * <p>Why this wait: waking a parked platform thread costs tens of microseconds on a small virtual machine, far more
 * than a short JS call, so a producer pays for {@code unpark} only when it sees the consumer parked; otherwise
 * {@code submit} is one atomic add, a store and a volatile read.
 */
public final class MpscQueueHandoff<T> implements HandoffStrategy<T> {

    /** Array chunk length; chunks are pooled and reused. */
    private static final int CHUNK_SIZE = 1024;

    private final MpscUnboundedXaddArrayQueue<T> queue = new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE);
    /**
     * {@code isEmpty()} reads both indices with volatile loads: the consumer's re-check after announcing a park.
     * It turns false as soon as a producer has claimed a slot, possibly before the element is stored; the consumer
     * then finds nothing to take for a moment and returns 0, which the contract allows.
     */
    private final ConsumerParker parker;

    /** Consumer thread only: the last sink and its JCTools adapter, so a drain allocates nothing. */
    private Consumer<? super T> lastSink;
    private MessagePassingQueue.Consumer<T> lastAdapter;

    /** With {@link IdlePolicy#DEFAULT}. */
    public MpscQueueHandoff() {
        this(IdlePolicy.DEFAULT);
    }

    public MpscQueueHandoff(IdlePolicy idle) {
        this.parker = new ConsumerParker(idle, () -> !queue.isEmpty());
    }

    @Override
    public void submit(T request) {
        if (parker.isClosed()) {
            throw new HandoffClosedException();
        }
        // Publish: offer() claims the slot with a volatile getAndAdd on the producer index (the P1 of
        // ConsumerParker), so the parker's volatile read of the consumer's announcement cannot move before it.
        queue.offer(request);
        parker.wakeIfParked();
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        // Single consumer: drain() uses relaxedPoll, correct for one consumer thread only.
        MessagePassingQueue.Consumer<T> adapter = adapt(sink);
        int delivered = queue.drain(adapter, limit);
        if (delivered > 0) {
            return delivered;
        }
        if (!parker.isClosed()) {
            parker.awaitWork();
            delivered = queue.drain(adapter, limit);
        }
        return delivered == 0 && parker.isClosed() && queue.isEmpty() ? CLOSED : delivered;
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
        parker.close();
    }

    /** {@code mpsc}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "mpsc";
        }

        @Override
        public String description() {
            return "JCTools MpscUnboundedXaddArrayQueue: lock-free, worker waits per --idle, woken only if parked";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy idle) {
            return new MpscQueueHandoff<>(idle);
        }

        @Override
        public boolean honours(IdlePolicy idle) {
            return true;
        }
    }
}
