package io.handoffbench.harness.testing;

import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import java.util.List;

/**
 * Hand-built {@link CellResult}s with round numbers, so that what is written from them can be checked by hand.
 *
 * <p>A strategy's trial at {@code scale} 1 measured 10 s: 1,000,000 answered and 2 errors (TPS 100,000); latency
 * p50 10, p90 20, p99 30, p99.9 40, max 50, mean 12 µs; mean batch 2.5; peak depth 8, peak heap 64.5 MB; 1 worker,
 * no traps; CPU 1.5 cores, 15 µs a request (worker 5 µs, 0.5 cores); queue wait, service and reply means 3, 4 and 5
 * µs (p50 the same, p99 three times), wake 0.25 µs. Every measured value is multiplied by {@code scale}, so that
 * trials at scales 1, 2 and 4 have a known sum, median, mean and maximum.
 */
public final class TestResults {

    public static final EngineInfo ENGINE = new EngineInfo("GraalVM CE", "25.0.5", true);

    private TestResults() {
    }

    /** A strategy's closed-loop trial that passed, its worker under {@code idle}. */
    public static CellResult trial(String series, int clients, int trial, String idle, double scale) {
        long completed = Math.round(1_000_000 * scale);
        long errors = Math.round(2 * scale);
        return new CellResult(
                new CellResult.Identity(series, "transfer", clients, "virtual", trial, idle, 1),
                ENGINE,
                new CellResult.Throughput(completed, errors, 10.0, 100_000 * scale, latency(10 * scale)),
                new CellResult.Warmup(List.of(90_000.0, 100_000.0), true, "steady"),
                new CellResult.WorkerActivity(completed + errors, Math.round(400_000 * scale), 2.5 * scale, null,
                        null, completed),
                new CellResult.Accounting(completed + errors, completed, errors, 0, 0, 0, 0, completed + errors, 0),
                null,
                new CellResult.Backlog(Math.round(8 * scale), List.of(1L, 8L), 64.5 * scale, List.of(60.0, 64.5), 0,
                        256.0 * scale),
                new CellResult.Recovery(0, 1, Double.NaN, Double.NaN),
                new CellResult.Stages(stage(3 * scale), stage(4 * scale), stage(5 * scale), 0.25 * scale),
                new CpuClock.CpuUse(1.5 * scale, 15 * scale, 5 * scale, 0.5 * scale, Double.NaN, 0, Double.NaN,
                        Double.NaN),
                null,
                series + "-c" + clients + "-t" + trial + ".hlog",
                List.of());
    }

    /** The bare worker's trial: no clients, latency, accounting, backlog, recovery or stages; CPU as a trial's. */
    public static CellResult ceiling(int trial, double tps) {
        long completed = Math.round(tps * 10);
        return new CellResult(
                new CellResult.Identity(CellId.CEILING, "transfer", 0, "virtual", trial, null, 0),
                ENGINE,
                new CellResult.Throughput(completed, 0, 10.0, tps, latency(Double.NaN)),
                new CellResult.Warmup(List.of(tps), true, "steady"),
                new CellResult.WorkerActivity(completed, 0, 0, null, null, completed),
                null, null, null, null, null,
                new CpuClock.CpuUse(1.0, 1.0, 1.0, 1.0, Double.NaN, 0, Double.NaN, Double.NaN),
                null,
                null,
                List.of());
    }

    /** {@code closed} run in an open loop asking for {@code targetRate} and sending {@code achievedRate}. */
    public static CellResult openLoop(CellResult closed, double targetRate, double achievedRate) {
        return new CellResult(closed.cell(), closed.engine(), closed.throughput(), closed.warmup(), closed.worker(),
                closed.accounting(), new CellResult.OpenLoop(targetRate, "poisson", achievedRate, latency(5)),
                new CellResult.Backlog(closed.backlog().peakDepth(), List.of(), closed.backlog().peakHeapMb(),
                        List.of(), 1000, closed.backlog().peakRssMb()), closed.recovery(), closed.stages(), closed.cpu(), closed.affinity(),
                closed.hlogFile(),
                closed.problems());
    }

    /** {@code cell} with {@code traps} worker traps, each recovered from by a new worker. */
    public static CellResult trapped(CellResult cell, long traps, double recoveryP50Us, double recoveryMaxUs) {
        return new CellResult(cell.cell(), cell.engine(), cell.throughput(), cell.warmup(), cell.worker(),
                cell.accounting(), cell.openLoop(), cell.backlog(),
                new CellResult.Recovery(traps, (int) traps + 1, recoveryP50Us, recoveryMaxUs), cell.stages(),
                cell.cpu(), cell.affinity(), cell.hlogFile(), cell.problems());
    }

    /**
     * {@code cell} (an open loop's) with {@code censored} measured requests sent and never answered, and
     * {@code dueUnsent} due and never sent: its latency percentiles are then lower bounds.
     */
    public static CellResult unanswered(CellResult cell, long censored, long dueUnsent) {
        CellResult.Accounting a = cell.accounting();
        return new CellResult(cell.cell(), cell.engine(), cell.throughput(), cell.warmup(), cell.worker(),
                new CellResult.Accounting(a.submitted() + censored, a.completed(), a.errors(), censored, a.rejected(),
                        a.timeouts(), a.lateReplies(), a.due() + censored + dueUnsent, dueUnsent),
                cell.openLoop(), cell.backlog(), cell.recovery(), cell.stages(), cell.cpu(), cell.affinity(),
                cell.hlogFile(), cell.problems());
    }

    /** {@code cell} with its warm-up not steady. */
    public static CellResult unsteady(CellResult cell) {
        return new CellResult(cell.cell(), cell.engine(), cell.throughput(),
                new CellResult.Warmup(cell.warmup().tpsPerSecond(), false, "still climbing"), cell.worker(),
                cell.accounting(), cell.openLoop(), cell.backlog(), cell.recovery(), cell.stages(), cell.cpu(),
                cell.affinity(), cell.hlogFile(), cell.problems());
    }

    /** p50 {@code p50}, p90 twice, p99 three times, p99.9 four times, max five times, mean 1.2 times it. */
    private static LatencySummary latency(double p50) {
        return new LatencySummary(Double.isNaN(p50) ? 0 : 1_000, 1.2 * p50, p50, 2 * p50, 3 * p50, 4 * p50, 5 * p50);
    }

    /** A stage with mean and p50 {@code mean}, p99 three times it. */
    private static LatencySummary stage(double mean) {
        return new LatencySummary(1_000, mean, mean, 2 * mean, 3 * mean, 4 * mean, 5 * mean);
    }
}
