package io.handoffbench.harness.report;

import io.handoffbench.harness.output.SummaryRow;
import io.handoffbench.harness.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report table of TPS ratios, one column per clients level: each cell the ratio of two series' TPS with its 95%
 * confidence interval (Welch's t on log TPS; see {@link RatioEstimate}), from the trial rows.
 *
 * @param title  the section's heading
 * @param legend how to read it, said once above it
 * @param corner the heading of the label column, such as {@code strategy / rendezvous}
 * @param levels the clients levels, ascending
 * @param rows   one per compared series, a cell per level
 */
record RatioTable(String title, String legend, String corner, List<Integer> levels, List<Row> rows) {

    /** How a ratio cell reads, for every table's legend. */
    static final String HOW_TO_READ = "the ratio is of the trials' geometric mean TPS, and its 95% confidence "
            + "interval (Welch's t-test on log TPS) is in brackets: it excludes 1.00x exactly when that test calls "
            + "the difference significant at 5%. Needs two trials on each side.";

    /**
     * One compared series: its label, and its ratio at each level ("–" where either side has no trials, or a trial
     * with no TPS at all, which has no logarithm).
     */
    record Row(String label, List<String> cells) {
    }

    /** The table's headings: the label column, then one per level. */
    List<String> headings() {
        List<String> headings = new ArrayList<>(List.of(corner));
        levels.forEach(level -> headings.add(Format.clients(level)));
        return headings;
    }

    /** The cells of {@code series} against {@code baseline} at each of {@code levels}. */
    static List<String> cells(SweepResults results, String baseline, String series, List<Integer> levels) {
        List<String> cells = new ArrayList<>();
        for (int level : levels) {
            cells.add(cell(trialTps(results, baseline, level), trialTps(results, series, level)));
        }
        return List.copyOf(cells);
    }

    /** The trials' TPS of {@code series} at {@code clients}, in file order. */
    static double[] trialTps(SweepResults results, String series, int clients) {
        return results.trialRows().stream()
                .filter(row -> row.strategy().equals(series) && row.clients() == clients && !Double.isNaN(row.tps()))
                .mapToDouble(SummaryRow::tps)
                .toArray();
    }

    private static String cell(double[] baseline, double[] series) {
        if (baseline.length == 0 || series.length == 0) {
            return Format.NONE;
        }
        RatioEstimate ratio = RatioEstimate.of(baseline, series);
        if (ratio.verdict() == RatioEstimate.Verdict.NOT_POSITIVE) {
            return Format.NONE;
        }
        if (!ratio.hasInterval()) {
            return String.format(Locale.ROOT, "%.2fx", ratio.ratio());
        }
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", ratio.ratio(), ratio.low(), ratio.high());
    }
}
