package io.handoffbench.strategy;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An LMAX Disruptor 4 multi-producer ring buffer. A producer claims a sequence, copies the request reference into
 * the pre-allocated slot and publishes; the consumer follows a {@link SequenceBarrier}, exactly as the Disruptor's
 * own {@code BatchEventProcessor} does, but on the worker thread the harness owns.
 *
 * <p>The consumer waits with the Disruptor's own {@link WaitStrategy} for the {@link IdlePolicy}:
 * <ul>
 *   <li>{@code park}: {@link BlockingWaitStrategy}, the Disruptor's default: a monitor that every publish takes and
 *       notifies, whether or not the consumer waits; that per-publish signal is the cost this strategy carries.</li>
 *   <li>{@code spin-park}: {@link PhasedBackoffWaitStrategy#withLock}: spins about
 *       {@value IdlePolicy#SPIN_BEFORE_PARK_NANOS} ns (it reads the clock only every 10,000 spins, so the spin is
 *       coarser), then the blocking strategy above.</li>
 *   <li>{@code yield}: {@link YieldingWaitStrategy} (100 spins, then {@code Thread.yield()}).</li>
 *   <li>{@code spin}: {@link BusySpinWaitStrategy}.</li>
 * </ul>
 * {@link #close()} alerts the barrier, which every one of them checks. An interrupt ends only the blocking wait:
 * the spinning and yielding strategies do not look at it (a Disruptor limitation; close ends them).
 *
 * <p>The ring holds {@value #RING_SIZE} requests; a producer finding it full spins (the Disruptor's
 * {@code parkNanos(1)} loop) until the consumer frees a slot.
 */
public final class DisruptorHandoff<T> implements HandoffStrategy<T> {

    static final int RING_SIZE = 8192;

    /** A ring slot; its reference is written by one producer before publish and cleared by the consumer. */
    private static final class Slot {
        Object request;
    }

    private static final EventTranslatorOneArg<Slot, Object> COPY_IN = (slot, sequence, request) -> slot.request = request;

    private final RingBuffer<Slot> ring;
    private final SequenceBarrier barrier;
    /** The last sequence the consumer has finished with; gates producers so they never overwrite unread slots. */
    private final Sequence consumed = new Sequence();
    private volatile boolean closed;
    /** The last sequence handed to the sink; written by the consumer, read by depth() from any thread. */
    private final SingleWriterCounter taken = new SingleWriterCounter(-1);

    /** With {@link IdlePolicy#DEFAULT}. */
    public DisruptorHandoff() {
        this(IdlePolicy.DEFAULT);
    }

    public DisruptorHandoff(IdlePolicy idle) {
        ring = RingBuffer.createMultiProducer(Slot::new, RING_SIZE, waitStrategyFor(idle));
        barrier = ring.newBarrier();
        ring.addGatingSequences(consumed);
    }

    /** The Disruptor's own wait strategy closest to {@code idle}. */
    static WaitStrategy waitStrategyFor(IdlePolicy idle) {
        return switch (idle) {
            case PARK -> new BlockingWaitStrategy();
            case SPIN_PARK -> PhasedBackoffWaitStrategy.withLock(IdlePolicy.SPIN_BEFORE_PARK_NANOS, 0, TimeUnit.NANOSECONDS);
            case YIELD -> new YieldingWaitStrategy();
            case SPIN -> new BusySpinWaitStrategy();
        };
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
            return 0; // none of the strategies above times out
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
                taken.set(sequence); // for depth(): a plain store on x86, no fence on the hot path
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
        return Math.max(0, ring.getCursor() - taken.get());
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
            return "LMAX Disruptor multi-producer ring (8192 slots), worker waits with the Disruptor wait strategy for"
                    + " --idle (park: BlockingWaitStrategy)";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy idle) {
            return new DisruptorHandoff<>(idle);
        }

        @Override
        public boolean honours(IdlePolicy idle) {
            return true;
        }
    }
}
