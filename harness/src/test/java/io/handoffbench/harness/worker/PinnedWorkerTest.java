package io.handoffbench.harness.worker;

import static io.handoffbench.harness.testing.TestCells.script;
import static io.handoffbench.harness.testing.TestClients.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoffbench.harness.affinity.CpuAffinity;
import io.handoffbench.harness.affinity.WorkerPinning;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.testing.TestResults;
import io.handoffbench.harness.testing.ThreadMasks;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code --pin-worker} on a real worker, checked in {@code /proc}: each generation, a replacement after a trap
 * included, pins itself alone on the worker's CPU; a sweep moves every other thread (virtual threads' carriers, the
 * supervisor, this test's thread) off it; {@link WorkerPinning#restore} puts every thread back.
 */
@Timeout(120)
@EnabledOnOs(OS.LINUX)
class PinnedWorkerTest {

    private static final String ECHO = "function reduce(request) { return request; }";

    @Test
    void shouldPutEveryGenerationAloneOnItsCpuAndEveryOtherThreadOnTheRest() throws Exception {
        assumeTrue(CpuAffinity.problemHere() == null, "needs Linux and 2 CPUs: " + CpuAffinity.problemHere());
        BitSet before = CpuAffinity.of(CpuAffinity.CALLING_THREAD);
        WorkerPinning pinning = WorkerPinning.forCell(true);
        int cpu = pinning.workerCpu();
        HandoffStrategy<Request> strategy = TestCells.strategy("mpsc").create();
        List<ThreadMasks.Task> pinned;
        CellResult annotated;
        try {
            JsWorker worker = JsWorker.start(script(ECHO), strategy,
                    new WorkerConfig(TrapSettings.trapEvery(10), ScriptGlobals.DEFAULT, 0, pinning));
            assertThat(pinning.moveOthersOff()).as("threads moved off the worker's cpu at start").isPositive();
            // 15 requests from virtual threads: generation 1 traps on the 10th, generation 2 serves the other 5.
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 5; i++) {
                            roundTrip(strategy, client + ":" + i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread client : clients) {
                client.join();
            }
            pinning.moveOthersOff(); // as at the start of a measurement: threads the worker started meanwhile
            pinned = ThreadMasks.now();
            annotated = pinning.annotate(TestResults.trial("mpsc", 3, 1, "park", 1));
            WorkerStats stats = worker.finish(Duration.ofSeconds(30));
            assertThat(stats.traps()).isEqualTo(1);
        } finally {
            pinning.restore(); // this test's thread was moved too
        }
        List<ThreadMasks.Task> restored = ThreadMasks.now();

        String snapshot = ThreadMasks.describe(pinned);
        assertThat(pinned).as(snapshot).filteredOn(task -> task.name().equals("js-worker")).isEmpty();
        assertThat(pinned).as(snapshot).filteredOn(task -> task.name().equals("js-worker-2")).singleElement()
                .extracting(ThreadMasks.Task::cpusAllowedList).as("the replacement generation, alone")
                .isEqualTo(String.valueOf(cpu));
        assertThat(pinned).as(snapshot).filteredOn(task -> !task.name().equals("js-worker-2"))
                .isNotEmpty().noneMatch(task -> task.mayRunOn(cpu));
        assertThat(pinned).as(snapshot + "\nvirtual threads' carriers")
                .filteredOn(task -> task.name().startsWith("ForkJoinPool")).isNotEmpty()
                .allMatch(task -> task.cpus().equals(others(before, cpu)));
        assertThat(pinned).as(snapshot).filteredOn(task -> task.name().equals("js-supervisor")).singleElement()
                .extracting(ThreadMasks.Task::cpus).isEqualTo(others(before, cpu));

        assertThat(annotated.affinity()).isNotNull();
        assertThat(annotated.affinity().workerCpu()).isEqualTo(cpu);
        assertThat(annotated.affinity().otherCpus()).isEqualTo(CpuAffinity.cpuList(others(before, cpu)));
        assertThat(annotated.affinity().movedAtStart()).isPositive();
        assertThat(annotated.problems()).isEmpty();

        assertThat(restored).as(ThreadMasks.describe(restored))
                .allMatch(task -> task.cpus().equals(before), "back on " + CpuAffinity.cpuList(before));
    }

    @Test
    void shouldChangeNothingWhenNotPinned() throws Exception {
        CellResult trial = TestResults.trial("mpsc", 3, 1, "park", 1);

        assertThat(WorkerPinning.NONE.moveOthersOff()).isZero();
        assertThat(WorkerPinning.NONE.annotate(trial)).isSameAs(trial);
        assertThat(WorkerPinning.forCell(false)).isSameAs(WorkerPinning.NONE);
    }

    private static BitSet others(BitSet all, int workerCpu) {
        BitSet others = (BitSet) all.clone();
        others.clear(workerCpu);
        return others;
    }
}
