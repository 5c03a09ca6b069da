package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a sweep shows its progress on stderr: a progress bar (cells done, the current cell, elapsed, ETA) on a
 * terminal, or one plain line per cell when stderr is not a terminal or {@code CI} is set.
 *
 * <p>Threading: the controlling thread only.
 */
public interface SweepProgress extends AutoCloseable {

    void starting(int index, CellConfig cell);

    void finished(int index, CellConfig cell, CellResult result);

    @Override
    void close();

    /** The bar on an interactive terminal, plain lines otherwise. */
    static SweepProgress forStderr(PrintStream err, int cells) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        return terminal && !ci ? new Bar(err, cells) : new Lines(err, cells);
    }

    /** One line per cell, with elapsed time and an ETA from the mean time per cell so far. */
    final class Lines implements SweepProgress {
        private final PrintStream err;
        private final int cells;
        private final long start = System.nanoTime();

        public Lines(PrintStream err, int cells) {
            this.err = err;
            this.cells = cells;
        }

        @Override
        public void starting(int index, CellConfig cell) {
            err.printf(Locale.ROOT, "[%d/%d] %s: running (elapsed %s)%n", index + 1, cells, cell.id().label(),
                    format(Duration.ofNanos(System.nanoTime() - start)));
        }

        @Override
        public void finished(int index, CellConfig cell, CellResult result) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration eta = elapsed.dividedBy(index + 1).multipliedBy(cells - index - 1L);
            err.printf(Locale.ROOT, "[%d/%d] %s: %s (elapsed %s, ETA %s)%n", index + 1, cells, cell.id().label(),
                    result.passed() ? String.format(Locale.ROOT, "%,.0f TPS%s", result.tps(),
                            result.warmup().steady() ? "" : ", not steady") : "FAILED: " + result.problems().get(0),
                    format(elapsed), format(eta));
        }

        @Override
        public void close() {
        }

        private static String format(Duration d) {
            return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
        }
    }

    /** me.tongfei's progress bar; its ETA is linear in cells done. */
    final class Bar implements SweepProgress {
        private final ProgressBar bar;

        public Bar(PrintStream err, int cells) {
            bar = new ProgressBarBuilder()
                    .setTaskName("sweep")
                    .setInitialMax(cells)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUnit(" cells", 1)
                    .build();
        }

        @Override
        public void starting(int index, CellConfig cell) {
            bar.setExtraMessage(cell.id().label());
        }

        @Override
        public void finished(int index, CellConfig cell, CellResult result) {
            bar.stepTo(index + 1L);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
