package io.handoffbench.harness.cli;

/** What the harness's exit code means. */
public final class ExitCodes {
    /** Every cell ran and passed its self-check. */
    public static final int OK = 0;
    /** A run failed: a self-check mismatch, a worker failure, an I/O error while writing results. */
    public static final int RUN_FAILED = 1;
    /** A bad command line or input file (picocli's convention); nothing was measured or written. */
    public static final int USAGE = 2;
    /** This machine cannot measure meaningfully: no JDK 21+, or GraalJS without its JIT. */
    public static final int ENVIRONMENT = 3;
    /** Stopped by SIGINT or SIGTERM; finished cells are kept, run.json says "interrupted". */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
