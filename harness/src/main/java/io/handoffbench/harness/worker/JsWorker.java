package io.handoffbench.harness.worker;

import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The single-threaded JavaScript worker: one dedicated platform thread that owns one GraalJS {@link Context},
 * takes requests from a {@link HandoffStrategy} and runs the workload's {@code reduce} for each. What it does with
 * a request is the same whatever the strategy; only delivery and waiting differ.
 *
 * <p>Threading: the context is created, used and closed on the worker thread only. {@link #start} and
 * {@link #finish} are called by one controlling thread. Counters are plain fields written by the worker thread and
 * read by the controller only after {@link #finish} has joined it.
 */
public final class JsWorker {

    /** How the engine runs JS; {@code jit} is false on Truffle's fallback runtime, where numbers mean nothing. */
    public record EngineInfo(String implementationName, String version, boolean jit) {
    }

    /** What the worker did, read after it stopped. */
    public record Stats(long executed, long executedMeasured, long errors, long batches, String summaryJson,
                        Throwable failure) {
    }

    /** The most requests handed over in one drain: bounds how long the worker goes without looking at close. */
    private static final int BATCH_LIMIT = 1024;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Workload workload;
    private final HandoffStrategy<Request> strategy;
    private final Consumer<Request> serveOne = this::serve;
    private final CompletableFuture<EngineInfo> started = new CompletableFuture<>();
    private final Thread thread;

    /** Set by the controller once every client has returned from submit; read by the worker. */
    private volatile boolean producersDone;
    /** Set by the worker thread when it cannot go on; read by the controller while the run lasts. */
    private volatile Throwable failure;
    /** The context, published for a cancel from the controller if the script's top level never returns. */
    private volatile Context context;

    // Worker thread only, until joined.
    private Value reduce;
    private long executed;
    private long executedMeasured;
    private long errors;
    private long batches;
    private String summaryJson;

    private JsWorker(Workload workload, HandoffStrategy<Request> strategy) {
        this.workload = workload;
        this.strategy = strategy;
        this.thread = Thread.ofPlatform().name("js-worker").unstarted(this::run);
    }

    /**
     * Starts the worker thread and waits until it has loaded the workload.
     *
     * @throws WorkloadException if the script has a syntax error, throws while loading, defines no {@code reduce}
     *                           or does not finish loading within a minute
     */
    public static JsWorker start(Workload workload, HandoffStrategy<Request> strategy) throws WorkloadException {
        JsWorker worker = new JsWorker(workload, strategy);
        worker.thread.start();
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

    public EngineInfo engineInfo() {
        return started.join();
    }

    public Thread thread() {
        return thread;
    }

    /** True if {@code candidate} is a thread this worker served requests on. Any thread. */
    public boolean isWorkerThread(Thread candidate) {
        return candidate == thread;
    }

    /** The worker's failure, or null; a non-null value means clients are being answered with errors. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Controller thread, after every client has returned from {@code submit}: closes the strategy, lets the
     * worker serve what is left, and joins it.
     */
    public Stats finish(Duration timeout) throws InterruptedException {
        producersDone = true;
        strategy.close();
        if (!thread.join(timeout)) {
            abandon();
            thread.join(Duration.ofSeconds(5));
            throw new IllegalStateException("the JS worker did not stop within " + timeout.toSeconds() + " s");
        }
        return new Stats(executed, executedMeasured, errors, batches, summaryJson, failure);
    }

    private void abandon() {
        producersDone = true;
        strategy.close();
        Context running = context;
        if (running != null) {
            running.close(true); // cancels JS running on the worker thread; allowed from another thread
        }
    }

    private void run() {
        try (Engine engine = SandboxedJs.newEngine();
             Context js = SandboxedJs.newContext(engine)) {
            context = js;
            try {
                reduce = SandboxedJs.loadReducer(js, workload);
            } catch (WorkloadException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(new EngineInfo(engine.getImplementationName(), engine.getVersion(),
                    SandboxedJs.isJit(engine)));
            serveUntilProducersDone();
            if (failure == null) {
                summaryJson = SandboxedJs.summary(js);
            }
        } catch (Throwable t) {
            started.completeExceptionally(t);
            recordFailure(t);
            try {
                serveUntilProducersDone(); // serve() now answers every request with an error
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            context = null;
        }
    }

    /**
     * Worker thread: drains until the strategy is closed and every producer has returned from submit. After a
     * failure it goes on draining, and {@link #serve} answers each request with an error, so no client waits for
     * a reply that never comes.
     */
    private void serveUntilProducersDone() throws InterruptedException {
        while (true) {
            // Read before drain: a CLOSED seen after every producer returned means nothing is left.
            boolean done = producersDone;
            int served = strategy.drain(serveOne, BATCH_LIMIT);
            if (served > 0) {
                batches++;
            } else if (served == HandoffStrategy.CLOSED) {
                if (done) {
                    return;
                }
                LockSupport.parkNanos(50_000); // closed; producers still returning from submit
            }
        }
    }

    /** Worker thread: the context cannot be trusted any more; refuse new requests from now on. */
    private void recordFailure(Throwable cause) {
        failure = cause;
        strategy.close();
    }

    /**
     * Worker thread: runs the reducer for one request and replies. Never throws (a strategy's sink must not): a
     * failure that leaves the context unsound is recorded, and every later request gets an error reply.
     */
    private void serve(Request request) {
        if (!request.taken()) {
            request.fail(Request.RUN_ENDED); // an open-loop run has ended: fail what is queued, do not run it
            return;
        }
        if (failure != null) {
            request.fail("worker failed: " + failure);
            return;
        }
        executed++;
        if (request.measured()) {
            executedMeasured++;
        }
        String reply;
        try {
            Value result = reduce.execute(request.payload());
            reply = SandboxedJs.replyOf(result);
        } catch (PolyglotException e) {
            if (isOrdinaryScriptError(e)) {
                errors++;
                request.fail(SandboxedJs.describe(e));
                return;
            }
            recordFailure(e);
            request.fail("worker failed: " + SandboxedJs.describe(e));
            return;
        } catch (RuntimeException e) {
            recordFailure(e);
            request.fail("worker failed: " + e);
            return;
        }
        request.complete(reply);
    }

    /** A JS error the script threw: the context is still sound and the worker goes on. */
    private static boolean isOrdinaryScriptError(PolyglotException e) {
        return e.isGuestException() && !e.isCancelled() && !e.isExit() && !e.isInternalError()
                && !e.isResourceExhausted() && !e.isInterrupted();
    }
}
