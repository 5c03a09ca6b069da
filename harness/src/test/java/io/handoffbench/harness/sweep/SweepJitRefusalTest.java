package io.handoffbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SweepProgress;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.testing.TestResults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep refuses a cell in which Truffle compiled nothing, as it refuses one whose JIT is off, unless
 * {@code --allow-interpreter} was given; a cell that compiled only late is flagged (not steady), not refused.
 */
class SweepJitRefusalTest {

    @TempDir
    Path tmp;

    @Test
    void shouldFailACellInWhichNothingWasCompiled() throws Exception {
        Sweep.Outcome outcome = sweep(compiled(0), false);

        assertThat(outcome.allPassed()).isFalse();
        assertThat(outcome.all().get(0).problems()).singleElement().asString()
                .startsWith("Truffle compiled nothing in this cell's JVM");
    }

    @Test
    void shouldMeasureItAnywayWithAllowInterpreter() throws Exception {
        assertThat(sweep(compiled(0), true).allPassed()).isTrue();
    }

    @Test
    void shouldPassACellThatCompiled() throws Exception {
        assertThat(sweep(compiled(12), false).allPassed()).isTrue();
    }

    private Sweep.Outcome sweep(CellResult result, boolean allowInterpreter) throws Exception {
        ResultFolder folder = ResultFolder.create(tmp.resolve("out"));
        RunManifest manifest = new RunManifest(folder, List.of(), Map.of(), TestCells.workload("noop"),
                TestResults.ENGINE, List.of(), Instant.now());
        CellConfig cell = TestCells.cell(TestCells.strategy("mpsc"), 2, TestCells.settings(
                TestCells.workload("noop"), Duration.ZERO, Duration.ofSeconds(1), LoadSettings.CLOSED_LOOP,
                TrapSettings.NONE));
        CellExecutor executor = new CellExecutor() {
            @Override
            public CellResult execute(CellConfig config, ResultFolder into) {
                return result;
            }

            @Override
            public void stop() {
            }
        };
        try (SweepProgress progress = new SweepProgress.Lines(new PrintStream(PrintStream.nullOutputStream()), 1)) {
            return new Sweep(folder, manifest, executor, allowInterpreter, () -> false).run(List.of(cell), 1,
                    progress);
        }
    }

    /** A passed trial whose engine had JIT on and compiled {@code targets} call targets, reduce among them. */
    private static CellResult compiled(long targets) {
        CellResult trial = TestResults.trial("mpsc", 2, 1, "park", 1);
        EngineInfo engine = TestResults.ENGINE.withCompilations(
                new EngineInfo.Compilations(targets, targets, 0, targets > 0, null));
        return new CellResult(trial.cell(), engine, trial.throughput(), trial.warmup(), trial.worker(),
                trial.accounting(), trial.openLoop(), trial.backlog(), trial.recovery(), trial.stages(), trial.cpu(),
                trial.affinity(), trial.hlogFile(), trial.problems());
    }
}
