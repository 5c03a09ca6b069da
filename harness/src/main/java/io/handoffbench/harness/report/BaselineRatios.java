package io.handoffbench.harness.report;

import io.handoffbench.harness.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every strategy's TPS against the rendezvous's at each clients level: the ratio of mean TPS with its 95%
 * confidence interval (delta method, Welch's degrees of freedom; see {@link RatioEstimate}), from the trial rows.
 * SpacetimeDB's question, asked of every strategy: does an unbounded queue beat the rendezvous, and by how much?
 *
 * @param levels the clients levels where the rendezvous was measured, ascending
 * @param rows   one per other strategy, a cell per level
 */
record BaselineRatios(List<Integer> levels, List<Row> rows) {

    /** The strategy every other is compared with. */
    static final String BASELINE = "rendezvous";

    static final String LEGEND = "Each strategy's mean TPS over the rendezvous's at the same clients level, with the"
            + " 95% confidence interval of the ratio (delta method, Welch's degrees of freedom) in brackets; an"
            + " interval that excludes 1.00x is a significant difference. Needs two trials on each side.";

    /** One strategy's ratio at each level; a cell is "–" where either side has no trials. */
    record Row(String strategy, List<String> cells) {
    }

    /** The ratios, or empty when the sweep has no rendezvous. */
    static Optional<BaselineRatios> of(SweepResults results) {
        List<Integer> levels = results.clientLevels().stream()
                .filter(level -> !trialTps(results, BASELINE, level).isEmpty())
                .toList();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        for (String strategy : results.strategies()) {
            if (strategy.equals(BASELINE)) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (int level : levels) {
                cells.add(cell(trialTps(results, BASELINE, level), trialTps(results, strategy, level)));
            }
            rows.add(new Row(strategy, List.copyOf(cells)));
        }
        return Optional.of(new BaselineRatios(levels, List.copyOf(rows)));
    }

    /** The table's headings: the strategy, then one per level. */
    List<String> headings() {
        List<String> headings = new ArrayList<>(List.of("strategy / " + BASELINE));
        levels.forEach(level -> headings.add(Format.clients(level)));
        return headings;
    }

    private static String cell(List<Double> baseline, List<Double> strategy) {
        if (baseline.isEmpty() || strategy.isEmpty()) {
            return "–";
        }
        RatioEstimate ratio = RatioEstimate.of(array(baseline), array(strategy));
        if (Double.isNaN(ratio.low())) {
            return String.format(Locale.ROOT, "%.2fx", ratio.ratio());
        }
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", ratio.ratio(), ratio.low(), ratio.high());
    }

    private static List<Double> trialTps(SweepResults results, String strategy, int clients) {
        return results.trialRows().stream()
                .filter(row -> row.strategy().equals(strategy) && row.clients() == clients && !Double.isNaN(row.tps()))
                .map(SummaryRow::tps)
                .toList();
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
