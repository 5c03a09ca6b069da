package io.handoffbench.harness.run;

import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads a cell's JSON result: how a forked cell hands its result to the sweep. */
public final class CellFiles {

    private CellFiles() {
    }

    public static void write(ResultFolder folder, CellConfig config, CellResult result) throws IOException {
        Files.createDirectories(folder.resolve("cells"));
        folder.writeAtomically(CellExecutor.resultFile(config), out -> RunManifest.JSON.writeValue(out, result));
    }

    public static CellResult read(Path file) throws IOException {
        return RunManifest.JSON.readValue(file.toFile(), CellResult.class);
    }

    /** A cell's interval-log comment: what it measured. */
    public static String logComment(CellConfig config) {
        return "handoff-bench latency log: strategy=" + config.strategyId() + " workload=" + config.workload().name()
                + " clients=" + config.clients() + " client_threads=" + config.clientThreads() + " trial="
                + config.trial() + "\nOne interval per second of measurement; warm-up ("
                + config.warmup().toMillis() + " ms) excluded.";
    }
}
