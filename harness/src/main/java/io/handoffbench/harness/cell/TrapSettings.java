package io.handoffbench.harness.cell;

import java.time.Duration;

/**
 * When the worker gives up on a context: a reducer that runs too long, and traps injected on purpose to test and
 * measure recovery. Immutable; any thread.
 *
 * @param reducerTimeout a reducer call running longer than this is interrupted through the polyglot API, which
 *                       traps the context ({@code --reducer-timeout}); null or zero: no limit, and nothing is added
 *                       to the hot path
 * @param trapEvery      every {@code trapEvery}-th request the worker takes, counted across contexts, is answered
 *                       with an error and traps the context as a real trap would ({@code --trap-every}); 0: never
 */
public record TrapSettings(Duration reducerTimeout, long trapEvery) {

    /** No reducer timeout, no injected traps: a context is replaced only when it really breaks. */
    public static final TrapSettings NONE = new TrapSettings(null, 0);

    public TrapSettings {
        if (trapEvery < 0) {
            throw new IllegalArgumentException("trapEvery must be 0 (never) or positive, not " + trapEvery);
        }
        if (reducerTimeout != null && reducerTimeout.isNegative()) {
            throw new IllegalArgumentException("reducerTimeout must not be negative: " + reducerTimeout);
        }
        if (reducerTimeout != null && reducerTimeout.isZero()) {
            reducerTimeout = null;
        }
    }

    public static TrapSettings reducerTimeout(Duration timeout) {
        return new TrapSettings(timeout, 0);
    }

    public static TrapSettings trapEvery(long requests) {
        return new TrapSettings(null, requests);
    }

    public boolean hasReducerTimeout() {
        return reducerTimeout != null;
    }
}
