package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.launch.JdkFinder;
import io.handoffbench.harness.launch.MeasuringJvm;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.sweep.ForkedCellExecutor;
import io.handoffbench.harness.testing.ClassPathJars;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real GraalJS cells: what they record of the engine (the jars' versions, what Truffle compiled and when), the
 * automatic warm-up that ends once the cell is steady, and the per-second latency sampler switched off.
 */
@Timeout(180)
class CompilationAndWarmupTest {

    /** Loose, so that a noop cell on a shared machine is steady well before the longest warm-up. */
    private static final double TOLERANCE = 0.5;
    private static final Duration MOST = Duration.ofSeconds(25);

    @TempDir
    Path tmp;

    @Test
    void shouldWarmUpUntilSteadyAndCompiledRecordingTheWarmupUsedAndTheJarsVersions() throws Exception {
        CellResult result = run("noop", new SweepSettings.Timing(MOST, Duration.ofSeconds(1), TOLERANCE, true, false));

        assertThat(result.problems()).isEmpty();
        EngineInfo engine = result.engine();
        assertThat(engine.version()).isEqualTo(ClassPathJars.version("polyglot"));
        assertThat(engine.versions()).containsEntry("js", ClassPathJars.version("js-language"))
                .containsEntry("compiler", System.getProperty("expected.graal.compiler.version"));
        EngineInfo.Compilations compiled = engine.compilations();
        assertThat(compiled.reducerCompiled()).as("reduce compiled before the measurement").isTrue();
        assertThat(compiled.compiledBeforeMeasurement()).isPositive().isLessThanOrEqualTo(compiled.compiled());
        CellResult.Warmup warmup = result.warmup();
        assertThat(warmup.steady()).as(warmup.note()).isTrue();
        assertThat(warmup.seconds()).as("ended as soon as it was steady, not after " + MOST)
                .isLessThan(MOST.toSeconds() - 1)
                .isGreaterThanOrEqualTo(WarmupCheck.WINDOW_SECONDS);
        assertThat(warmup.tpsPerSecond()).hasSize((int) Math.floor(warmup.seconds()));
    }

    @Test
    void shouldFlagACellWhoseReducerWasNeverCompiledAndKnowThatNothingWas() throws Exception {
        // A cell's JVM with Truffle's compilation switched off: JIT "on", nothing ever compiled. A tolerance no TPS
        // can exceed: only the reducer's compilation can make this cell unsteady.
        CellConfig config = config("transfer", new SweepSettings.Timing(
                Duration.ofSeconds(WarmupCheck.WINDOW_SECONDS + 1), Duration.ofSeconds(1), 100.0));
        Path classes = Path.of(CellRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        MeasuringJvm jvm = MeasuringJvm.forClassPath(System.getProperty("java.class.path"),
                MeasuringJvm.jvmciFolderNextTo(classes), JdkFinder.running())
                .withExtraJvmArgs(List.of("-Dpolyglot.engine.AllowExperimentalOptions=true",
                        "-Dpolyglot.engine.Compilation=false"));

        CellResult result = new ForkedCellExecutor(jvm).execute(config, ResultFolder.create(tmp.resolve("forked")));

        assertThat(result.problems()).isEmpty(); // flagged; refusing it is the sweep's (SweepJitRefusalTest)
        assertThat(result.engine().jit()).isTrue();
        assertThat(result.engine().compilations().compiled()).isZero();
        assertThat(result.engine().nothingCompiled()).isTrue();
        assertThat(result.warmup().steady()).isFalse();
        assertThat(result.warmup().note()).contains("reduce was not compiled by Truffle before the measurement");
    }

    @Test
    void shouldFlagACellMeasuredBeforeItsReducerWasCompiled() throws Exception {
        // No warm-up: reduce has not even been called when the measurement begins, so it cannot have been compiled.
        CellResult result = run("transfer", new SweepSettings.Timing(Duration.ZERO, Duration.ofSeconds(1), 0.1));

        assertThat(result.problems()).isEmpty();
        assertThat(result.engine().compilations().reducerCompiled()).isFalse();
        assertThat(result.warmup().note()).contains("reduce was not compiled by Truffle before the measurement");
        assertThat(result.engine().compilations().compiled()).as("the JIT worked, only too late").isPositive();
        assertThat(result.engine().nothingCompiled()).isFalse();
    }

    @Test
    void shouldCollectTheClientsRecordersOnceWhenSamplingIsOff() throws Exception {
        SweepSettings.Timing on = new SweepSettings.Timing(Duration.ZERO, Duration.ofSeconds(3), 0.1, false, false);
        SweepSettings.Timing off = new SweepSettings.Timing(Duration.ZERO, Duration.ofSeconds(3), 0.1, false, true);

        CellResult sampled = run("noop", on);
        long sampledIntervals = untaggedIntervals(tmp.resolve(sampled.hlogFile()));
        CellResult once = run("noop", off);

        assertThat(sampledIntervals).as("one a second, and the rest at the end").isGreaterThanOrEqualTo(3);
        assertThat(once.problems()).isEmpty();
        assertThat(untaggedIntervals(tmp.resolve(once.hlogFile()))).isEqualTo(1);
        assertThat(once.throughput().latency().count()).isEqualTo(once.throughput().completed());
    }

    private CellResult run(String workload, SweepSettings.Timing timing) throws Exception {
        CellConfig config = config(workload, timing);
        Path hlog = tmp.resolve(ResultLayout.hlog(config.id()));
        java.nio.file.Files.deleteIfExists(hlog);
        return new CellRunner(new PrintStream(PrintStream.nullOutputStream()), () -> false).run(config, hlog, "test");
    }

    private static CellConfig config(String workload, SweepSettings.Timing timing) throws Exception {
        SweepSettings settings = new SweepSettings(TestCells.workload(workload), ClientThreads.VIRTUAL, timing,
                SweepSettings.RequestStreams.of(1.5, 1), LoadSettings.CLOSED_LOOP, TrapSettings.NONE, false);
        return new CellConfig(CellId.of(TestCells.strategy("mpsc"), 2, 1, IdlePolicy.DEFAULT), settings);
    }

    private static long untaggedIntervals(Path hlog) throws Exception {
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            org.HdrHistogram.EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (interval.getTag() == null) {
                    count++;
                }
            }
        }
        return count;
    }
}
