package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.strategy.HandoffStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One generation of the {@link JsWorker}: a platform thread ({@code js-worker}, then {@code js-worker-N}) that
 * creates a context, drains the strategy and runs the reducer until the run ends or the context traps, then
 * closes the context and exits. A {@link Runnable} that owns its thread; the supervisor starts and joins it.
 *
 * <p>Fields are its own thread's unless noted. The {@link WorkerTally} it is given is the worker's, written here
 * only while this generation drains.
 */
final class WorkerGeneration implements Runnable {

    /** The most requests handed over in one drain: bounds how long the worker goes without looking at close. */
    private static final int BATCH_LIMIT = 1024;
    /**
     * One reply in this many (a power of two) is timed on the worker: how long answering and waking the client takes
     * it. Timing every one would add two clock reads to the critical path of each request.
     */
    static final int REPLY_SAMPLE_EVERY = 64;

    private final JsWorker worker;
    private final int number;
    private final Engine engine;
    private final WorkerTally tally;
    private final Workload workload;
    private final HandoffStrategy<Request> strategy;
    private final TrapSettings settings;
    private final Thread thread;
    private final Consumer<Request> serveOne = this::serve;
    private final boolean watched;
    /** Shared with the watchdog; marked around each reducer call only when {@link #watched}. */
    private final ReducerWatchdog.RunningCall runningCall = new ReducerWatchdog.RunningCall();

    /** Published for the watchdog and {@link JsWorker#abandon}. */
    private volatile Context context;

    private Value reduce;
    private boolean trapped;
    private boolean engineSuspect;
    private long reducerCalls;
    private GenerationEnding ending = GenerationEnding.SERVED_TO_END;
    private String summary;
    /** The script's {@code state()} after it served to the end, for the end-state check; null otherwise. */
    private String finalState;

    /**
     * @param number 1 for the first, counting up with each replacement
     * @param tally  the worker's counts so far, handed on from the previous generation
     */
    WorkerGeneration(JsWorker worker, int number, Engine engine, WorkerTally tally) {
        this.worker = worker;
        this.number = number;
        this.engine = engine;
        this.tally = tally;
        this.workload = worker.workload;
        this.strategy = worker.strategy;
        this.settings = worker.settings;
        this.watched = settings.hasReducerTimeout();
        this.thread = Thread.ofPlatform().name(number == 1 ? "js-worker" : "js-worker-" + number).unstarted(this);
    }

    Thread thread() {
        return thread;
    }

    /** Any thread: the context serving now, or null before it is made and once it is closing. */
    Context context() {
        return context;
    }

    /** The watchdog's view of the reducer call running now. */
    ReducerWatchdog.RunningCall runningCall() {
        return runningCall;
    }

    /** After the join: what this generation did. */
    /** After the thread ended: the script's final {@code state()}, if it served to the end and defines one. */
    String finalState() {
        return finalState;
    }

    WorkerStats.Generation result() {
        return new WorkerStats.Generation(number, reducerCalls, ending, summary);
    }

    /** After the join: the engine itself is suspect (an internal or polyglot API failure); replace it. */
    boolean engineSuspect() {
        return engineSuspect;
    }

    @Override
    public void run() {
        try {
            serveWithFreshContext();
        } finally {
            worker.pinning.releaseCallingThread();
        }
    }

