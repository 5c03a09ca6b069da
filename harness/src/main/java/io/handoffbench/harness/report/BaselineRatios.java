package io.handoffbench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every strategy's TPS against the rendezvous's at each clients level. SpacetimeDB's question, asked of every
 * strategy: does an unbounded queue beat the rendezvous, and by how much?
 */
final class BaselineRatios {

    /** The strategy every other is compared with. */
    static final String BASELINE = "rendezvous";

    static final String TITLE = "Against the rendezvous";

    static final String LEGEND = "Each strategy's TPS over the rendezvous's at the same clients level; "
            + RatioTable.HOW_TO_READ;

    private BaselineRatios() {
    }

    /** The table, or empty when the sweep has no rendezvous. */
    static Optional<RatioTable> of(SweepResults results) {
        List<Integer> levels = results.clientLevels().stream()
                .filter(level -> RatioTable.trialTps(results, BASELINE, level).length > 0)
                .toList();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        List<RatioTable.Row> rows = new ArrayList<>();
        for (String strategy : results.strategies()) {
            if (!strategy.equals(BASELINE)) {
                rows.add(new RatioTable.Row(strategy, RatioTable.cells(results, BASELINE, strategy, levels)));
            }
        }
        return Optional.of(new RatioTable(TITLE, LEGEND, "strategy / " + BASELINE, levels, List.copyOf(rows)));
    }
}
