package io.handoffbench.harness.client;

/** Where a run is; clients read it before each request. */
public enum Phase {
    /** Requests are served but not recorded. */
    WARMUP,
    /** Requests submitted now are recorded and counted. */
    MEASURE,
    /** Clients submit nothing more; each returns after the reply to its last request. */
    STOP
}
