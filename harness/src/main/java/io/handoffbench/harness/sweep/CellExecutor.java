package io.handoffbench.harness.sweep;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.output.ResultFolder;

/** Runs one cell somewhere, in this JVM or a fresh one, and brings back its result. */
public interface CellExecutor {

    /**
     * Runs {@code config}, writing its interval log and its JSON result into {@code folder}. Called by one
     * controlling thread.
     */
    CellResult execute(CellConfig config, ResultFolder folder) throws Exception;

    /** Asks a running cell to stop early (from a shutdown hook, any thread). */
    void stop();
}
