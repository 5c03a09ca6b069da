package io.handoffbench.strategy.idle;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What the consumer does while nothing is queued: the {@code --idle} setting. A policy is a spin phase (possibly
 * empty, possibly endless) followed, for the parking policies, by a park that a producer ends with an unpark
 * ({@link ConsumerParker}). Strategies whose queue has its own blocking wait run the same spin phase and then wait in
 * that queue instead of parking here.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum IdlePolicy {

    /**
     * Parks at once. Costs no CPU while idle, but each request that finds the consumer parked pays a wake-up, which on
     * a small virtual machine costs far more than the JS call (see {@code shared/MEASURED.md}). For machines where
     * every core is needed by the clients.
     */
    PARK("park", 0, false),

    /**
     * Spins with {@link Thread#onSpinWait()} for up to {@value #SPIN_BEFORE_PARK_NANOS} ns, then parks. A request
     * that arrives within the spin is taken without a wake-up; an idle consumer burns at most that much CPU per idle
     * period. Far faster than {@link #PARK} when the consumer and its producers each have a core; slower once threads
     * outnumber cores, where the spin holds a core the producers need (results/idle-policies/).
     */
    SPIN_PARK("spin-park", IdlePolicy.SPIN_BEFORE_PARK_NANOS, false),

    /**
     * Loops on {@link Thread#yield()}, never parks. Producers never pay an unpark and the core is offered to other
     * runnable threads, but an idle consumer still shows as a busy core, and a yield to nobody returns at once. For
     * when latency matters and the scheduler has other threads to run.
     */
    YIELD("yield", Long.MAX_VALUE, true),

    /**
     * Busy-spins with {@link Thread#onSpinWait()}, never parks or yields: lowest wake-up latency, one core fully
     * used even when idle. Only when the consumer has a core to itself; with threads outnumbering cores it takes CPU
     * time from the clients that would produce the work.
     */
    SPIN("spin", Long.MAX_VALUE, false);

    /** How long {@link #SPIN_PARK} spins before it parks: a fraction of the measured cost of one wake-up. */
    public static final long SPIN_BEFORE_PARK_NANOS = 10_000;

    /**
     * The policy a strategy uses when none is named: {@link #PARK}, the faster wherever threads outnumber cores, as
     * the harness's comparison in results/idle-policies/ showed; only where the clients and the worker each have a
     * core does {@link #SPIN_PARK} win, and the harness's {@code --idle=auto} picks it for that case.
     */
    public static final IdlePolicy DEFAULT = PARK;

    /** How many spins pass between two reads of the clock (the clock is dearer than a spin). */
    private static final int SPINS_PER_CLOCK_READ = 64;

    private final String id;
    private final long spinNanos;
    private final boolean yields;

    IdlePolicy(String id, long spinNanos, boolean yields) {
        this.id = id;
        this.spinNanos = spinNanos;
        this.yields = yields;
    }

    /** The command-line id: {@code park}, {@code spin-park}, {@code yield} or {@code spin}. */
    public String id() {
        return id;
    }

    /** Whether the consumer ever parks, so that producers may have to unpark it. */
    public boolean parks() {
        return spinNanos != Long.MAX_VALUE;
    }

    /** How long the spin phase lasts before parking: 0 for {@link #PARK}, {@link Long#MAX_VALUE} when never parking. */
    public long spinNanos() {
        return spinNanos;
    }

    /**
     * The policy whose {@link #id()} is {@code id}.
     *
     * @throws IllegalArgumentException naming the valid ids when there is none
     */
    public static IdlePolicy fromId(String id) {
        for (IdlePolicy policy : values()) {
            if (policy.id.equals(id)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown idle policy '" + id + "': valid are " + validIds());
    }

    /** {@code park, spin-park, yield, spin}. */
    public static String validIds() {
        return Arrays.stream(values()).map(IdlePolicy::id).collect(Collectors.joining(", "));
    }

    /**
     * Runs this policy's spin phase on the calling (consumer) thread until {@code done} is true, the thread is
     * interrupted, or the phase is over. {@code done} must be a volatile read of whatever signals work (or close),
     * since nothing else makes a producer's write visible to a spinning thread.
     *
     * @return true when {@code done} was seen true, false when the caller should now park (or is interrupted: the
     *         interrupt status is left set for the caller to act on)
     */
    public boolean spinUntil(BooleanSupplier done) {
        if (done.getAsBoolean()) {
            return true;
        }
        if (spinNanos == 0) {
            return false;
        }
        Thread self = Thread.currentThread();
        long deadline = spinNanos == Long.MAX_VALUE ? 0 : System.nanoTime() + spinNanos;
        int spinsUntilClockRead = SPINS_PER_CLOCK_READ;
        while (!self.isInterrupted()) {
            if (yields) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            if (done.getAsBoolean()) {
                return true;
            }
            if (deadline != 0 && --spinsUntilClockRead == 0) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                spinsUntilClockRead = SPINS_PER_CLOCK_READ;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return id;
    }
}
