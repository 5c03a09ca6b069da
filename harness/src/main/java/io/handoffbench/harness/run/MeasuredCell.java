package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.client.ClientLedger;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.worker.WorkerStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a strategy's cell counted once every thread was joined, and the {@link CellResult} made of it: the self-check
 * ({@link SelfCheck}), the accounting, throughput, stages and recovery.
 *
 * @param clients      every client's tally, summed
 * @param lateReplies  replies that came after their client had given up
 * @param measureStart {@link System#nanoTime()} when the measurement began
 * @param warmup       the warm-up's per-second TPS and length; null if the cell ended before it did
 * @param cpu          the CPU clock over the measurement; null if the cell ended before measuring
 * @param runProblems  problems the run itself met (stopped early, clients stuck), before the self-check
 * @param endState     whether the script's final state is exactly what the answered requests imply
 */
record MeasuredCell(CellConfig config, EngineInfo engine, ClientLedger.Tally clients, WorkerStats stats,
                    LatencyLog log, long lateReplies, CellResult.Backlog backlog, long measureStart, CpuClock cpu,
                    RateSampler.Samples warmup, List<String> runProblems, EndStateCheck.Verdict endState) {

    /** The result; {@code hlogFile} is named in it only when the cell passed. */
    CellResult toResult(String hlogFile) {
        List<String> problems = new ArrayList<>(runProblems);
        problems.addAll(SelfCheck.problems(new SelfCheck.Evidence(clients, new SelfCheck.WorkerCounts(
                stats.failure() == null ? null : String.valueOf(stats.failure()), stats.executedMeasured(),
                stats.summaryProblems(), stats.overlappingConsumers(), stats.orderViolations(),
                stats.firstViolation()), log.total(LatencyLog.END_TO_END).getTotalCount())));
        if (endState.problem() != null) {
            problems.add(endState.problem());
        }
        double seconds = (Math.max(measureStart, clients.lastAnswerNanos()) - measureStart) / 1e9;
        long completed = clients.completed();
        LoadSettings load = config.settings().load();
        CellResult.OpenLoop openLoop = load.openLoop()
                ? new CellResult.OpenLoop(load.rate(), load.arrivals().id(),
                        seconds > 0 ? clients.submitted() / seconds : 0,
                        LatencySummary.of(log.total(LatencyLog.UNCORRECTED)))
                : null;
        CellResult.Stages stages = new CellResult.Stages(LatencySummary.of(log.total(LatencyLog.QUEUE_WAIT)),
                LatencySummary.of(log.total(LatencyLog.SERVICE)), LatencySummary.of(log.total(LatencyLog.REPLY)),
                stats.wakeMeanUs());
        double meanBatch = stats.batches() == 0 ? 0 : (double) stats.executed() / stats.batches();
        return new CellResult(CellResult.Identity.of(config), engine,
                new CellResult.Throughput(completed, clients.errors(), seconds, seconds > 0 ? completed / seconds : 0,
                        LatencySummary.of(log.total(LatencyLog.END_TO_END))),
                WarmupCheck.of(warmup == null ? List.of() : warmup.perSecond(),
                        config.settings().timing().steadyTolerance(), warmup == null ? 0 : warmup.seconds(),
                        engine.compilations()),
                new CellResult.WorkerActivity(stats.executed(), stats.batches(), meanBatch, stats.summaryJson(),
                        endState.note()),
                clients.accounting(lateReplies), openLoop, backlog, recovery(), stages,
                cpu == null ? null : cpu.use(stats.executedMeasured()),
                null, // the affinity: WorkerPinning.annotate adds it
                problems.isEmpty() ? hlogFile : null, List.copyOf(problems));
    }

    /** One-line notes on stderr about what the self-check does not count as a failure. */
    void printNotes(PrintStream progress) {
        EngineInfo.Compilations compiled = engine.compilations();
        if (compiled != null && !compiled.reducerCompiled()) {
            progress.printf("  note: reduce was not compiled by Truffle before the measurement began (%d call targets "
                    + "were; %d over the whole cell)%n", compiled.compiledBeforeMeasurement(), compiled.compiled());
        }
        if (compiled != null && compiled.failed() > 0) {
            progress.printf("  note: %d Truffle compilations failed, the first: %s%n", compiled.failed(),
                    compiled.firstFailure());
        }
        if (stats.traps() > 0) {
            progress.printf("  note: %d worker traps, %d workers started, %d reducer calls in contexts whose own "
                    + "count could not be read%n", stats.traps(), stats.generationsStarted(),
                    stats.unverifiedReducerCalls());
        }
        if (clients.errors() > 0) {
            progress.printf("  note: %d requests got an error reply (%d unserved at the end of the run)%n",
                    clients.errors(), clients.unserved());
        }
        if (clients.rejected() > 0 || clients.timeouts() > 0) {
            progress.printf("  note: %d requests rejected (--max-queue), %d timed out (--request-timeout)%n",
                    clients.rejected(), clients.timeouts());
        }
    }

    private CellResult.Recovery recovery() {
        Histogram nanos = stats.recoveryNanos();
        boolean any = nanos.getTotalCount() > 0;
        return new CellResult.Recovery(stats.traps(), stats.generationsStarted(),
                any ? nanos.getValueAtPercentile(50) / 1e3 : Double.NaN, any ? nanos.getMaxValue() / 1e3 : Double.NaN);
    }
}
