package io.handoffbench.harness.profile;

import java.util.Locale;

/** Where a CPU sample was spent, as the breakdown per request names it: by thread, then by what the thread did. */
public enum CpuComponent {
    WORKER_REDUCER("worker", "reducer: the JS call (JS, Truffle and polyglot frames)"),
    WORKER_TAKE("worker", "taking requests from the strategy (drain, poll, order check)"),
    WORKER_ANSWER("worker", "answering and waking clients (complete, unpark)"),
    WORKER_IDLE("worker", "idle waiting (park, spin, yield)"),
    WORKER_OTHER("worker", "other worker-thread code"),
    CLIENTS_NEXT("clients", "next request (the client loop, payload, admission)"),
    CLIENTS_SUBMIT("clients", "submit into the strategy (blocking in it included)"),
    CLIENTS_WAIT("clients", "waiting for the reply (park, unpark, remount, the carriers' scheduler)"),
    CLIENTS_RECORD("clients", "recording latency (ledger, HdrHistogram)"),
    CLIENTS_OTHER("clients", "other client-thread code"),
    JIT("jit", "JIT compiler threads (C1, C2, JVMCI, Truffle)"),
    GC("gc", "garbage collector threads"),
    OTHER("other", "every other thread (VM thread, sampler, main, unnamed)");

    private final String side;
    private final String label;

    CpuComponent(String side, String label) {
        this.side = side;
        this.label = label;
    }

    /** {@code worker_reducer}, {@code clients_wait}, {@code jit}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code worker}, {@code clients}, {@code jit}, {@code gc} or {@code other}. */
    public String side() {
        return side;
    }

    public String label() {
        return label;
    }
}
