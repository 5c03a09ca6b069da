package io.handoffbench.harness.worker;

import io.handoffbench.harness.affinity.WorkerPinning;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

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
 *   <li>Each context is created, used and closed on its own generation's thread ({@link WorkerGeneration}). The
 *       {@link ReducerWatchdog} and {@link #abandon} may interrupt or cancel it from outside, which the polyglot
 *       API allows. With {@code --pin-worker} each generation's thread first pins itself to the worker's CPU
 *       ({@link WorkerPinning#pinCallingThread}); the controlling thread moves the others off.</li>
 *   <li>Exactly one generation drains at a time: the supervisor starts generation n+1 only after
 *       {@link Thread#join()} of generation n returned, so everything generation n did, its last {@code drain}
 *       included, happens-before generation n+1 starts (join, then {@link Thread#start()}). This is the edge the
 *       {@link HandoffStrategy} contract requires for a replacement consumer.</li>
 *   <li>The {@link WorkerTally} (counters, deferred requests, recovery histogram) has plain fields written only
 *       by the generation that is draining; the supervisor passes the same tally to each generation, the same
 *       join/start chain hands it on, and {@link #finish} reads it after joining the supervisor (which joined
 *       every generation).</li>
 * </ol>
 */
public final class JsWorker {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    // Read by each generation as it is made.
    final Workload workload;
    final HandoffStrategy<Request> strategy;
    final TrapSettings settings;
    final ScriptGlobals globals;
    final WorkerPinning pinning;
    private final CompletableFuture<EngineInfo> started = new CompletableFuture<>();
    /** Truffle's compilations in every engine this worker builds; written by compiler threads. */
    private final CompilationLog compilations = SandboxedJs.newCompilationLog();
    private final Thread supervisor;
    /** Null without a reducer timeout. */
    private final ReducerWatchdog watchdog;

    /** Set by the controller once every client has returned from submit; read by the worker. */
    private volatile boolean producersDone;
    /** Set when the worker cannot go on at all (not a trap); read by the controller while the run lasts. */
    private volatile Throwable failure;
    /** The first duplicate or lost request the worker saw; written once by the worker, read by the controller. */
    private volatile String handoffViolation;
    /** The generation draining now, for the watchdog and {@link #abandon}; null between generations. */
    private volatile WorkerGeneration current;
    /** Every generation's thread, oldest first; copy-on-write by the supervisor, read by clients. */
    private volatile Thread[] workerThreads = new Thread[0];

    /** Written by the draining generation only; handed on by join + start (see {@link WorkerTally}). */
    private final WorkerTally tally;

    // Supervisor only; read by the controller after joining it.
    private final List<WorkerStats.Generation> generations = new ArrayList<>();
    private String summaryJson;
    private String finalStateJson;

    private JsWorker(Workload workload, HandoffStrategy<Request> strategy, WorkerConfig config) {
        TrapSettings settings = config.traps();
        this.workload = workload;
        this.strategy = strategy;
        this.settings = settings;
        this.globals = config.globals();
        this.pinning = config.pinning();
        this.tally = new WorkerTally(settings.trapEvery(), config.orderedClients() == 0 ? HandoffOrder.NONE
                : new HandoffOrder(config.orderedClients()));
        this.supervisor = Thread.ofPlatform().name("js-supervisor").daemon(true).unstarted(this::supervise);
        this.watchdog = settings.hasReducerTimeout()
                ? new ReducerWatchdog(settings.reducerTimeout(), () -> current)
                : null;
    }

    /** {@link #start(Workload, HandoffStrategy, WorkerConfig)} with {@link WorkerConfig#DEFAULT}. */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy) throws WorkloadException {
        return start(workload, strategy, WorkerConfig.DEFAULT);
    }

    /** {@link #start(Workload, HandoffStrategy, WorkerConfig)} with {@code settings} and the other defaults. */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy, TrapSettings settings)
            throws WorkloadException {
        return start(workload, strategy, WorkerConfig.of(settings));
    }

    /**
     * Starts the worker and waits until its first generation has loaded the workload.
     *
     * @throws WorkloadException if the script has a syntax error, throws while loading, defines no {@code reduce}
     *                           or does not finish loading within a minute
     */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy, WorkerConfig config)
            throws WorkloadException {
        JsWorker worker = new JsWorker(workload, strategy, config);
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

    /** What Truffle compiled in this worker's engines so far; any thread. */
    public CompilationLog compilations() {
        return compilations;
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

    /** Whether the worker is parked, waiting for work (a spinning or yielding worker never is); any thread. */
    public boolean parked() {
        Thread worker = thread();
        Thread.State state = worker == null ? Thread.State.NEW : worker.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** The first request the worker saw twice or found missing, or null; any thread. */
    public String handoffViolation() {
        return handoffViolation;
    }

    /** The draining generation, on its first violation. */
    void reportViolation(String violation) {
        if (handoffViolation == null) {
            handoffViolation = violation;
        }
    }

    /** A generation's thread: the worker cannot go on (not a trap). */
    void failed(Throwable t) {
        failure = t;
    }

    /** A generation's thread, before each drain. */
    boolean producersDone() {
        return producersDone;
    }

    /** The first generation's thread, once it has loaded the workload: {@link #start} returns. */
    void firstGenerationReady(EngineInfo engine) {
        started.complete(engine);
    }

    /** The first generation's thread, when it cannot serve: {@link #start} throws. */
    void firstGenerationFailed(Throwable t) {
        started.completeExceptionally(t);
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
                failure, tally.traps, tally.recoveryNanos.copy(), List.copyOf(generations),
                tally.wakeMeanUs(), tally.order.violations(), tally.order.first(), finalStateJson,
                tally.order.expected(), tally.measuredDrains, tally.takenMeasured, tally.answeredMeasured);
    }

    /** Any thread: gives up on the worker. Every request still arriving is answered with an error. */
    private void abandon() {
        if (failure == null) {
            failure = new IllegalStateException("the JS worker was abandoned");
        }
        producersDone = true;
        strategy.close();
        stopWatchdog();
        WorkerGeneration running = current;
        Context js = running == null ? null : running.context();
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
            watchdog.stop();
        }
    }

    /**
     * Supervisor thread: runs one generation at a time until one ends without a trap. Replacements share the
     * engine, so that a replacement starts fast and reuses its compiled code; contexts on one engine are isolated
     * from each other. After an internal error the engine itself is suspect and is replaced too.
     */
    private void supervise() {
        Engine engine = null;
        try {
            engine = SandboxedJs.newEngine(compilations);
            for (int number = 1; ; number++) {
                WorkerGeneration generation = new WorkerGeneration(this, number, engine, tally);
                Thread[] threads = Arrays.copyOf(workerThreads, number);
                threads[number - 1] = generation.thread();
                workerThreads = threads; // published before the thread can reply to anyone
                current = generation;
                generation.thread().start();
                joinUninterruptibly(generation.thread()); // the happens-before edge for the next generation
                current = null;
                WorkerStats.Generation done = generation.result();
                generations.add(done);
                if (!done.ending().isTrap()) {
                    if (done.ending() == GenerationEnding.SERVED_TO_END) {
                        summaryJson = done.summaryJson();
                        finalStateJson = generation.finalState();
                    }
                    return;
                }
                if (generation.engineSuspect()) {
                    engine = SandboxedJs.replaceEngine(engine, compilations);
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
}
