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
 * @param goodAnswers  good answers every client received over the whole run, warm-up included
 * @param lateReplies  replies that came after their client had given up
 * @param doubleCompletions answers to a request already answered: a broken worker
 * @param measureStart {@link System#nanoTime()} when the measurement began
 * @param measureEnd   {@link System#nanoTime()} when it ended (0 with {@code measureStart} if it never began)
 * @param warmup       the warm-up's per-second TPS and length; null if the cell ended before it did
 * @param cpu          the CPU clock over the measurement; null if the cell ended before measuring
 * @param runProblems  problems the run itself met (stopped early, clients stuck), before the self-check
 * @param endState     whether the script's final state is exactly what the answered requests imply
 */
record MeasuredCell(CellConfig config, EngineInfo engine, ClientLedger.Tally clients, long goodAnswers,
                    WorkerStats stats, LatencyLog log, long lateReplies, long doubleCompletions,
                    CellResult.Backlog backlog, long measureStart, long measureEnd, CpuClock cpu,
                    RateSampler.Samples warmup, List<String> runProblems, EndStateCheck.Verdict endState) {

    /** The result; {@code hlogFile} is named in it only when the cell passed. */
    CellResult toResult(String hlogFile) {
        List<String> problems = new ArrayList<>(runProblems);
        problems.addAll(SelfCheck.problems(new SelfCheck.Evidence(clients, new SelfCheck.WorkerCounts(
                stats.failure() == null ? null : String.valueOf(stats.failure()), stats.executedMeasured(),
                stats.takenMeasured(), stats.answeredMeasured(), scriptProblems(), stats.orderViolations(),
                stats.firstViolation(), doubleCompletions, lateReplies), log.total(LatencyLog.END_TO_END)
                .getTotalCount())));
        if (endState.problem() != null) {
            problems.add(endState.problem());
        }
        double seconds = (Math.max(measureStart, clients.lastAnswerNanos()) - measureStart) / 1e9;
        long completed = clients.completed();
        LoadSettings load = config.settings().load();
        double windowSeconds = measureStart == 0 ? 0 : (measureEnd - measureStart) / 1e9;
        CellResult.OpenLoop openLoop = load.openLoop()
                ? new CellResult.OpenLoop(load.rate(), load.arrivals().id(),
                        windowSeconds > 0 ? clients.submitted() / windowSeconds : 0,
                        LatencySummary.of(log.total(LatencyLog.UNCORRECTED)))
                : null;
        CellResult.Stages stages = new CellResult.Stages(LatencySummary.of(log.total(LatencyLog.QUEUE_WAIT)),
                LatencySummary.of(log.total(LatencyLog.SERVICE)), LatencySummary.of(log.total(LatencyLog.REPLY)),
                stats.wakeMeanUs());
        return new CellResult(CellResult.Identity.of(config), engine,
                new CellResult.Throughput(completed, clients.errors(), seconds, seconds > 0 ? completed / seconds : 0,
                        LatencySummary.of(latencyWithLowerBounds(load))),
                WarmupCheck.of(warmup == null ? List.of() : warmup.perSecond(),
                        config.settings().timing().steadyTolerance(), warmup == null ? 0 : warmup.seconds(),
                        engine.compilations()),
                new CellResult.WorkerActivity(stats.executed(), stats.batches(), stats.requestsPerDrain(),
                        stats.summaryJson(), endState.note(), stats.answeredMeasured()),
                clients.accounting(lateReplies), openLoop, backlog, recovery(), stages,
                cpu == null ? null : cpu.use(stats.executedMeasured()),
                null, // the affinity: WorkerPinning.annotate adds it
                problems.isEmpty() ? hlogFile : null, List.copyOf(problems));
    }

    /** The script's own counts: its total balance in each context, its calls against the clients' answers. */
    private List<String> scriptProblems() {
        List<String> problems = new ArrayList<>(stats.summaryProblems());
        problems.addAll(ScriptCountCheck.problems(stats, goodAnswers,
                config.settings().load().requestTimeout() != null));
        return problems;
    }

    /**
     * The answered requests' latencies, and in an open loop also the lower bounds of those of the measured requests
     * never answered (censored, due but unsent): leaving these out would report the survivors of an overload only.
     */
    private Histogram latencyWithLowerBounds(LoadSettings load) {
        Histogram answered = log.total(LatencyLog.END_TO_END);
        if (!load.openLoop() || log.total(LatencyLog.CENSORED).getTotalCount() == 0) {
            return answered;
        }
        Histogram all = answered.copy();
        all.add(log.total(LatencyLog.CENSORED));
        return all;
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
            progress.printf("  note: %d requests got an error reply%n", clients.errors());
        }
        if (clients.censored() > 0 || clients.dueUnsent() > 0) {
            progress.printf("  note: %d measured requests were never answered (%d sent, failed when the drain ended; "
                    + "%d due but never sent): latencies are lower bounds%n", clients.censored() + clients.dueUnsent(),
                    clients.censored(), clients.dueUnsent());
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
