package io.handoffbench.benchmarks.support;

import io.handoffbench.harness.client.PayloadStream;

/**
 * A ring of request payloads made before measuring, by the same {@link PayloadStream} the harness's clients use
 * ({@code {"client":3,"seq":17,"from":12,"to":40021,"amount":57}}, Zipf 1.5 over the accounts). Made ahead so that
 * an operation measures the handoff and the reducer, not the Zipf sampler and the string building.
 *
 * <p>Not thread-safe: one per benchmark thread.
 */
public final class Payloads {

    /** Power of two; 1,024 payloads of about 60 characters, and enough variety for the transfer reducer. */
    private static final int SIZE = 1024;
    private static final double ALPHA = 1.5;
    private static final long SEED = 1;

    private final String[] ring = new String[SIZE];
    private int next;

    public Payloads(int clientId) {
        PayloadStream stream = new PayloadStream(clientId, ALPHA, SEED);
        for (int i = 0; i < SIZE; i++) {
            ring[i] = stream.next();
        }
    }

    public String next() {
        return ring[next++ & (SIZE - 1)];
    }
}
