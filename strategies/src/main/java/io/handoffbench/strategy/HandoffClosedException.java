package io.handoffbench.strategy;

/** Thrown by {@link HandoffStrategy#submit} once the strategy has been closed: the request was not accepted. */
public final class HandoffClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HandoffClosedException() {
        // No stack trace: producers racing a close may throw this by the thousand.
        super("handoff strategy is closed", null, false, false);
    }
}
