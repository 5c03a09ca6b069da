package io.handoffbench.harness.cell;

import java.time.Duration;

/**
 * How requests reach the worker in a cell, and the limits on them.
 *
 * @param rate           total requests per second across all clients in an open loop; 0 for a closed loop (each
 *                       client sends its next request when the previous one is answered)
 * @param arrivals       how an open loop spaces its requests
 * @param maxQueue       the most requests waiting for the worker before new ones are rejected; 0 for no bound
 * @param requestTimeout how long a client waits for a reply before it counts a timeout; null for ever
 * @param pipeline       closed loop: requests a client sends back to back before it waits for all their replies
 *                       (1: one at a time)
 */
public record LoadSettings(double rate, Arrivals arrivals, int maxQueue, Duration requestTimeout, int pipeline) {

    /** Closed loop, one request in flight per client, no bound, no timeouts. */
    public static final LoadSettings CLOSED_LOOP = new LoadSettings(0, Arrivals.CONSTANT, 0, null, 1);

    /** A closed loop with {@code pipeline} requests in flight per client. */
    public static LoadSettings pipelined(int pipeline) {
        return new LoadSettings(0, Arrivals.CONSTANT, 0, null, pipeline);
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** {@code closed} or {@code open}. */
    public String mode() {
        return openLoop() ? "open" : "closed";
    }
}
