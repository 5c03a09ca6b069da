package io.handoffbench.harness.worker;

import io.handoffbench.strategy.HandoffStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The single-threaded JavaScript worker: one dedicated platform thread at a time owns one GraalJS {@link Context},
 * takes requests from a {@link HandoffStrategy} and runs the workload's {@code reduce} for each. What it does with
 * a request is the same whatever the strategy; only delivery and waiting differ.
 *
 * <p>Traps, modelled on SpacetimeDB: a trap is a failure after which the context cannot be trusted (the reducer
 * overran {@link TrapSettings#reducerTimeout}, the context was cancelled or broke, or {@link TrapSettings#trapEvery}
 * injected one). The trapping request gets an error reply; the worker thread marks itself trapped, stops draining,
 * closes its context and exits. Only after it has exited does the supervisor start a replacement generation with a
 * fresh context, which drains the same strategy, so requests already queued are not lost. An ordinary JS error
 * ({@code throw new Error}) is not a trap: error reply, counted, the worker goes on.
 *
 * <pre>
 *   js-supervisor:  start gen 1 ─ join ─ start gen 2 ─ join ─ ... ─ (gen n served to the end) ─ exit
 *   js-worker:      [gen 1: context 1, drain ... trap] exits
 *   js-worker-2:                          [gen 2: context 2, drain ... trap] exits
 *   js-watchdog:    samples "call started at" and interrupts a reducer over budget (only with a reducer timeout)
 * </pre>
 *
 * <p>Threading and ordering:
 * <ol>
 *   <li>{@link #start} and {@link #finish} are called by one controlling thread.</li>
 *   <li>Each context is created, used and closed on its own generation's thread. The watchdog and
 *       {@link #abandon} may interrupt or cancel it from outside, which the polyglot API allows.</li>
 *   <li>Exactly one generation drains at a time: the supervisor starts generation n+1 only after
 *       {@link Thread#join()} of generation n returned, so everything generation n did, its last {@code drain}
 *       included, happens-before generation n+1 starts (join, then {@link Thread#start()}). This is the edge the
 *       {@link HandoffStrategy} contract requires for a replacement consumer. {@link #consumer} checks it
 *       independently and counts violations.</li>
 *   <li>The {@link WorkerTally} (counters, deferred requests, recovery histogram) has plain fields written only
 *       by the generation that is draining; the supervisor passes the same tally to each generation, the same
 *       join/start chain hands it on, and {@link #finish} reads it after joining the supervisor (which joined
 *       every generation).</li>
 * </ol>
 */
public final class JsWorker {

    /** How the engine runs JS; {@code jit} is false on Truffle's fallback runtime, where numbers mean nothing. */
    public record EngineInfo(String implementationName, String version, boolean jit) {
    }

    /** The most requests handed over in one drain: bounds how long the worker goes without looking at close. */
    private static final int BATCH_LIMIT = 1024;
    /**
     * One reply in this many (a power of two) is timed on the worker: how long answering and waking the client takes
     * it. Timing every one would add two clock reads to the critical path of each request.
     */
    static final int REPLY_SAMPLE_EVERY = 64;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long the watchdog lets an interrupted reducer run its {@code finally} blocks before cancelling. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    private static final VarHandle CALL_STARTED;

    static {
        try {
            CALL_STARTED = MethodHandles.lookup().findVarHandle(GenerationThread.class, "callStartedNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Workload workload;
    private final HandoffStrategy<Request> strategy;
    private final TrapSettings settings;
    private final CompletableFuture<EngineInfo> started = new CompletableFuture<>();
    private final Thread supervisor;
    /** Null without a reducer timeout. */
    private final Thread watchdog;
    /** The thread draining now; claimed when a generation starts, released when it stops. */
    private final AtomicReference<Thread> consumer = new AtomicReference<>();
    private final AtomicLong overlappingConsumers = new AtomicLong();

    /** Set by the controller once every client has returned from submit; read by the worker. */
    private volatile boolean producersDone;
    private volatile boolean watchdogStopped;
    /** Set when the worker cannot go on at all (not a trap); read by the controller while the run lasts. */
    private volatile Throwable failure;
    /** The generation draining now, for the watchdog and {@link #abandon}; null between generations. */
    private volatile GenerationThread current;
    /** Every generation's thread, oldest first; copy-on-write by the supervisor, read by clients. */
    private volatile Thread[] workerThreads = new Thread[0];

    /** Written by the draining generation only; handed on by join + start (see {@link WorkerTally}). */
    private final WorkerTally tally;

    // Supervisor only; read by the controller after joining it.
    private final List<WorkerStats.Generation> generations = new ArrayList<>();
    private String summaryJson;

    private JsWorker(Workload workload, HandoffStrategy<Request> strategy, TrapSettings settings) {
        this.workload = workload;
        this.strategy = strategy;
        this.settings = settings;
        this.tally = new WorkerTally(settings.trapEvery());
        this.supervisor = Thread.ofPlatform().name("js-supervisor").daemon(true).unstarted(this::supervise);
        this.watchdog = settings.hasReducerTimeout()
                ? Thread.ofPlatform().name("js-watchdog").daemon(true).unstarted(this::watch)
                : null;
    }

    /** {@link #start(Workload, HandoffStrategy, TrapSettings)} with no reducer timeout and no injected traps. */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy) throws WorkloadException {
        return start(workload, strategy, TrapSettings.NONE);
    }

    /**
     * Starts the worker and waits until its first generation has loaded the workload.
     *
     * @throws WorkloadException if the script has a syntax error, throws while loading, defines no {@code reduce}
     *                           or does not finish loading within a minute
     */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy, TrapSettings settings)
            throws WorkloadException {
        JsWorker worker = new JsWorker(workload, strategy, settings);
        worker.supervisor.start();
        if (worker.watchdog != null) {
            worker.watchdog.start();
        }
        try {
            worker.started.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return worker;
        } catch (ExecutionException e) {
            worker.abandon();
            if (e.getCause() instanceof WorkloadException workloadError) {
                throw workloadError;
            }
            throw new IllegalStateException("the JS worker failed to start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            worker.abandon();
            throw new WorkloadException("workload '" + workload.name() + "' did not finish loading within "
                    + STARTUP_TIMEOUT.toSeconds() + " s (an endless loop at top level?)");
        } catch (InterruptedException e) {
            worker.abandon();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the JS worker started", e);
        }
    }

    /** The engine of the first generation; replacements share it (or, after an internal error, an identical one). */
    public EngineInfo engineInfo() {
        return started.join();
    }

    /**
     * The thread of the generation draining now (the last one, once finished). With traps it changes: to ask
     * whether a thread served as the worker, use {@link #isWorkerThread}.
     */
    public Thread thread() {
        Thread[] threads = workerThreads;
        return threads.length == 0 ? null : threads[threads.length - 1];
    }

    /** True if {@code candidate} is the thread of any generation of this worker. Any thread; newest first. */
    public boolean isWorkerThread(Thread candidate) {
        Thread[] threads = workerThreads;
        for (int i = threads.length - 1; i >= 0; i--) {
            if (threads[i] == candidate) {
                return true;
            }
        }
        return false;
    }

    /**
     * The worker's failure, or null; a non-null value means clients are being answered with errors. A trap is not
     * a failure: the worker recovers from it.
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Controller thread, after every client has returned from {@code submit}: closes the strategy, lets the
     * worker (including any replacement a late trap needs) serve what is left, and joins it.
     */
    public WorkerStats finish(Duration timeout) throws InterruptedException {
        producersDone = true;
        strategy.close();
        if (!supervisor.join(timeout)) {
            abandon();
            supervisor.join(Duration.ofSeconds(5));
            throw new IllegalStateException("the JS worker did not stop within " + timeout.toSeconds() + " s");
        }
        stopWatchdog();
        // The supervisor has joined every generation: all their plain writes are visible here.
        return new WorkerStats(tally.executed, tally.executedMeasured, tally.errors, tally.batches, summaryJson,
                failure, tally.traps, tally.recoveryNanos.copy(), overlappingConsumers.get(), List.copyOf(generations),
                tally.wakeMeanUs());
    }

    /** Any thread: gives up on the worker. Every request still arriving is answered with an error. */
    private void abandon() {
        if (failure == null) {
            failure = new IllegalStateException("the JS worker was abandoned");
        }
        producersDone = true;
        strategy.close();
        stopWatchdog();
        GenerationThread running = current;
        Context js = running == null ? null : running.context;
        if (js != null) {
            try {
                js.close(true); // cancels JS running on the worker thread; allowed from another thread
            } catch (RuntimeException ignored) {
                // already closed, or closing on its own thread
            }
        }
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            watchdogStopped = true;
            LockSupport.unpark(watchdog);
        }
    }

    /**
     * Supervisor thread: runs one generation at a time until one ends without a trap. Replacements share the
     * engine: contexts on one engine are isolated from each other, and a fresh context on a warm engine starts
     * several times faster than a fresh engine and reuses its compiled code (measured on 2 cores, context plus
     * load plus one call: noop 1.7 ms against 8.6 ms, transfer 8 ms against 34 ms, p50). After an internal error
     * the engine itself is suspect and is replaced too.
     */
    private void supervise() {
        Engine engine = null;
        try {
            engine = SandboxedJs.newEngine();
            for (int number = 1; ; number++) {
                GenerationThread generation = new GenerationThread(number, engine, tally);
                Thread[] threads = Arrays.copyOf(workerThreads, number);
                threads[number - 1] = generation.thread;
                workerThreads = threads; // published before the thread can reply to anyone
                current = generation;
                generation.thread.start();
                joinUninterruptibly(generation.thread); // the happens-before edge for the next generation
                current = null;
                WorkerStats.Generation done = new WorkerStats.Generation(number, generation.reducerCalls,
                        generation.ending, generation.summary);
                generations.add(done);
                if (!done.ending().isTrap()) {
                    summaryJson = done.ending() == GenerationEnding.SERVED_TO_END ? done.summaryJson() : null;
                    return;
                }
                if (generation.engineSuspect) {
                    engine = replaceEngine(engine);
                }
            }
        } catch (Throwable t) {
            // Only building an engine can get here; without one nobody can serve.
            started.completeExceptionally(t);
            failure = t;
            strategy.close();
        } finally {
            current = null;
            if (engine != null) {
                try {
                    engine.close(true);
                } catch (RuntimeException ignored) {
                    // every context is closed; nothing is left to cancel
                }
            }
        }
    }

    /** A fresh engine after an internal error; the old one if none can be built, so that someone still serves. */
    private static Engine replaceEngine(Engine suspect) {
        Engine fresh;
        try {
            fresh = SandboxedJs.newEngine();
        } catch (RuntimeException e) {
            return suspect;
        }
        try {
            suspect.close(true);
        } catch (RuntimeException ignored) {
            // its contexts are closed; a broken engine may still refuse
        }
        return fresh;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // never start a replacement before the old consumer has exited
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Watchdog thread: every quarter of the budget (between 1 and 100 ms) it reads when the running reducer call
     * started, and interrupts a call over budget. One thread for the whole run, so that the hot path pays only two
     * release stores per request.
     */
    private void watch() {
        long budget = settings.reducerTimeout().toNanos();
        long period = Math.clamp(budget / 4, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100));
        while (!watchdogStopped) {
            LockSupport.parkNanos(this, period);
            GenerationThread generation = current;
            if (generation == null) {
                continue;
            }
            long startedAt = (long) CALL_STARTED.getAcquire(generation);
            if (startedAt != 0 && System.nanoTime() - startedAt > budget) {
                generation.interruptCall(startedAt);
            }
        }
    }

    /** A JS error the script threw: the context is still sound and the worker goes on. */
    private static boolean isOrdinaryScriptError(PolyglotException e) {
        return e.isGuestException() && !e.isCancelled() && !e.isExit() && !e.isInternalError()
                && !e.isResourceExhausted() && !e.isInterrupted();
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    /** One generation: its thread, its context, and what it did. Fields are its own thread's unless noted. */
    private final class GenerationThread implements Runnable {

        final int number;
        final Engine engine;
        /** The worker's counts so far: this generation's to write while it drains. */
        final WorkerTally tally;
        final Thread thread;
        final Consumer<Request> serveOne = this::serve;
        final boolean watched = settings.hasReducerTimeout();

        /** Published for the watchdog and {@link #abandon}. */
        volatile Context context;
        /** {@code takenNanos | 1} of the reducer call running now, 0 between calls; release-stored, watchdog-read. */
        @SuppressWarnings("unused") // accessed through CALL_STARTED
        long callStartedNanos;
        /** The call the watchdog interrupted, so that the worker names the timeout; written by the watchdog. */
        volatile long interruptedCall;

        Value reduce;
        boolean trapped;
        boolean engineSuspect;
        long reducerCalls;
        GenerationEnding ending = GenerationEnding.SERVED_TO_END;
        String summary;

        GenerationThread(int number, Engine engine, WorkerTally tally) {
            this.number = number;
            this.engine = engine;
            this.tally = tally;
            this.thread = Thread.ofPlatform().name(number == 1 ? "js-worker" : "js-worker-" + number)
                    .unstarted(this);
        }

        @Override
        public void run() {
            Thread me = Thread.currentThread();
            if (!consumer.compareAndSet(null, me)) {
                overlappingConsumers.incrementAndGet(); // a second consumer: the supervisor broke its own rule
            }
            try {
                serveWithFreshContext();
            } finally {
                consumer.compareAndSet(me, null); // after the last drain returned
            }
        }

        private void serveWithFreshContext() {
            Context js = null;
            try {
                js = SandboxedJs.newContext(engine);
                context = js;
                try {
                    reduce = SandboxedJs.loadReducer(js, workload);
                } catch (WorkloadException e) {
                    if (number == 1) {
                        ending = GenerationEnding.FAILED;
                        started.completeExceptionally(e);
                        return; // start() throws; nobody submits
                    }
                    throw new IllegalStateException("replacement context " + number + " could not load the workload: "
                            + e.getMessage(), e);
                }
                if (number == 1) {
                    started.complete(new EngineInfo(engine.getImplementationName(), engine.getVersion(),
                            SandboxedJs.isJit(engine)));
                }
                serveDeferred();
                serveUntilProducersDoneOrTrapped();
                if (ending.isTrap() ? ending == GenerationEnding.INJECTED_TRAP : failure == null) {
                    summary = SandboxedJs.summary(js); // a sound context's own count, for the cross-check
                }
            } catch (Throwable t) {
                if (number == 1) {
                    started.completeExceptionally(t);
                }
                ending = GenerationEnding.FAILED;
                failure = t;
                strategy.close();
                answerEveryRequestWithAnError();
            } finally {
                context = null;
                if (js != null) {
                    closeContext(js);
                }
            }
        }

        /**
         * Closes the context on its own thread, as the last thing this generation does. After a trap it may be
         * interrupted, cancelled or broken, and after a failure {@link #abandon} may have cancelled it: only a
         * context that served to the end and then fails to close is news, and it becomes the worker's failure.
         */
        private void closeContext(Context js) {
            try {
                js.close(ending.isTrap());
            } catch (RuntimeException e) {
                if (ending == GenerationEnding.SERVED_TO_END && failure == null) {
                    failure = e;
                }
            }
        }

        /** After a failure: no client may wait for a reply that never comes. */
        private void answerEveryRequestWithAnError() {
            Request left;
            while ((left = tally.deferred.pollFirst()) != null) {
                serve(left);
            }
            try {
                serveUntilProducersDoneOrTrapped(); // serve() now answers every request with an error
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Requests the trapped generation before this one took but did not run, oldest first. */
        private void serveDeferred() {
            Request next;
            while (!trapped && (next = tally.deferred.pollFirst()) != null) {
                serve(next);
            }
        }

        /**
         * Drains until the strategy is closed and every producer has returned from submit, or until this context
         * traps. A trap ends the drain loop; the drain call under way finishes handing over its batch, and
         * {@link #serve} defers the rest of it to the replacement.
         */
        private void serveUntilProducersDoneOrTrapped() throws InterruptedException {
            while (!trapped) {
                // Read before drain: a CLOSED seen after every producer returned means nothing is left.
                boolean done = producersDone;
                int served = strategy.drain(serveOne, BATCH_LIMIT);
                if (served > 0) {
                    tally.batches++;
                } else if (served == HandoffStrategy.CLOSED) {
                    if (done) {
                        return;
                    }
                    LockSupport.parkNanos(50_000); // closed; producers still returning from submit
                }
            }
        }

        /**
         * This generation's thread: runs the reducer for one request and replies. Never throws (a strategy's sink
         * must not). Calls {@code taken()}, then the reducer, then exactly one of {@code complete} / {@code fail}.
         */
        private void serve(Request request) {
            if (failure != null) {
                request.taken(); // releases its place in a bounded backlog
                request.fail("worker failed: " + failure);
                return;
            }
            if (trapped) {
                tally.deferred.addLast(request); // taken in the same drain as the trap: the replacement runs it
                return;
            }
            if (!request.taken()) {
                request.fail(Request.RUN_ENDED); // an open-loop run has ended: fail what is queued, do not run it
                return;
            }
            tally.executed++;
            if (request.measured()) {
                tally.executedMeasured++;
            }
            if (tally.untilInjectedTrap != 0 && --tally.untilInjectedTrap == 0) {
                tally.untilInjectedTrap = settings.trapEvery();
                trap(request, GenerationEnding.INJECTED_TRAP,
                        "injected trap (every " + settings.trapEvery() + " requests)");
                return;
            }
            String reply;
            reducerCalls++;
            try {
                if (watched) {
                    CALL_STARTED.setRelease(this, request.takenNanos() | 1); // never 0, which means "no call"
                    try {
                        reply = SandboxedJs.replyOf(reduce.execute(request.payload()));
                    } finally {
                        CALL_STARTED.setRelease(this, 0L);
                    }
                } else {
                    reply = SandboxedJs.replyOf(reduce.execute(request.payload()));
                }
            } catch (PolyglotException e) {
                if (isOrdinaryScriptError(e)) {
                    tally.errors++;
                    request.fail(SandboxedJs.describe(e));
                    tally.replied();
                } else {
                    trapOn(request, e);
                }
                return;
            } catch (RuntimeException e) {
                engineSuspect = true; // the polyglot API itself failed
                trapOrFail(request, GenerationEnding.BROKEN_TRAP, "worker trapped: " + e);
                return;
            }
            if (request.measured() && (tally.executedMeasured & (REPLY_SAMPLE_EVERY - 1)) == 0) {
                long before = System.nanoTime();
                request.complete(reply);
                tally.replySampleNanos += System.nanoTime() - before;
                tally.replySamples++;
            } else {
                request.complete(reply);
            }
            tally.replied();
        }

        private void trapOn(Request request, PolyglotException e) {
            long ranFor = System.nanoTime() - request.takenNanos();
            if ((e.isInterrupted() || e.isCancelled()) && interruptedCall != 0) {
                trapOrFail(request, GenerationEnding.TIMEOUT_TRAP, "reducer timeout: ran longer than the "
                        + millis(settings.reducerTimeout().toNanos()) + " budget and was interrupted after "
                        + millis(ranFor));
                return;
            }
            engineSuspect = e.isInternalError();
            trapOrFail(request, GenerationEnding.BROKEN_TRAP, "worker trapped: " + SandboxedJs.describe(e));
        }

        /** An abandoned worker cancels its context on purpose: that is a failure to report, not a trap to recover. */
        private void trapOrFail(Request request, GenerationEnding ending, String why) {
            if (failure != null) {
                request.fail("worker failed: " + failure);
            } else {
                trap(request, ending, why);
            }
        }

        /** Marks this generation trapped, stamps the trap and answers the trapping request with an error. */
        private void trap(Request request, GenerationEnding why, String message) {
            tally.trapped(System.nanoTime());
            trapped = true;
            ending = why;
            request.fail(message);
        }

        /**
         * Watchdog thread: interrupts the call that started at {@code startedAt} if it is still running.
         * {@link Context#interrupt} keeps interrupting until the thread leaves the context, so a loop in a
         * {@code finally} block stops too (the test measures it); a reducer that still has not left after
         * {@link #INTERRUPT_GRACE} (host code that never reaches a safepoint) has its context cancelled. A call that ended between the check and
         * the interrupt lets the interrupt hit the next call (a window of microseconds against a budget of
         * milliseconds); that call then traps too, and its error reply says how long it ran.
         */
        void interruptCall(long startedAt) {
            Context js = context;
            if (js == null || (long) CALL_STARTED.getAcquire(this) != startedAt) {
                return;
            }
            interruptedCall = startedAt; // before the interrupt, so the worker's catch sees it
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
