package io.handoffbench.harness.report;

import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.stats.RatioEstimate;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Two sweeps compared cell by cell, B over A, for {@code compare}: each cell's TPS ratio and its efficiency ratio
 * (TPS over its own run's ceiling, see {@link RunTrials}), and the ratio of the two ceilings, which says whether the
 * machine itself differed between the runs.
 *
 * @param cells   every (series, clients) measured in both, in A's file order
 * @param ceiling B's ceiling over A's; {@code null} when either run has no ceiling
 */
public record SweepComparison(List<Cell> cells, RatioEstimate ceiling) {

    /**
     * One cell in both sweeps.
     *
     * @param tpsA       the geometric mean of A's trial TPS (the ratio's denominator)
     * @param tpsB       the same of B's
     * @param tps        B's trial TPS over A's
     * @param efficiency B's trial efficiencies over A's; {@code null} for the ceiling itself and when either run has
     *                   no ceiling or no trial paired with one
     */
    public record Cell(CellKey key, double tpsA, double tpsB, RatioEstimate tps, RatioEstimate efficiency) {
    }

    public static SweepComparison of(RunTrials a, RunTrials b) {
        List<Cell> cells = a.cells().stream().filter(b.cells()::contains).map(key -> {
            double[] tpsA = a.tps(key);
            double[] tpsB = b.tps(key);
            double[] efficiencyA = a.efficiency(key);
            double[] efficiencyB = b.efficiency(key);
            RatioEstimate efficiency = efficiencyA.length == 0 || efficiencyB.length == 0 ? null
                    : RatioEstimate.of(efficiencyA, efficiencyB);
            return new Cell(key, StatUtils.geometricMean(tpsA), StatUtils.geometricMean(tpsB),
                    RatioEstimate.of(tpsA, tpsB), efficiency);
        }).toList();
        RatioEstimate ceiling = a.hasCeiling() && b.hasCeiling() ? RatioEstimate.of(a.ceilingTps(), b.ceilingTps())
                : null;
        return new SweepComparison(cells, ceiling);
    }
}
