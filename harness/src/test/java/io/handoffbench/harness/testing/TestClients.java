package io.handoffbench.harness.testing;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test's clients do: send measured requests through a strategy from the calling thread (client id 0), wait
 * for their replies, and join client threads. Each request is its own {@link Request}, so several may be in flight.
 */
public final class TestClients {

    private TestClients() {
    }

    /** Submits {@code payload} and returns its request without waiting for the reply. */
    public static Request send(HandoffStrategy<Request> strategy, String payload) throws InterruptedException {
        Request request = new Request(Thread.currentThread(), 0);
        request.prepare(0, payload, true);
        strategy.submit(request);
        return request;
    }

    /** Submits {@code payload} and waits for its reply. */
    public static Request roundTrip(HandoffStrategy<Request> strategy, String payload) throws InterruptedException {
        Request request = send(strategy, payload);
        request.awaitReply();
        return request;
    }

    /** One {@link #roundTrip} per payload, one at a time, in order; returns the answered requests. */
    public static List<Request> roundTrips(HandoffStrategy<Request> strategy, List<String> payloads)
            throws InterruptedException {
        List<Request> answered = new ArrayList<>();
        for (String payload : payloads) {
            answered.add(roundTrip(strategy, payload));
        }
        return answered;
    }

    /** Waits for every thread to end; the test's own {@code @Timeout} bounds the wait. */
    public static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
