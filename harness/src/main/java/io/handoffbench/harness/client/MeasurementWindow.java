package io.handoffbench.harness.client;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The measurement window, {@code [start, end)} in {@link System#nanoTime()}, opened and closed by the controlling
 * thread. Closed-loop clients read only its {@link Phase}, at each send. Open-loop clients follow wrk2's rule: a
 * request belongs to the phase its <em>intended</em> send time falls in, however late it actually leaves, so a
 * client behind schedule cannot carry warm-up requests into the measurement, and every request due inside the window
 * is counted whether it was sent or not.
 *
 * <p>Threading and ordering, the guarantees {@link #place} rests on:
 * <ol>
 *   <li>Only the controller calls {@link #open} and then {@link #close}, once each ({@code close} alone: nothing is
 *       measured).</li>
 *   <li>A boundary is announced before its time is read: the controller writes {@code OPENING} (volatile), then reads
 *       the clock into the plain {@code start}, then writes {@code MEASURING} (volatile), which publishes
 *       {@code start}. The end likewise, through {@code CLOSING} and {@code CLOSED}.</li>
 *   <li>A client calls {@link #place} only after its own clock read has reached the intended time. If it then sees
 *       {@code WARMUP}, its read came before {@code OPENING} was written, so before {@code start} was read:
 *       intended &lt;= its clock &lt; start, a warm-up request. If it sees a boundary being announced, it waits the
 *       few instructions until the time is published. Every intended time is placed by the window's times, not by
 *       when the client happened to look.</li>
 * </ol>
 */
public final class MeasurementWindow implements Supplier<Phase> {

    /** Where a send that is due belongs. */
    public enum Due {
        /** Its intended time is before the window: served, not recorded. */
        WARMUP,
        /** Its intended time is inside the window: recorded, and counted whatever happens to it. */
        MEASURED,
        /** The window has closed: the client sends nothing more. */
        CLOSED
    }

    private static final int WARMUP = 0;
    private static final int OPENING = 1;
    private static final int MEASURING = 2;
    private static final int CLOSING = 3;
    private static final int CLOSED = 4;

    private volatile int state = WARMUP;
    /** What closed-loop clients read; written after {@link #state}, as the phase was before this class. */
    private volatile Phase phase = Phase.WARMUP;
    // Plain: written by the controller before the volatile write of state that publishes them.
    private boolean opened;
    private long startNanos;
    private long endNanos;

    /** Controller: the measurement begins now; returns its start. */
    public long open() {
        state = OPENING;
        startNanos = System.nanoTime();
        opened = true;
        state = MEASURING;
        phase = Phase.MEASURE;
        return startNanos;
    }

    /** Controller: the measurement ends now (or never began); returns its end. */
    public long close() {
        state = CLOSING;
        endNanos = System.nanoTime();
        state = CLOSED;
        phase = Phase.STOP;
        return endNanos;
    }

    /** The phase closed-loop clients read before each request. */
    @Override
    public Phase get() {
        return phase;
    }

    /** Client: whether the window has closed; any time. */
    public boolean closed() {
        return state == CLOSED;
    }

    /**
     * Client, once its clock has reached {@code intendedNanos} (read the clock first, then call this): where a
     * send due then belongs.
     */
    public Due place(long intendedNanos) {
        int now = settledState();
        if (now == CLOSED) {
            return Due.CLOSED;
        }
        return now == MEASURING && intendedNanos - startNanos >= 0 ? Due.MEASURED : Due.WARMUP;
    }

    /** Client, after {@link #closed}: whether a send intended at {@code intendedNanos} was due inside the window. */
    public boolean contains(long intendedNanos) {
        return opened && intendedNanos - startNanos >= 0 && intendedNanos - endNanos < 0;
    }

    /** After {@link #closed}: when the measurement ended. */
    public long endNanos() {
        return endNanos;
    }

    /** Client: waits until the window has closed; false if interrupted first (the interrupt status kept). */
    public boolean awaitClosed() {
        while (!closed()) {
            LockSupport.parkNanos(this, 1_000_000);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** The state, once no boundary is being announced: the controller is between two adjacent writes. */
    private int settledState() {
        int now;
        for (int spins = 1; (now = state) == OPENING || now == CLOSING; spins++) {
            if ((spins & 63) == 0) {
                Thread.yield(); // the controller may have been descheduled between its two writes
            } else {
                Thread.onSpinWait();
            }
        }
        return now;
    }
}
