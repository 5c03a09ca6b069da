package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoffbench.harness.affinity.CpuAffinity;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.testing.ThreadMasks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pin-worker} through whole cells, checked in {@code /proc} as each measurement starts (the controlling
 * thread, printing "measuring for", has just swept): the worker alone on its CPU, every other thread (clients'
 * carriers, the sampler, GC and JIT threads) on the rest; the cell's result says so; every thread is back on its
 * mask once the cell has ended.
 */
@Timeout(120)
@EnabledOnOs(OS.LINUX)
class PinnedCellTest {

    @TempDir
    Path tmp;

    private BitSet before;
    private int workerCpu;
    private BitSet others;

    @BeforeEach
    void needsTwoCpus() {
        assumeTrue(CpuAffinity.problemHere() == null, "needs Linux and 2 CPUs: " + CpuAffinity.problemHere());
        before = CpuAffinity.of(CpuAffinity.CALLING_THREAD);
        workerCpu = before.length() - 1;
        others = (BitSet) before.clone();
        others.clear(workerCpu);
    }

    @Test
    void shouldMeasureWithTheWorkerAloneOnItsCpuAndPutEveryThreadBackAfterwards() throws Exception {
        CellConfig config = TestCells.cell(TestCells.strategy("mpsc"), 4, settings());
        AtomicReference<List<ThreadMasks.Task>> atMeasurement = new AtomicReference<>();

        CellResult result = run(config, atMeasurement);
        List<ThreadMasks.Task> after = ThreadMasks.now();

        List<ThreadMasks.Task> pinned = atMeasurement.get();
        assertThat(result.problems()).isEmpty();
        assertWorkerAloneOnItsCpu(pinned);
        assertThat(pinned).as(ThreadMasks.describe(pinned) + "\nthe clients' carriers and the sampler")
                .filteredOn(task -> task.name().startsWith("ForkJoinPool") || task.name().equals("latency-sampler"))
                .hasSizeGreaterThan(1).allMatch(task -> task.cpus().equals(others));
        assertThat(result.affinity()).isEqualTo(new CellResult.Affinity(workerCpu, CpuAffinity.cpuList(others),
                result.affinity().movedAtStart(), result.affinity().movedLater()));
        assertThat(result.affinity().movedAtStart()).isPositive();
        assertThat(after).as(ThreadMasks.describe(after)).allMatch(task -> task.cpus().equals(before));
    }

    @Test
    void shouldPinTheCeilingsLoopThreadAsTheWorker() throws Exception {
        CellConfig config = new CellConfig(CellId.ceiling(1), settings());
        AtomicReference<List<ThreadMasks.Task>> atMeasurement = new AtomicReference<>();

        CellResult result = run(config, atMeasurement);

        assertThat(result.problems()).isEmpty();
        assertWorkerAloneOnItsCpu(atMeasurement.get());
        assertThat(result.affinity().workerCpu()).isEqualTo(workerCpu);
        assertThat(ThreadMasks.now()).allMatch(task -> task.cpus().equals(before));
    }

    /** The thread named {@code js-worker} may run on the worker's CPU only, and no other thread may run there. */
    private void assertWorkerAloneOnItsCpu(List<ThreadMasks.Task> tasks) {
        String snapshot = ThreadMasks.describe(tasks);
        assertThat(tasks).as(snapshot).filteredOn(task -> task.name().equals("js-worker")).singleElement()
                .extracting(ThreadMasks.Task::cpusAllowedList).isEqualTo(String.valueOf(workerCpu));
        assertThat(tasks).as(snapshot).filteredOn(task -> !task.name().equals("js-worker"))
                .noneMatch(task -> task.mayRunOn(workerCpu));
    }

    private SweepSettings settings() throws Exception {
        return new SweepSettings(TestCells.workload("transfer"), ClientThreads.VIRTUAL,
                new SweepSettings.Timing(Duration.ofMillis(500), Duration.ofSeconds(1), 0.5),
                SweepSettings.RequestStreams.of(1.5, 1), LoadSettings.CLOSED_LOOP, TrapSettings.NONE, true);
    }

    /** Runs {@code config}, reading every thread's mask on the controlling thread as it says "measuring for". */
    private CellResult run(CellConfig config, AtomicReference<List<ThreadMasks.Task>> atMeasurement)
            throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                super.write(bytes, offset, length);
                if (atMeasurement.get() == null && toString(StandardCharsets.UTF_8).contains("measuring for")) {
                    try {
                        atMeasurement.set(ThreadMasks.now());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        CellRunner runner = new CellRunner(new PrintStream(lines, true, StandardCharsets.UTF_8), () -> false);
        CellResult result = runner.run(config, tmp.resolve(ResultLayout.hlog(config.id())), "test");
        assertThat(atMeasurement.get()).as(lines.toString(StandardCharsets.UTF_8)).isNotNull();
        return result;
    }
}
