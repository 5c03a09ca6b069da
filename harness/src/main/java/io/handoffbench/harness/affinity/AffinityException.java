package io.handoffbench.harness.affinity;

/** A CPU-affinity call failed; the message names the call, the thread and the errno. */
public final class AffinityException extends RuntimeException {

    private final int errno;

    AffinityException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    AffinityException(String message, Throwable cause) {
        super(message, cause);
        this.errno = 0;
    }

    /** The thread had ended by the time it was asked about (ESRCH): nothing to do for it. */
    public boolean noSuchThread() {
        return errno == CpuAffinity.ESRCH;
    }
}
