package io.handoffbench.harness.report;

import io.handoffbench.harness.cell.CellId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a sweep compared idle choices ({@code --idle=park,spin-park}, series {@code mpsc@park} and
 * {@code mpsc@spin-park}): each strategy's TPS under every other choice against its TPS under the first one listed,
 * at each clients level. The question it answers: for this strategy, on this machine, which way of waiting is
 * faster, and is the difference real?
 */
final class IdleRatios {

    static final String TITLE = "Idle policies compared";

    static final String LEGEND = "Each strategy's TPS under an idle choice over its TPS under the first choice "
            + "listed (the one after the slash), at the same clients level; " + RatioTable.HOW_TO_READ;

    private IdleRatios() {
    }

    /** The table, or empty when no strategy ran under two idle choices. */
    static Optional<RatioTable> of(SweepResults results) {
        // strategy -> its choices, in the order first seen
        Map<String, Set<String>> choices = new LinkedHashMap<>();
        for (String series : results.strategies()) {
            int at = series.lastIndexOf(CellId.IDLE_SEPARATOR);
            if (at > 0) {
                choices.computeIfAbsent(series.substring(0, at), k -> new LinkedHashSet<>())
                        .add(series.substring(at + 1));
            }
        }
        List<String> listed = results.run().text("options", "idle").map(ids -> List.of(ids.split(",")))
                .orElse(List.of());
        List<Integer> levels = results.clientLevels();
        List<RatioTable.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> strategy : choices.entrySet()) {
            List<String> ordered = new ArrayList<>(strategy.getValue());
            ordered.sort((x, y) -> Integer.compare(rank(listed, x), rank(listed, y)));
            if (ordered.size() < 2) {
                continue;
            }
            String first = ordered.get(0);
            String baseline = strategy.getKey() + CellId.IDLE_SEPARATOR + first;
            for (String other : ordered.subList(1, ordered.size())) {
                rows.add(new RatioTable.Row(strategy.getKey() + ": " + other + " / " + first,
                        RatioTable.cells(results, baseline, strategy.getKey() + CellId.IDLE_SEPARATOR + other,
                                levels)));
            }
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RatioTable(TITLE, LEGEND, "strategy: choice / first choice", levels,
                List.copyOf(rows)));
    }

    /** Where {@code choice} stands in the command line's {@code --idle} list; unlisted ones last. */
    private static int rank(List<String> listed, String choice) {
        int index = listed.indexOf(choice);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
