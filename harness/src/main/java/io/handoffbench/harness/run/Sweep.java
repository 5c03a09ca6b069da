package io.handoffbench.harness.run;

import io.handoffbench.harness.output.Aggregate;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SummaryCsv;
import io.handoffbench.harness.output.SweepProgress;
import io.handoffbench.harness.worker.Workload;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A sweep: every (strategy, idle choice, clients, trial) cell, plus the bare-worker ceiling once per trial, run one
 * after the other. Cells are interleaved: trial 1 of every level, strategy and choice, then trial 2, and so on, so
 * that drift on a noisy machine touches every series alike. A strategy runs once per idle choice whose policy (at
 * that level) it honours, and once (waiting its own way) when it honours none of them. After each cell
 * {@code summary.csv} and {@code run.json} are rewritten whole, so an interrupted sweep keeps every finished cell
 * readable.
 *
 * <p>Threading: one controlling thread runs it; {@code stopRequested} may flip from a shutdown hook.
 */
public final class Sweep {

    /** What a sweep did. {@code interrupted} when a stop came before every planned cell ran. */
    public record Outcome(List<CellResult> all, List<CellResult> passed, boolean interrupted) {
        public boolean allPassed() {
            return all.stream().allMatch(CellResult::passed);
        }
    }

    private final ResultFolder folder;
    private final RunManifest manifest;
    private final CellExecutor executor;
    private final boolean allowInterpreter;
    private final BooleanSupplier stopRequested;

    public Sweep(ResultFolder folder, RunManifest manifest, CellExecutor executor, boolean allowInterpreter,
                 BooleanSupplier stopRequested) {
        this.folder = folder;
        this.manifest = manifest;
        this.executor = executor;
        this.allowInterpreter = allowInterpreter;
        this.stopRequested = stopRequested;
    }

    /** The cells of a sweep in the order they run. */
    public static List<CellConfig> plan(List<HandoffStrategyFactory> strategies, List<Integer> clientLevels,
                                        int trials, Workload workload, boolean virtualClients, Duration warmup,
                                        Duration duration, double alpha, long seed, double steadyTolerance,
                                        LoadSettings load, List<IdleChoice> idles, int cores) {
        boolean named = idles.size() > 1;
        List<CellConfig> cells = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            cells.add(CellConfig.ceiling(workload, trial, warmup, duration, alpha, seed, steadyTolerance));
            for (int clients : clientLevels) {
                for (HandoffStrategyFactory strategy : strategies) {
                    List<IdleChoice> honoured = idles.stream()
                            .filter(choice -> strategy.honours(choice.policyFor(clients, cores)))
                            .toList();
                    for (IdleChoice choice : honoured.isEmpty() ? idles.subList(0, 1) : honoured) {
                        cells.add(new CellConfig(strategy, workload, clients, trial, virtualClients, warmup, duration,
                                alpha, seed, steadyTolerance, load, choice.policyFor(clients, cores),
                                named ? choice.id() : null));
                    }
                }
            }
        }
        return cells;
    }

    public Outcome run(List<CellConfig> plan, int trials, SweepProgress progress) throws Exception {
        List<CellResult> all = new ArrayList<>();
        List<CellResult> passed = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (stopRequested.getAsBoolean()) {
                return new Outcome(all, passed, true);
            }
            CellConfig cell = plan.get(i);
            progress.starting(i, cell);
            CellResult result = executor.execute(cell, folder);
            if (result.passed() && !result.jit() && !allowInterpreter) {
                result = result.withProblem("GraalJS ran without its JIT in this cell's JVM");
            }
            all.add(result);
            manifest.addCell(result);
            if (result.passed()) {
                passed.add(result);
                SummaryCsv.write(folder, passed, trials);
                if (result.isCeiling()) {
                    Aggregate.of(passed).stream().filter(Aggregate::isCeiling).findFirst()
                            .ifPresent(ceiling -> manifest.setCeiling(ceiling.tps()));
                }
            }
            manifest.write();
            progress.finished(i, cell, result);
        }
        return new Outcome(all, passed, stopRequested.getAsBoolean());
    }
}
