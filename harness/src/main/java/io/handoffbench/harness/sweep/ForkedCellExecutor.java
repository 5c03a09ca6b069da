package io.handoffbench.harness.sweep;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.launch.MeasuringJvm;
import io.handoffbench.harness.output.CellFiles;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The default: every cell in a fresh JVM, as JMH forks, so that one strategy's JIT profile, heap and thread
 * history cannot bias the next. The child gets the flags that keep GraalJS JIT-compiled ({@link MeasuringJvm}),
 * runs the hidden {@code cell} command on the cell's {@link CellSpec}, writes its interval log and JSON result into
 * the sweep folder and its output into {@code logs/<cell>.log}.
 *
 * <p>Threading: {@link #execute} runs on the controlling thread; {@link #stop} may come from a shutdown hook and
 * sends the running child SIGTERM, which makes it end its cell early and exit.
 */
public final class ForkedCellExecutor implements CellExecutor {

    private static final long STOP_GRACE_SECONDS = 30;

    private final MeasuringJvm jvm;
    private volatile Process running;
    private volatile boolean stopRequested;

    public ForkedCellExecutor(MeasuringJvm jvm) {
        this.jvm = jvm;
    }

    @Override
    public CellResult execute(CellConfig config, ResultFolder folder) throws IOException, InterruptedException {
        if (stopRequested) {
            return CellResult.failed(config, "interrupted before the cell started");
        }
        Files.createDirectories(folder.resolve(ResultLayout.LOGS_DIR));
        Path log = folder.resolve(ResultLayout.cellLog(config.id()));
        Path result = folder.resolve(ResultLayout.cellResult(config.id()));
        Files.deleteIfExists(result);
        Path spec = CellSpec.write(folder, config);
        Process child = new ProcessBuilder(jvm.command(CellSpec.commandLine(spec)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        running = child;
        int exitCode;
        try {
            exitCode = child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            throw e;
        } finally {
            running = null;
        }
        if (Files.exists(result)) {
            return CellFiles.read(result);
        }
        return CellResult.failed(config, "the cell's JVM exited with code " + exitCode + " and no result; "
                + folder.dir().relativize(log) + " ends with: " + lastLine(log));
    }

    @Override
    public void stop() {
        stopRequested = true;
        Process child = running;
        if (child != null) {
            child.destroy(); // SIGTERM: the child's own hook stops its cell and it exits
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
