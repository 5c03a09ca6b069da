package io.handoffbench.harness.run;

import io.handoffbench.harness.output.ResultFolder;

/** Runs one cell somewhere, in this JVM or a fresh one, and brings back its result. */
public interface CellExecutor {

    /** The cell's JSON result, relative to the sweep folder. */
    static String resultFile(CellConfig config) {
        return "cells/" + config.fileStem() + ".json";
    }

    /** Its interval log, relative to the sweep folder. */
    static String hlogFile(CellConfig config) {
        return config.fileStem() + ".hlog";
    }

    /**
     * Runs {@code config}, writing its interval log and its JSON result into {@code folder}. Called by one
     * controlling thread.
     */
    CellResult execute(CellConfig config, ResultFolder folder) throws Exception;

    /** Asks a running cell to stop early (from a shutdown hook, any thread). */
    void stop();
}
