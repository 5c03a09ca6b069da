package io.handoffbench.harness.sweep;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.output.CellFiles;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.run.CellRunner;
import java.io.PrintStream;

/**
 * {@code --forks=0}: every cell in this JVM, one after the other. Quick, but the JIT's profile of one strategy's
 * code carries into the next cell; use it for a first look, not for a comparison.
 */
public final class InProcessCellExecutor implements CellExecutor {

    private final CellRunner runner;
    private volatile boolean stopRequested;

    public InProcessCellExecutor(PrintStream notes) {
        this.runner = new CellRunner(notes, () -> stopRequested);
    }

    @Override
    public CellResult execute(CellConfig config, ResultFolder folder) throws Exception {
        CellResult result = runner.run(config, folder.resolve(ResultLayout.hlog(config.id())),
                CellFiles.logComment(config));
        CellFiles.write(folder, config, result);
        return result;
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
