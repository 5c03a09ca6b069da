package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The consumer side and the closing of a strategy whose queue has its own "wake the consumer only if it waits"
 * protocol inside its blocking {@code poll} ({@code LinkedTransferQueue}, JCTools'
 * {@code MpscBlockingConsumerArrayQueue}). The {@link IdlePolicy} maps onto it as: the policy's spin phase over
 * {@code isEmpty()}; then, for the parking policies, the queue's own timed {@code poll}, whose producers' {@code offer}
 * unparks the consumer only when it is blocked there. {@code yield} and {@code spin} never enter the blocking poll,
 * so producers never unpark. ({@link TimedPollDrain}, by contrast, ignores the policy and always waits in the poll.)
 *
 * <p>Closing: {@link #close()} sets the closed flag, then offers {@link #CLOSE_SIGNAL}, an element the consumer
 * skips, so a consumer blocked in {@code poll} returns at once. If a bounded queue is full, the offer fails and is
 * not needed: only the consumer removes elements, so a queue full after the flag was set stays non-empty until the
 * consumer's next step, and the consumer blocks only on an empty queue, after reading the flag.
 *
 * <p>Threading: {@link #drain} on the one consumer thread; {@link #isClosed} and {@link #close} from any thread.
 * Requests are offered by the strategy's producers into {@link #queue()} directly.
 *
 * @param <T> the request type; the queue holds {@code Object} so that it can carry the close signal
 */
final class SpinThenQueuePollDrain<T> {

    /** Offered once by {@link #close()} to end a blocking poll; never handed to the sink. */
    static final Object CLOSE_SIGNAL = new Object();
    /** How many times {@link #waiting} counts again when the consumer took requests while it was counting. */
    private static final int COUNT_ATTEMPTS = 4;

    private final BlockingQueue<Object> queue;
    private final IdlePolicy idle;
    private final BooleanSupplier workOrClosed = this::workOrClosed;
    /** How long one wait in the queue's {@code poll} lasts; tests make it long (see {@link TimedPollDrain}). */
    private final long waitSliceNanos;
    private volatile boolean closed;
    /**
     * Requests handed to the sink so far: counted by the consumer after the {@code poll} that removed one and before
     * the sink gets it; read by {@link #waiting} from any thread.
     */
    private final SingleWriterCounter taken = new SingleWriterCounter();

    SpinThenQueuePollDrain(BlockingQueue<Object> queue, IdlePolicy idle) {
        this(queue, idle, TimedPollDrain.WAIT_SLICE_NANOS);
    }

    SpinThenQueuePollDrain(BlockingQueue<Object> queue, IdlePolicy idle, long waitSliceNanos) {
        this.queue = queue;
        this.idle = idle;
        this.waitSliceNanos = waitSliceNanos;
    }

    BlockingQueue<Object> queue() {
        return queue;
    }

    boolean isClosed() {
        return closed;
    }

    /** Implements {@link HandoffStrategy#drain}. */
    int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        boolean wasClosed = closed;
        int delivered = takeAvailable(null, sink, limit);
        if (delivered == 0 && !wasClosed) {
            delivered = takeAvailable(await(), sink, limit);
        }
        return delivered == 0 && closed ? HandoffStrategy.CLOSED : delivered;
    }

    /** The first element after the policy's wait, or null when the wait ended without one. */
    private Object await() throws InterruptedException {
        if (idle.spinUntil(workOrClosed)) {
            return null; // there is work (or a close): takeAvailable polls it
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // Only the parking policies get here. The timeout only bounds a wait that nothing ends; close ends it early.
        return queue.poll(waitSliceNanos, TimeUnit.NANOSECONDS);
    }

    /** Hands {@code first} (if a request) and then what is queued, up to {@code limit} requests, to {@code sink}. */
    @SuppressWarnings("unchecked")
    private int takeAvailable(Object first, Consumer<? super T> sink, int limit) {
        int delivered = 0;
        Object next = first != null ? first : queue.poll();
        while (next != null) {
            if (next != CLOSE_SIGNAL) {
                taken.add(1); // before the sink: see waiting()
                sink.accept((T) next);
                if (++delivered == limit) {
                    break;
                }
            }
            next = queue.poll();
        }
        return delivered;
    }

    /**
     * Any thread: the requests waiting in the queue, for a queue whose {@code size()} counts as it walks (a linked
     * queue). A request counted, then taken, answered and replaced by its client before the walk ends would be
     * counted twice, so the walk is repeated until the consumer took nothing during it; if it keeps taking, what it
     * took during the last walk is subtracted, which keeps the result at or below the requests waiting when the walk
     * ended. Counts the close signal as a request once closed.
     */
    long waiting() {
        long takenDuring = 0;
        int counted = 0;
        for (int attempt = 0; attempt < COUNT_ATTEMPTS; attempt++) {
            long takenBefore = taken.get(); // acquire: the walk below starts after this read
            counted = queue.size(); // ends on volatile reads: the read below comes after the walk
            takenDuring = taken.get() - takenBefore;
            if (takenDuring == 0) {
                return counted;
            }
        }
        return Math.max(0, counted - takenDuring);
    }

    private boolean workOrClosed() {
        return closed || !queue.isEmpty();
    }

    /** Any thread; idempotent (two racing first calls offer two signals, both skipped). */
    void close() {
        if (closed) {
            return;
        }
        closed = true; // before the offer: a consumer woken by the signal sees the flag
        queue.offer(CLOSE_SIGNAL);
    }
}
