package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads a cell's JSON result: how a forked cell hands its result to the sweep. */
public final class CellFiles {

    private CellFiles() {
    }

    public static void write(ResultFolder folder, CellConfig config, CellResult result) throws IOException {
        Files.createDirectories(folder.resolve(ResultLayout.CELLS_DIR));
        folder.writeAtomically(ResultLayout.cellResult(config.id()), out -> ResultJson.MAPPER.writeValue(out, result));
    }

    public static CellResult read(Path file) throws IOException {
        return ResultJson.MAPPER.readValue(file.toFile(), CellResult.class);
    }

    /** A cell's interval-log comment: what it measured. */
    public static String logComment(CellConfig config) {
        return "handoff-bench latency log: strategy=" + config.id().series() + " workload=" + config.workload().name()
                + " clients=" + config.id().clients() + " client_threads=" + config.clientThreads() + " trial="
                + config.id().trial() + "\nOne interval per second of measurement; warm-up ("
                + config.settings().timing().warmup().toMillis() + " ms) excluded.";
    }
}
