package io.handoffbench.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count that one thread writes, a strategy's consumer once per request it takes, and that any thread reads now and
 * then ({@link HandoffStrategy#depth}), kept on cache lines of its own. A field beside the strategy's others would
 * share a line with the closed flag every producer reads on every submit, and the consumer's store per request would
 * take that line from the producers' cores each time.
 *
 * <p>Threading: {@link #add} and {@link #set} from the one writing thread only (a plain read, then an opaque store:
 * no atomic read-modify-write, a plain move on x86); {@link #get} from any thread, with acquire semantics so that
 * reads after it are not moved before it.
 */
final class SingleWriterCounter {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs on each side of the count: 128 bytes, two cache lines, as the adjacent-line prefetcher pairs them. */
    private static final int PADDING = 16;

    private final long[] slots = new long[2 * PADDING + 1];

    /** Starting at 0. */
    SingleWriterCounter() {
    }

    /** Starting at {@code initial}; published with the object that holds this counter. */
    SingleWriterCounter(long initial) {
        slots[PADDING] = initial;
    }

    /** The writing thread only: adds {@code amount} (at least 0). */
    void add(long amount) {
        SLOTS.setOpaque(slots, PADDING, slots[PADDING] + amount);
    }

    /** The writing thread only: the count becomes {@code value}, never less than it was. */
    void set(long value) {
        SLOTS.setOpaque(slots, PADDING, value);
    }

    /** Any thread. */
    long get() {
        return (long) SLOTS.getAcquire(slots, PADDING);
    }
}
