package io.handoffbench.harness.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Cells, strategies and workloads as tests build them: the registered strategies, and the built-in workloads, a script
 * from {@code test-workloads/} or one given inline.
 */
public final class TestCells {

    private TestCells() {
    }

    /**
     * Every registered strategy (the built-ins and the test-only ones), for a parameterized test:
     * {@code @MethodSource("io.handoffbench.harness.testing.TestCells#strategies")}.
     */
    public static Stream<HandoffStrategyFactory> strategies() {
        return HandoffStrategies.load().all().stream();
    }

    /** The ids of {@link #strategies()}, for a parameterized test that takes an id ({@code TestCells#strategyIds}). */
    public static Stream<String> strategyIds() {
        return HandoffStrategies.load().ids().stream();
    }

    /** A registered strategy by id; fails the test when there is none. */
    public static HandoffStrategyFactory strategy(String id) {
        return HandoffStrategies.load().find(id).orElseThrow(() -> new AssertionError("no strategy " + id));
    }

    /** A built-in workload by name, or a file of {@code src/test/resources/test-workloads/} by file name. */
    public static Workload workload(String name) throws Exception {
        if (Workloads.BUILT_IN.contains(name)) {
            return Workloads.resolve(name);
        }
        return Workloads.resolve(testWorkload(name).toString());
    }

    /** A workload whose script is {@code source}, given inline; any reply passes the client's check. */
    public static Workload script(String source) {
        return new Workload("test.js", "/tmp/test.js", source, Workload.ReplyCheck.ANY);
    }

    /** The path of a file of {@code src/test/resources/test-workloads/}. */
    public static Path testWorkload(String fileName) throws Exception {
        Path file = Path.of(TestCells.class.getResource("/test-workloads/" + fileName).toURI());
        assertThat(file).exists();
        return file;
    }

    /** Settings with virtual clients, Zipf alpha 1.5, seed 1 and a 10% steadiness tolerance. */
    public static SweepSettings settings(Workload workload, Duration warmup, Duration duration, LoadSettings load,
                                         TrapSettings worker) {
        return settings(workload, warmup, duration, load, worker, ClientThreads.VIRTUAL);
    }

    /** As {@link #settings(Workload, Duration, Duration, LoadSettings, TrapSettings)}, the clients on {@code kind}. */
    public static SweepSettings settings(Workload workload, Duration warmup, Duration duration, LoadSettings load,
                                         TrapSettings worker, ClientThreads kind) {
        return new SweepSettings(workload, kind, new SweepSettings.Timing(warmup, duration, 0.1),
                SweepSettings.RequestStreams.of(1.5, 1), load, worker, false);
    }

    /** A strategy's cell, trial 1, under the default idle policy. */
    public static CellConfig cell(HandoffStrategyFactory strategy, int clients, SweepSettings settings) {
        return new CellConfig(CellId.of(strategy, clients, 1, IdlePolicy.DEFAULT), settings);
    }
}
