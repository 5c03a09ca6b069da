package io.handoffbench.harness.sweep;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.output.Aggregate;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SummaryCsv;
import io.handoffbench.harness.output.SweepProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A sweep: the cells of a {@link SweepPlan}, run one after the other through a {@link CellExecutor}. After each cell
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
            if (result.passed() && result.engine().nothingCompiled() && !allowInterpreter) {
                result = result.withProblem(result.engine().jit()
                        ? "Truffle compiled nothing in this cell's JVM, so it measured GraalJS's interpreter (a "
                                + "longer --warmup, or --allow-interpreter to measure it anyway)"
                        : "GraalJS ran without its JIT in this cell's JVM");
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
