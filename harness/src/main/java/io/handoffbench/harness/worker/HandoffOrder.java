package io.handoffbench.harness.worker;

/**
 * Checks, as the worker takes each request, that every client's requests arrive once each and in the order it sent
 * them, which the {@code HandoffStrategy} contract promises per producer: a number seen again is a duplicate
 * delivery, a number skipped is a loss.
 *
 * <p>Threading: the draining generation only, like {@link WorkerTally}, which holds it; plain fields.
 */
final class HandoffOrder {

    /** No check: for workers fed by code that does not number its requests. */
    static final HandoffOrder NONE = new HandoffOrder(0);

    private final long[] next;
    private long violations;
    private String first;

    /** @param clients the clients, numbered 0 to {@code clients - 1}; 0 checks nothing */
    HandoffOrder(int clients) {
        this.next = new long[clients];
    }

    /**
     * Worker thread: notes that {@code request} was taken. False for a duplicate, which must not be served again;
     * true otherwise, including after a gap (the request itself is sound; the one before it was lost).
     */
    boolean take(Request request) {
        int client = request.clientId();
        if (client < 0 || client >= next.length) {
            return true;
        }
        long expected = next[client];
        long sequence = request.sequence();
        if (sequence == expected) {
            next[client] = expected + 1;
            return true;
        }
        violations++;
        if (sequence < expected) {
            note("client " + client + " request " + sequence + " was delivered twice (the worker had taken up to "
                    + (expected - 1) + ")");
            return false;
        }
        note("client " + client + " requests " + expected + (sequence - 1 > expected ? " to " + (sequence - 1) : "")
                + " were lost in the handoff (the worker took request " + sequence + " next)");
        next[client] = sequence + 1;
        return true;
    }

    /** Each client's next expected request number: the first it sent that the worker has not taken. */
    long[] expected() {
        return next.clone();
    }

    /** Duplicates and gaps seen. */
    long violations() {
        return violations;
    }

    /** The first violation, or null. */
    String first() {
        return first;
    }

    private void note(String violation) {
        if (first == null) {
            first = violation;
        }
    }
}
