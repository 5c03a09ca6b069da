package io.handoffbench.harness.report;

import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.output.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sweep folder's trials as {@code compare} reads them: each cell's trial TPS by trial number, and each trial's
 * efficiency, its TPS over the same run's ceiling. Immutable.
 *
 * <p>A trial is divided by the ceiling trial of the same number, not by the run's mean ceiling: a sweep runs ceiling
 * trial t first in round t and then every cell's trial t ({@code sweep.SweepPlan}), so the pair shares that round's
 * machine. Dividing by the mean would treat the ceiling as exact and leave its own trial-to-trial scatter out of the
 * efficiency's interval, a gate that fires on the ceiling's noise; dividing by its own round's ceiling carries that
 * scatter into each trial's value, where Welch's test sees it, and cancels any drift that slows a whole round. A
 * trial whose round has no ceiling trial has no efficiency.
 */
public final class RunTrials {

    private static final CellKey CEILING = new CellKey(CellId.CEILING, 0);

    private final Map<CellKey, Map<String, Double>> tpsByTrial;

    private RunTrials(Map<CellKey, Map<String, Double>> tpsByTrial) {
        this.tpsByTrial = tpsByTrial;
    }

    /** The trial rows of {@code rows} (a folder's {@code summary.csv}) that measured a TPS, in file order. */
    public static RunTrials of(List<SummaryRow> rows) {
        Map<CellKey, Map<String, Double>> tps = new LinkedHashMap<>();
        for (SummaryRow row : rows) {
            if (!row.aggregate() && !Double.isNaN(row.tps())) {
                tps.computeIfAbsent(new CellKey(row.strategy(), row.clients()), key -> new LinkedHashMap<>())
                        .putIfAbsent(row.trial(), row.tps());
            }
        }
        return new RunTrials(tps);
    }

    /** Every cell with a trial, the ceiling's included (clients 0), in file order. */
    public Set<CellKey> cells() {
        return tpsByTrial.keySet();
    }

    /** True when the run measured the bare-worker ceiling. */
    public boolean hasCeiling() {
        return tpsByTrial.containsKey(CEILING);
    }

    /** The cell's trial TPS, in file order. */
    public double[] tps(CellKey cell) {
        return tpsByTrial.get(cell).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The ceiling's trial TPS; empty without a ceiling. */
    public double[] ceilingTps() {
        return hasCeiling() ? tps(CEILING) : new double[0];
    }

    /**
     * Each of the cell's trials' TPS over the ceiling trial of the same number, for the trials that have one; empty
     * for the ceiling itself (its efficiency is 1 by definition) and for a run without a ceiling.
     */
    public double[] efficiency(CellKey cell) {
        if (cell.equals(CEILING) || !hasCeiling()) {
            return new double[0];
        }
        Map<String, Double> ceiling = tpsByTrial.get(CEILING);
        List<Double> efficiency = new ArrayList<>();
        tpsByTrial.get(cell).forEach((trial, tps) -> {
            Double ceilingTps = ceiling.get(trial);
            if (ceilingTps != null) {
                efficiency.add(tps / ceilingTps);
            }
        });
        return efficiency.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
