package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceiling serves a reducer that throws as the worker does: error replies, counted, the rest measured. */
class CeilingRunnerTest {

    @TempDir
    Path tmp;

    @Test
    void shouldCountAThrownErrorAsAnErrorReplyAndMeasureTheRest() throws Exception {
        CellConfig config = new CellConfig(CellId.ceiling(1), TestCells.settings(
                TestCells.workload("throw-every-100.js"), Duration.ofMillis(300), Duration.ofSeconds(1),
                LoadSettings.CLOSED_LOOP, TrapSettings.NONE));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        CellResult result = new CellRunner(new PrintStream(progress, true, StandardCharsets.UTF_8), () -> false)
                .run(config, tmp.resolve(ResultLayout.hlog(config.id())), "test");

        assertThat(result.problems()).as(progress.toString(StandardCharsets.UTF_8)).isEmpty();
        CellResult.Throughput throughput = result.throughput();
        long calls = throughput.completed() + throughput.errors();
        assertThat(throughput.completed()).isPositive();
        // One call in 100 throws; each edge of the measured window may move one error across it.
        assertThat(throughput.errors()).isBetween(calls / 100 - 2, calls / 100 + 2);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("measured reducer calls threw an error");
    }
}
