package io.handoffbench.harness.worker;

/** A workload that cannot be used: a missing or unreadable file, a syntax error, no {@code reduce}. A usage error. */
public final class WorkloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkloadException(String message) {
        super(message);
    }
}
