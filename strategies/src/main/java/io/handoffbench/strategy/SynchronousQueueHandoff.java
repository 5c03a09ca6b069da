package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A rendezvous: every handoff is a synchronous meeting of one producer and the consumer in a
 * {@link SynchronousQueue}. The producer blocks in {@code put} until the consumer takes its request, so each request
 * pays for a wake-up on the worker's critical path. A rendezvous is the design SpacetimeDB replaced with an unbounded
 * queue in its JS worker (PR #4704); it is here as the baseline to beat.
 *
 * <p>Two modes, two ids. {@code rendezvous} models the JDK's {@code new SynchronousQueue<>()}, the non-fair mode: a
 * LIFO stack of waiting producers, the newest met first. {@code rendezvous-fifo} models
 * {@code new SynchronousQueue<>(true)}, the fair mode: a FIFO queue of waiting producers, the oldest met first.
 * SpacetimeDB's own channel was flume's {@code bounded(0)}, also FIFO; {@link LockedFifoRendezvousHandoff}
 * ({@code rendezvous-flume}) models its shape.
 *
 * <p>The consumer waits in the queue's own timed {@code poll}; the timeout only bounds how long a close goes
 * unnoticed. After it has one request it also takes, without waiting, producers already blocked in {@code put}.
 *
 * <p>Ignores {@code --idle}: the wait inside {@code SynchronousQueue} (a short spin, then a park that the matching
 * producer ends) is the design this baseline stands for, and a rendezvous has no queue a spinning consumer could
 * watch: {@code isEmpty()} is always true.
 */
public final class SynchronousQueueHandoff<T> implements HandoffStrategy<T> {

    private final SynchronousQueue<T> queue;
    private final long waitSliceNanos;
    private volatile boolean closed;
    /**
     * The rendezvous's backlog, from three counts that only grow: producers that entered {@code put}
     * ({@code arrived}, striped so that counting adds no shared hot spot), producers whose {@code put} failed
     * ({@code withdrawn}, a close or an interrupt), and requests the consumer took ({@code taken}, written by the
     * consumer only, before the sink sees the request). {@link #depth} subtracts the later two,
     * read after the first, so that it never exceeds the producers still waiting.
     */
    private final LongAdder arrived = new LongAdder();
    private final LongAdder withdrawn = new LongAdder();
    private final SingleWriterCounter taken = new SingleWriterCounter();
    // Consumer thread only (one consumer at a time, handed on by the HandoffStrategy contract's happens-before):
    // the sink last given to drain, and it wrapped to count each taken request first. Cached: no allocation per drain.
    private Consumer<? super T> lastSink;
    private Consumer<T> countingSink;

    /** Non-fair (the JDK default): a LIFO stack of waiting producers, the faster mode. {@code rendezvous}. */
    public SynchronousQueueHandoff() {
        this(false);
    }

    /**
     * @param fair true for a FIFO queue of waiting producers ({@code rendezvous-fifo}), false for the JDK default,
     *             a LIFO stack ({@code rendezvous})
     */
    public SynchronousQueueHandoff(boolean fair) {
        this(fair, TimedPollDrain.WAIT_SLICE_NANOS);
    }

    /** With the consumer's {@code poll} waiting at most {@code waitSliceNanos}: tests make a lost wake-up hang. */
    SynchronousQueueHandoff(boolean fair, long waitSliceNanos) {
        this.queue = new SynchronousQueue<>(fair);
        this.waitSliceNanos = waitSliceNanos;
    }

    @Override
    public void submit(T request) throws InterruptedException {
        if (closed) {
            throw new HandoffClosedException();
        }
        // A producer that passed the check just before close() is met by the consumer, which keeps
        // draining after close until every producer has returned (see HandoffStrategy).
        arrived.increment();
        try {
            queue.put(request);
        } catch (InterruptedException | RuntimeException notHandedOver) {
            withdrawn.increment(); // put failed: the request was not transferred, nobody took it
            throw notHandedOver;
        }
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        if (sink != lastSink) {
            lastSink = sink;
            countingSink = request -> {
                taken.add(1); // before the sink, which may admit the next request
                sink.accept(request);
            };
        }
        // Taking more without waiting meets producers already blocked in put, one rendezvous each.
        return TimedPollDrain.drain(queue, closed, countingSink, limit, waitSliceNanos);
    }

    @Override
    public long depth() {
        // Each sum reads its cells one by one, so it is at most the count at its end; the counts subtracted are read
        // after it and are at least that large then: the result is at most the backlog at the end of the first sum.
        long arrivedSoFar = arrived.sum();
        long withdrawnSoFar = withdrawn.sum();
        return Math.max(0, arrivedSoFar - withdrawnSoFar - taken.get());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** {@code rendezvous}: the JDK's non-fair {@code SynchronousQueue}, a LIFO stack of waiting producers. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "rendezvous";
        }

        @Override
        public String description() {
            return "SynchronousQueue: each client blocks until the worker takes its request (ignores --idle)";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy ignored) {
            return new SynchronousQueueHandoff<>();
        }
    }

    /** {@code rendezvous-fifo}: the JDK's fair {@code SynchronousQueue(true)}, a FIFO queue of waiting producers. */
    public static final class FairFactory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "rendezvous-fifo";
        }

        @Override
        public String description() {
            return "SynchronousQueue(true), fair: as rendezvous, but the oldest waiting client is met first"
                    + " (ignores --idle)";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy ignored) {
            return new SynchronousQueueHandoff<>(true);
        }
    }
}