    private void serveWithFreshContext() {
        Context js = null;
        try {
            // --pin-worker: this thread onto the worker's CPU before the context exists, every generation alike
            worker.pinning.pinCallingThread();
            js = SandboxedJs.newContext(engine);
            context = js;
            try {
                reduce = SandboxedJs.loadReducer(js, workload, worker.globals);
            } catch (WorkloadException e) {
                if (number == 1) {
                    ending = GenerationEnding.FAILED;
                    worker.firstGenerationFailed(e);
                    return; // start() throws; nobody submits
                }
                throw new IllegalStateException("replacement context " + number + " could not load the workload: "
                        + e.getMessage(), e);
            }
            if (number == 1) {
                worker.compilations().watchReducer(SandboxedJs.functionName(reduce));
                worker.firstGenerationReady(SandboxedJs.engineInfo(engine));
            }
            serveDeferred();
            serveUntilProducersDoneOrTrapped();
            if (ending.isTrap() ? ending == GenerationEnding.INJECTED_TRAP : worker.failure() == null) {
                summary = SandboxedJs.summary(js); // a sound context's own count, for the cross-check
                if (ending == GenerationEnding.SERVED_TO_END) {
                    finalState = SandboxedJs.finalState(js);
                }
            }
        } catch (Throwable t) {
            if (number == 1) {
                worker.firstGenerationFailed(t);
            }
            ending = GenerationEnding.FAILED;
            worker.failed(t);
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
     * interrupted, cancelled or broken, and after a failure {@link JsWorker#abandon} may have cancelled it: only a
     * context that served to the end and then fails to close is news, and it becomes the worker's failure.
     */
    private void closeContext(Context js) {
        try {
            js.close(ending.isTrap());
        } catch (RuntimeException e) {
            if (ending == GenerationEnding.SERVED_TO_END && worker.failure() == null) {
                worker.failed(e);
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
            boolean done = worker.producersDone();
            long measuredBefore = tally.executedMeasured;
            int served = strategy.drain(serveOne, BATCH_LIMIT);
            if (served > 0) {
                tally.batches++;
                if (tally.executedMeasured != measuredBefore) {
                    tally.measuredDrains++;
                }
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
        Throwable failure = worker.failure();
        if (failure != null) {
            if (request.measured()) {
                tally.takenMeasured++;
            }
            request.taken(); // releases its place in a bounded backlog
            request.fail("worker failed: " + failure);
            return;
        }
        if (trapped) {
            tally.deferred.addLast(request); // taken in the same drain as the trap: the replacement runs it
            return;
        }
        boolean firstDelivery = tally.order.take(request);
        if (tally.order.first() != null) {
            worker.reportViolation(tally.order.first()); // the cell fails at once, not at the stop
        }
        if (!firstDelivery) {
            return; // a duplicate: its first delivery answers it
        }
        // Read once, as taken: the reply names this request, whatever happens to the object afterwards.
        int client = request.clientId();
        long sequence = request.sequence();
        boolean measured = request.measured();
        if (measured) {
            tally.takenMeasured++;
        }
        if (!request.taken()) {
            request.fail(client, sequence, Request.RUN_ENDED); // an open-loop run has ended: fail, do not run it
            return;
        }
        tally.executed++;
        if (measured) {
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
                runningCall.begin(request.takenNanos());
                try {
                    reply = SandboxedJs.replyOf(reduce.execute(request.payload()));
                } finally {
                    runningCall.end();
                }
            } else {
                reply = SandboxedJs.replyOf(reduce.execute(request.payload()));
            }
        } catch (PolyglotException e) {
            if (ReducerErrors.isOrdinaryScriptError(e)) {
                tally.errors++;
                request.fail(client, sequence, SandboxedJs.describe(e));
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
        if (measured) {
            tally.answeredMeasured++; // before the reply: after it the client may reuse the request
        }
        if (measured && (tally.executedMeasured & (REPLY_SAMPLE_EVERY - 1)) == 0) {
            long before = System.nanoTime();
            request.complete(client, sequence, reply);
            tally.replySampleNanos += System.nanoTime() - before;
            tally.replySamples++;
        } else {
            request.complete(client, sequence, reply);
        }
        tally.replied();
    }

    private void trapOn(Request request, PolyglotException e) {
        long ranFor = System.nanoTime() - request.takenNanos();
        if ((e.isInterrupted() || e.isCancelled()) && runningCall.interruptedByWatchdog()) {
            trapOrFail(request, GenerationEnding.TIMEOUT_TRAP, "reducer timeout: ran longer than the "
                    + millis(settings.reducerTimeout().toNanos()) + " budget and was interrupted after "
                    + millis(ranFor));
            return;
        }
        engineSuspect = e.isInternalError();
        trapOrFail(request, GenerationEnding.BROKEN_TRAP, "worker trapped: " + SandboxedJs.describe(e));
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    /** An abandoned worker cancels its context on purpose: that is a failure to report, not a trap to recover. */
    private void trapOrFail(Request request, GenerationEnding ending, String why) {
        Throwable failure = worker.failure();
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
}
