package io.handoffbench.harness.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;

/**
 * The reducer timeout: one thread, {@code js-watchdog}, that every quarter of the budget (between 1 and 100 ms)
 * reads when the running reducer call started and interrupts a call over budget. One thread for the whole run,
 * so that the worker's hot path pays only two release stores per request (see {@link RunningCall}).
 */
final class ReducerWatchdog {

    /** How long an interrupted reducer may run its {@code finally} blocks before its context is cancelled. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    private final long budgetNanos;
    /** The generation draining now, or null between generations. */
    private final Supplier<WorkerGeneration> current;
    private final Thread thread;
    private volatile boolean stopped;

    ReducerWatchdog(Duration budget, Supplier<WorkerGeneration> current) {
        this.budgetNanos = budget.toNanos();
        this.current = current;
        this.thread = Thread.ofPlatform().name("js-watchdog").daemon(true).unstarted(this::watch);
    }

    void start() {
        thread.start();
    }

    /** Any thread: the watchdog stops within one period. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void watch() {
        long period = Math.clamp(budgetNanos / 4, TimeUnit.MILLISECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(100));
        while (!stopped) {
            LockSupport.parkNanos(this, period);
            WorkerGeneration generation = current.get();
            if (generation == null) {
                continue;
            }
            RunningCall call = generation.runningCall();
            long startedAt = call.startedAt();
            if (startedAt != 0 && System.nanoTime() - startedAt > budgetNanos) {
                call.interrupt(generation.context(), startedAt);
            }
        }
    }

    /**
     * The handshake between one generation's thread, which marks each reducer call's start and end, and the
     * watchdog, which reads the mark and may interrupt the call. One per generation; written by its thread only,
     * apart from {@link #interrupted}.
     */
    static final class RunningCall {

        private static final VarHandle STARTED;

        static {
            try {
                STARTED = MethodHandles.lookup().findVarHandle(RunningCall.class, "startedNanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** {@code takenNanos | 1} of the reducer call running now, 0 between calls; release-stored, acquire-read. */
        @SuppressWarnings("unused") // accessed through STARTED
        private long startedNanos;
        /** The call the watchdog interrupted, so that the worker names the timeout; written by the watchdog. */
        private volatile long interrupted;

        /**
         * Generation thread, just before the reducer call. A release store, not a volatile one: no full fence on the
         * hot path. The watchdog's acquire read still sees a whole long, never a torn one, and sees the mark
         * eventually; seeing it late only delays the interrupt.
         */
        void begin(long takenNanos) {
            STARTED.setRelease(this, takenNanos | 1); // never 0, which means "no call"
        }

        /** Generation thread, when the reducer call returned or threw. */
        void end() {
            STARTED.setRelease(this, 0L);
        }

        /** Generation thread, after the call was interrupted or cancelled: true if the watchdog did it. */
        boolean interruptedByWatchdog() {
            return interrupted != 0;
        }

        /** Watchdog thread: the mark of the call running now, 0 if none. */
        private long startedAt() {
            return (long) STARTED.getAcquire(this);
        }

        /**
         * Watchdog thread: interrupts the call that started at {@code startedAt} in {@code js} if it is still
         * running. {@link Context#interrupt} keeps interrupting until the thread leaves the context, so a loop in a
         * {@code finally} block stops too (the test measures it); a reducer that still has not left after
         * {@link #INTERRUPT_GRACE} (host code that never reaches a safepoint) has its context cancelled, which the
         * polyglot API allows from another thread. A call that ended between the check and the interrupt lets the
         * interrupt hit the next call (a window of microseconds against a budget of milliseconds); that call then
         * traps too, and its error reply says how long it ran.
         */
        private void interrupt(Context js, long startedAt) {
            if (js == null || startedAt() != startedAt) {
                return; // the generation is closing its context, or the call is over
            }
            interrupted = startedAt; // a volatile write before the interrupt, so the worker's catch sees it
            try {
                js.interrupt(INTERRUPT_GRACE);
            } catch (TimeoutException e) {
                try {
                    js.close(true);
                } catch (RuntimeException ignored) {
                    // the worker closed it first
                }
            } catch (RuntimeException ignored) {
                // the context was closed meanwhile
            }
        }
    }
}
