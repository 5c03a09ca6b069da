package io.handoffbench.benchmarks.handoff;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The worker of the handoff benchmark: one platform thread that drains the strategy the way
 * {@link io.handoffbench.harness.worker.JsWorker} does (same batch limit, same closing protocol) and answers each
 * request with its own payload, the Java twin of the {@code noop} workload. What remains of a round trip is the
 * handoff: submit, the worker's wait and wake-up, the reply and the client's wake-up.
 *
 * <p>Threading: {@link #start} and {@link #finish} are called by one controlling thread (JMH's setup and teardown);
 * {@code served} is written by the worker thread and read by the controller after {@link #finish} joined it.
 */
final class EchoWorker {

    /** The same as JsWorker's: the most requests handed over in one drain. */
    private static final int BATCH_LIMIT = 1024;

    private final HandoffStrategy<Request> strategy;
    private final Thread thread;
    private final Consumer<Request> echo = this::echo;

    /** Set by the controller once every client has returned from submit. */
    private volatile boolean producersDone;
    private volatile Throwable failure;

    private long served; // worker thread only, until joined

    private EchoWorker(HandoffStrategy<Request> strategy) {
        this.strategy = strategy;
        this.thread = Thread.ofPlatform().name("echo-worker").daemon(true).unstarted(this::run);
    }

    static EchoWorker start(HandoffStrategy<Request> strategy) {
        EchoWorker worker = new EchoWorker(strategy);
        worker.thread.start();
        return worker;
    }

    Thread thread() {
        return thread;
    }

    /**
     * Controller, after every client has returned from {@code submit}: closes the strategy, lets the worker serve
     * what is left, joins it and returns how many requests it served.
     *
     * @throws IllegalStateException when the worker failed or did not stop within {@code timeout}
     */
    long finish(Duration timeout) throws InterruptedException {
        producersDone = true;
        strategy.close();
        if (!thread.join(timeout)) {
            thread.interrupt();
            throw new IllegalStateException("the echo worker did not stop within " + timeout.toSeconds() + " s");
        }
        if (failure != null) {
            throw new IllegalStateException("the echo worker failed: " + failure, failure);
        }
        return served;
    }

    private void echo(Request request) {
        served++;
        request.complete(request.payload());
    }

    private void run() {
        try {
            while (true) {
                // Read before drain: a CLOSED seen after every producer returned means nothing is left.
                boolean done = producersDone;
                if (strategy.drain(echo, BATCH_LIMIT) == HandoffStrategy.CLOSED) {
                    if (done) {
                        return;
                    }
                    LockSupport.parkNanos(50_000); // closed; producers still returning from submit
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }
}
