package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.Arrivals;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Open loop, overload, admission control and timeouts, through the real cell runner, real strategies and real
 * GraalJS. The workloads in {@code test-workloads/} give the worker a known capacity or a stall of known length, so
 * the checks hold on a slow or noisy machine: nothing here asserts a speed.
 */
@Timeout(300)
class OpenLoopAndLimitsTest {

    /**
     * slow-echo.js serves at most about 2,000 requests a second; this is at least twice that, which
     * {@link #shouldOfferAtLeastTwiceWhatTheWorkerCanServe} measures.
     */
    private static final double OVERLOAD_RATE = 4_000;

    @TempDir
    Path tmp;

    /**
     * The overload tests' premise: the ceiling, the bare reducer in a loop with no handoff, is more than any strategy
     * can serve; {@link #OVERLOAD_RATE} must be at least twice it, or those tests overload nothing.
     */
    @Test
    void shouldOfferAtLeastTwiceWhatTheWorkerCanServe() throws Exception {
        CellResult ceiling = run(new CellConfig(io.handoffbench.harness.cell.CellId.ceiling(1),
                TestCells.settings(TestCells.workload("slow-echo.js"), Duration.ofMillis(500), Duration.ofSeconds(2),
                        LoadSettings.CLOSED_LOOP, TrapSettings.NONE)));

        assertThat(ceiling.problems()).isEmpty();
        assertThat(ceiling.throughput().tps()).as("slow-echo.js's capacity").isPositive()
                .isLessThanOrEqualTo(OVERLOAD_RATE / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.handoffbench.harness.testing.TestCells#strategies")
    void shouldRejectOverTheBoundAndKeepTheBacklogWithinIt(HandoffStrategyFactory strategy) throws Exception {
        // Fewer than the clients, so that even the rendezvous (which holds at most one request per client, each
        // client blocked in put) reaches the bound.
        int maxQueue = 5;
        CellResult result = run(cell(strategy, "slow-echo.js", 8, Duration.ofSeconds(1), Duration.ofSeconds(3),
                new LoadSettings(OVERLOAD_RATE, Arrivals.POISSON, maxQueue, null, 1), TrapSettings.NONE));

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        assertThat(counts.lost()).isZero();
        assertThat(counts.rejected()).as("requests over the bound").isPositive();
        assertThat(counts.completed()).isPositive();
        assertThat(result.backlog().peakDepth()).as("sampled depth").isLessThanOrEqualTo(maxQueue);
        assertThat(result.openLoop().targetRate()).isEqualTo(OVERLOAD_RATE);
        assertThat(result.openLoop().achievedRate()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.handoffbench.harness.testing.TestCells#strategies")
    void shouldEndCleanlyUnboundedAtTwiceCapacityAndShowTheGrowthInCorrectedLatency(HandoffStrategyFactory strategy)
            throws Exception {
        CellResult result = run(cell(strategy, "slow-echo.js", 8, Duration.ofSeconds(1), Duration.ofSeconds(3),
                new LoadSettings(OVERLOAD_RATE, Arrivals.CONSTANT, 0, null, 1), TrapSettings.NONE));

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        assertThat(counts.lost()).isZero();
        assertThat(counts.rejected()).isZero();
        // Requests due at 4,000/s, faster than slow-echo.js serves: some are still queued when the drain ends
        // (censored), or never sent (a client held in submit falls behind its schedule).
        assertThat(counts.censored() + counts.dueUnsent()).isPositive();
        assertThat(counts.submitted()).isEqualTo(counts.completed() + counts.errors() + counts.censored());
        // The schedule runs ahead of the worker, so latency from the intended send keeps growing: a request served
        // on time takes about a millisecond, while these wait hundreds. (How far past depends on how fast slow-echo.js
        // serves on the machine, so the bound is kept low.)
        assertThat(result.throughput().latency().maxUs()).isGreaterThan(250_000);
    }

    @Test
    void shouldShowAWorkerStallInCorrectedLatencyButNotInTheUncorrected() throws Exception {
        // One client at 1,000/s through the rendezvous: while the worker stalls for 300 ms the client is held in
        // put, so the requests due meanwhile leave late. Measured from their actual send they look fast;
        // measured from when they were due, about 300 of 3,000 wait up to 300 ms.
        CellResult result = run(cell(TestCells.strategy("rendezvous"), "stall-once.js", 1,
                Duration.ofSeconds(1), Duration.ofSeconds(3), new LoadSettings(1_000, Arrivals.CONSTANT, 0, null, 1),
                TrapSettings.NONE));

        assertThat(result.problems()).isEmpty();
        assertThat(result.accounting().lost()).isZero();
        assertThat(result.throughput().latency().p99Us()).as("corrected p99").isGreaterThan(150_000);
        assertThat(result.openLoop().uncorrected().p99Us()).as("uncorrected p99").isLessThan(50_000);
        assertThat(result.openLoop().uncorrected().maxUs()).as("the stalled request itself").isGreaterThan(250_000);

        Path hlog = tmp.resolve(result.hlogFile());
        assertThat(maxIn(hlog, null)).isGreaterThan(250_000_000L);
        assertThat(maxIn(hlog, LatencyLog.UNCORRECTED)).isGreaterThan(250_000_000L);
    }

    @Test
    void shouldCountTimeoutsAndDiscardTheLateReplies() throws Exception {
        CellResult result = run(cell(TestCells.strategy("mpsc"), "stall-sometimes.js", 4,
                Duration.ofMillis(500), Duration.ofSeconds(2),
                new LoadSettings(0, Arrivals.CONSTANT, 0, Duration.ofMillis(50), 1), TrapSettings.NONE));

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        assertThat(counts.lost()).isZero();
        assertThat(counts.timeouts()).isPositive();
        assertThat(counts.lateReplies()).as("replies that came after their client gave up").isPositive();
        assertThat(counts.completed()).isPositive();
        assertThat(result.throughput().latency().maxUs()).as("no answered request waited past the timeout").isLessThan(200_000);
    }

    @Test
    void shouldInterruptAnEndlessReducerAsATrapAndFinishTheRun() throws Exception {
        CellResult result = run(cell(TestCells.strategy("mpsc"), "endless-every-2000.js", 8,
                Duration.ofMillis(500), Duration.ofSeconds(2),
                LoadSettings.CLOSED_LOOP, TrapSettings.reducerTimeout(Duration.ofMillis(100))));

        assertThat(result.problems()).isEmpty();
        assertThat(result.accounting().lost()).isZero();
        assertThat(result.recovery().traps()).as("endless calls interrupted").isPositive();
        assertThat(result.recovery().workers()).isEqualTo(result.recovery().traps() + 1);
        assertThat(result.recovery().maxUs()).isPositive();
        assertThat(result.accounting().completed()).isPositive();
    }

    @Test
    void shouldInjectTrapsAndLoseNothing() throws Exception {
        CellResult result = run(cell(TestCells.strategy("linked"), Workloads.NOOP, 16,
                Duration.ofMillis(500), Duration.ofSeconds(2),
                LoadSettings.CLOSED_LOOP, TrapSettings.trapEvery(5_000)));

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        assertThat(counts.lost()).isZero();
        assertThat(result.recovery().traps()).isPositive();
        assertThat(result.recovery().workers()).isEqualTo(result.recovery().traps() + 1);
        // Each injected trap answers its own request with an error; no other request fails.
        assertThat(counts.errors()).isPositive().isLessThanOrEqualTo(result.recovery().traps());
        assertThat(result.recovery().p50Us()).isPositive().isLessThanOrEqualTo(result.recovery().maxUs());
    }

    /**
     * The stages and the round trip against what does not come from the same time stamps: the count of answers and
     * the wall clock, and the script's own clock. Each client's measured requests follow one another within the
     * measurement, so by Little's law the mean round trip is at most clients / TPS; the worker serves one at a time,
     * so the mean service is at most 1 / TPS. slow-echo.js waits in each call for the next millisecond tick of
     * {@code Date.now()}: about a millisecond when calls follow one another, half of one on average at worst. (No
     * lower bound from TPS: on a loaded machine clients lose the CPU between requests, outside every latency.)
     */
    @Test
    void shouldRecordEveryStageOfEveryAnsweredRequestAndAgreeWithLittlesLaw() throws Exception {
        int clients = 4;
        CellResult result = run(cell(TestCells.strategy("linked"), "slow-echo.js", clients,
                Duration.ofMillis(500), Duration.ofSeconds(2), LoadSettings.CLOSED_LOOP, TrapSettings.NONE));

        assertThat(result.problems()).isEmpty();
        long answered = result.throughput().latency().count();
        assertThat(answered).isPositive().isEqualTo(result.worker().answeredMeasured());
        assertThat(result.stages().queueWait().count()).isEqualTo(answered);
        assertThat(result.stages().service().count()).isEqualTo(answered);
        assertThat(result.stages().reply().count()).isEqualTo(answered);
        double secondsPerAnswerUs = 1e6 / result.throughput().tps();
        double roundTripUs = result.throughput().latency().meanUs();
        double serviceUs = result.stages().service().meanUs();
        // 2%: the stage histograms keep two significant digits
        assertThat(roundTripUs).as("mean round trip against clients / TPS")
                .isBetween(serviceUs, 1.02 * clients * secondsPerAnswerUs);
        assertThat(serviceUs).as("mean service against 1 / TPS and the script's clock")
                .isBetween(400.0, 1.02 * secondsPerAnswerUs);
        // The stages tile the round trip (the same stamps on both sides, so a consistency check, HdrHistogram
        // rounding aside).
        double stages = result.stages().queueWait().meanUs() + result.stages().service().meanUs()
                + result.stages().reply().meanUs();
        assertThat(stages).isBetween(roundTripUs * 0.98, roundTripUs * 1.02);
    }

    private CellResult run(CellConfig config) throws Exception {
        CellRunner runner = new CellRunner(new PrintStream(PrintStream.nullOutputStream()), () -> false);
        return runner.run(config, tmp.resolve(ResultLayout.hlog(config.id())), "test");
    }

    private static CellConfig cell(HandoffStrategyFactory strategy, String workload, int clients, Duration warmup,
                                   Duration duration, LoadSettings load, TrapSettings worker) throws Exception {
        return TestCells.cell(strategy, clients,
                TestCells.settings(TestCells.workload(workload), warmup, duration, load, worker));
    }

    /** The largest value in the intervals tagged {@code tag} (null: untagged) of {@code hlog}, in nanoseconds. */
    private static long maxIn(Path hlog, String tag) throws Exception {
        assertThat(Files.exists(hlog)).isTrue();
        long max = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            Histogram interval;
            while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
                if (java.util.Objects.equals(interval.getTag(), tag)) {
                    max = Math.max(max, interval.getMaxValue());
                }
            }
        }
        return max;
    }
}
