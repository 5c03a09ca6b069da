package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.stats.MeanWithCi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One (series, clients) over its trials, grouped once for both {@code summary.csv}'s aggregate row and the terminal
 * table: every value comes from its {@link SummaryColumn}, so the two cannot disagree.
 *
 * @param key        the series and clients level
 * @param cells      its trials, in the order they ran
 * @param tps        the mean TPS over the trials with its 95% confidence interval
 * @param ceilingTps the bare worker's mean TPS in the same sweep; NaN when the sweep has no ceiling
 */
public record Aggregate(CellKey key, List<CellResult> cells, MeanWithCi tps, double ceilingTps) {

    public Aggregate {
        cells = List.copyOf(cells);
    }

    /**
     * One aggregate per (series, clients) found in {@code trials}, the ceiling first, then by clients, then in the
     * order series first appear.
     */
    public static List<Aggregate> of(List<CellResult> trials) {
        Map<CellKey, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult trial : trials) {
            groups.computeIfAbsent(new CellKey(trial.cell().series(), trial.cell().clients()), k -> new ArrayList<>())
                    .add(trial);
        }
        double ceiling = groups.values().stream()
                .filter(group -> group.get(0).isCeiling())
                .findFirst()
                .map(group -> tpsOf(group).mean())
                .orElse(Double.NaN);
        List<String> seriesOrder = trials.stream().map(c -> c.cell().series()).distinct().toList();
        List<Aggregate> aggregates = new ArrayList<>();
        groups.forEach((key, group) -> aggregates.add(new Aggregate(key, group, tpsOf(group), ceiling)));
        aggregates.sort(Comparator.comparing((Aggregate a) -> !a.isCeiling())
                .thenComparingInt(Aggregate::clients)
                .thenComparingInt(a -> seriesOrder.indexOf(a.strategy())));
        return aggregates;
    }

    private static MeanWithCi tpsOf(List<CellResult> group) {
        return MeanWithCi.of(group.stream().mapToDouble(CellResult::tps).toArray());
    }

    /** The series name: a strategy id, {@code id@choice}, or the ceiling's. */
    public String strategy() {
        return key.series();
    }

    public int clients() {
        return key.clients();
    }

    public int trials() {
        return cells.size();
    }

    public boolean isCeiling() {
        return CellId.CEILING.equals(key.series());
    }

    /** The mean TPS over the ceiling's mean TPS; NaN when the sweep has no ceiling. */
    public double efficiency() {
        return tps.mean() / ceilingTps;
    }

    /** This group's value in a numeric column, as its aggregate row holds it before rounding; NaN when blank. */
    public double number(SummaryColumn column) {
        return column.aggregate().of(this) instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    /** This group's value in a flag column: true only when every trial's is. */
    public boolean flag(SummaryColumn column) {
        return Boolean.TRUE.equals(column.aggregate().of(this));
    }
}
