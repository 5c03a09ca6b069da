package io.handoffbench.strategy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The consumer side of a strategy built on a JDK {@link BlockingQueue}: wait in the queue's own timed {@code poll},
 * then take what else is there with plain {@code poll}s, without waiting. Ignores the {@code --idle} policy (compare
 * {@code SpinThenQueuePollDrain}, which spins per the policy first) and keeps no state: the caller owns the closed
 * flag. For strategies whose queue is the whole mechanism (the rendezvous, or one added from another jar); consumer
 * thread only.
 */
public final class TimedPollDrain {

    /** How long one wait lasts before the caller looks at its closed flag again. */
    public static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private TimedPollDrain() {
    }

    /**
     * Implements {@link HandoffStrategy#drain} for {@code queue}. {@code closed} is the strategy's closed flag as
     * read once by the caller before this call: when closed, nothing waits and an empty queue gives
     * {@link HandoffStrategy#CLOSED}.
     */
    public static <T> int drain(BlockingQueue<T> queue, boolean closed, Consumer<? super T> sink, int limit)
            throws InterruptedException {
        return drain(queue, closed, sink, limit, WAIT_SLICE_NANOS);
    }

    /**
     * As {@link #drain(BlockingQueue, boolean, Consumer, int)}, waiting at most {@code waitSliceNanos}: tests make the
     * wait so long that only a wake-up can end it, so that a lost wake-up hangs instead of hiding behind the timeout.
     */
    static <T> int drain(BlockingQueue<T> queue, boolean closed, Consumer<? super T> sink, int limit,
                         long waitSliceNanos) throws InterruptedException {
        T first = closed ? queue.poll() : queue.poll(waitSliceNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return closed ? HandoffStrategy.CLOSED : 0;
        }
        sink.accept(first);
        int delivered = 1;
        T next;
        while (delivered < limit && (next = queue.poll()) != null) {
            sink.accept(next);
            delivered++;
        }
        return delivered;
    }
}
