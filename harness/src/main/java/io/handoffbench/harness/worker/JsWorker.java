package io.handoffbench.harness.worker;

import io.handoffbench.strategy.HandoffStrategy;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

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
    private static final String INTERPRETED = "Interpreted";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Where a script's console output goes: the process's stderr, so it never mixes with the result table. A
     * wrapper, because the CONSTRAINED sandbox insists the streams be redirected rather than the JVM's own.
     */
    private static final OutputStream SCRIPT_OUTPUT = new FilterOutputStream(System.err) {
        @Override
        public void close() {
            flushQuietly(); // never close the process's stderr
        }

        private void flushQuietly() {
            try {
                flush();
            } catch (java.io.IOException ignored) {
                // stderr is gone; nothing to report to
            }
        }
    };

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
        try (Engine engine = sandboxedEngine();
             Context js = sandboxedContext(engine)) {
            context = js;
            if (!load(js)) {
                return;
            }
            started.complete(new EngineInfo(engine.getImplementationName(), engine.getVersion(),
                    !INTERPRETED.equals(engine.getImplementationName())));
            serveUntilClosedOrFailed();
            if (failure == null) {
                summaryJson = callSummary(js);
            } else {
                failEverythingLeft(failure);
            }
        } catch (Throwable t) {
            failure = t;
            started.completeExceptionally(t);
            failEverythingLeft(t);
        } finally {
            context = null;
        }
    }

    /** Nothing of the host is reachable, not even mappings of JS objects onto mutable Java types. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    /**
     * The engine the worker runs its context on: GraalJS under the CONSTRAINED sandbox policy, script output to
     * stderr. Public so that a benchmark of the reducer alone builds exactly the worker's engine and context.
     * Whether it JIT-compiles depends on the JVM's flags; {@link Engine#getImplementationName()} says.
     */
    public static Engine sandboxedEngine() {
        return Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .option("engine.WarnInterpreterOnly", "false") // reported by the runner, which refuses to measure
                .out(SCRIPT_OUTPUT)
                .err(SCRIPT_OUTPUT)
                .build();
    }

    /**
     * The worker's context on {@code engine}: no host access of any kind; the script sees plain JS and the strings
     * it is given. Usable by one thread at a time.
     */
    public static Context sandboxedContext(Engine engine) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(NO_HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(SCRIPT_OUTPUT)
                .err(SCRIPT_OUTPUT)
                .build();
    }

    private boolean load(Context js) {
        try {
            js.eval(Source.newBuilder("js", workload.script(), workload.name()).buildLiteral());
        } catch (PolyglotException e) {
            String what = e.isSyntaxError() ? "has a syntax error" : "failed while loading";
            started.completeExceptionally(new WorkloadException(
                    "workload '" + workload.name() + "' " + what + ": " + describe(e)));
            return false;
        }
        Value candidate = js.getBindings("js").getMember("reduce");
        if (candidate == null || !candidate.canExecute()) {
            started.completeExceptionally(new WorkloadException(
                    "workload '" + workload.name() + "' defines no function reduce(request)"));
            return false;
        }
        reduce = candidate;
        return true;
    }

    private void serveUntilClosedOrFailed() throws InterruptedException {
        while (failure == null) {
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

    /**
     * Worker thread: runs the reducer for one request and replies. Never throws (a strategy's sink must not): a
     * failure that leaves the context unsound is recorded, and every later request gets an error reply.
     */
    private void serve(Request request) {
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
            reply = result.isString() ? result.asString() : result.toString();
        } catch (PolyglotException e) {
            if (isOrdinaryScriptError(e)) {
                errors++;
                request.fail(describe(e));
                return;
            }
            failure = e;
            request.fail("worker failed: " + describe(e));
            return;
        } catch (RuntimeException e) {
            failure = e;
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

    private static String callSummary(Context js) {
        Value summary = js.getBindings("js").getMember("summary");
        if (summary == null || !summary.canExecute()) {
            return null;
        }
        Value result = summary.execute();
        return result.isString() ? result.asString() : result.toString();
    }

    /** After a failure: answers every request still coming with an error, until the producers are done. */
    private void failEverythingLeft(Throwable cause) {
        strategy.close();
        String message = "worker failed: " + cause;
        Consumer<Request> reject = request -> request.fail(message);
        try {
            while (true) {
                boolean done = producersDone;
                if (strategy.drain(reject, BATCH_LIMIT) == HandoffStrategy.CLOSED) {
                    if (done) {
                        return;
                    }
                    LockSupport.parkNanos(50_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line: the message and, for script errors, where in the script. */
    static String describe(PolyglotException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        if (e.getSourceLocation() != null && e.getSourceLocation().getStartLine() > 0) {
            return message + " (line " + e.getSourceLocation().getStartLine() + ")";
        }
        return message;
    }
}
