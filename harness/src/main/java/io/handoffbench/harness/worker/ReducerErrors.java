package io.handoffbench.harness.worker;

import org.graalvm.polyglot.PolyglotException;

/**
 * Which failures of a {@code reduce} call are the script's own ordinary errors, answered with an error reply while
 * the worker goes on, and which are traps; the worker and the ceiling decide it alike.
 */
public final class ReducerErrors {

    private ReducerErrors() {
    }

    /** A JS error the script threw: the context is still sound. */
    public static boolean isOrdinaryScriptError(PolyglotException e) {
        return e.isGuestException() && !e.isCancelled() && !e.isExit() && !e.isInternalError()
                && !e.isResourceExhausted() && !e.isInterrupted();
    }
}
