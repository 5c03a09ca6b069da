package io.handoffbench.strategy;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * An LMAX Disruptor 4 multi-producer ring buffer. A producer claims a sequence, copies the request reference into
 * the pre-allocated slot and publishes; the consumer follows a {@link SequenceBarrier}, exactly as the Disruptor's
 * own {@code BatchEventProcessor} does, but on the worker thread the harness owns.
 *
 * <p>The consumer waits with {@link BlockingWaitStrategy}, the Disruptor's default: a lock and condition, which
 * every publish signals. It is the CPU-friendly choice when threads outnumber cores, and its per-publish signal is
 * the cost this strategy carries. The ring holds {@value #RING_SIZE} requests; a producer finding it full spins
 * (the Disruptor's {@code parkNanos(1)} loop) until the consumer frees a slot.
 */
public final class DisruptorHandoff<T> implements HandoffStrategy<T> {

    static final int RING_SIZE = 8192;

    /** A ring slot; its reference is written by one producer before publish and cleared by the consumer. */
    private static final class Slot {
        Object request;
    }

    private static final EventTranslatorOneArg<Slot, Object> COPY_IN = (slot, sequence, request) -> slot.request = request;

    private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, RING_SIZE, new BlockingWaitStrategy());
    private final SequenceBarrier barrier = ring.newBarrier();
    /** The last sequence the consumer has finished with; gates producers so they never overwrite unread slots. */
    private final Sequence consumed = new Sequence();
    private volatile boolean closed;
    /** The last sequence handed to the sink; written by the consumer, read by depth() from any thread. */
    @SuppressWarnings("unused") // accessed through TAKEN
    private long taken = -1;

    private static final VarHandle TAKEN;

    static {
        try {
            TAKEN = MethodHandles.lookup().findVarHandle(DisruptorHandoff.class, "taken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public DisruptorHandoff() {
        ring.addGatingSequences(consumed);
    }

    @Override
    public void submit(T request) {
        if (closed) {
            throw new HandoffClosedException();
        }
        ring.publishEvent(COPY_IN, request);
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        long next = consumed.get() + 1;
        long available;
        try {
            available = barrier.waitFor(next);
        } catch (AlertException closing) {
            // Closed: hand over what producers published before or while close() ran.
            available = highestPublishedFrom(next);
            if (available < next) {
                return CLOSED;
            }
        } catch (TimeoutException impossible) {
            return 0; // BlockingWaitStrategy never times out
        }
        long last = Math.min(available, next + limit - 1);
        long handedOver = next - 1;
        try {
            for (long sequence = next; sequence <= last; sequence++) {
                Slot slot = ring.get(sequence);
                @SuppressWarnings("unchecked")
                T request = (T) slot.request;
                slot.request = null; // no stale reference keeps a served request alive
                handedOver = sequence; // handed over even if the sink throws: never delivered twice
                TAKEN.setOpaque(this, sequence); // for depth(): a plain store on x86, no fence on the hot path
                sink.accept(request);
            }
        } finally {
            // Release the slots handed over to producers (a volatile store).
            consumed.set(handedOver);
        }
        return (int) (last - next + 1);
    }

    /** The last sequence of the unbroken run of published slots starting at {@code next}. */
    private long highestPublishedFrom(long next) {
        long cursor = ring.getCursor();
        long sequence = next;
        while (sequence <= cursor && ring.isAvailable(sequence)) {
            sequence++;
        }
        return sequence - 1;
    }

    @Override
    public long depth() {
        // Claimed (possibly not yet published) minus taken: what producers have put in that the worker has not
        // taken. Not the gating sequence, which moves only after a whole batch has been served.
        return Math.max(0, ring.getCursor() - (long) TAKEN.getOpaque(this));
    }

    @Override
    public void close() {
        closed = true;
        barrier.alert(); // wakes a consumer waiting in the wait strategy
    }

    /** {@code disruptor}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "disruptor";
        }

        @Override
        public String description() {
            return "LMAX Disruptor multi-producer ring (8192 slots), worker waits with BlockingWaitStrategy";
        }

        @Override
        public <T> HandoffStrategy<T> create() {
            return new DisruptorHandoff<>();
        }
    }
}
