package io.handoffbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.output.SummaryRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's per-level table: latencies that are only lower bounds say so. */
class LevelTableTest {

    @Test
    void shouldMarkTheLatenciesOfARowWithUnansweredRequestsAsLowerBounds() {
        LevelTable table = LevelTable.of(8, List.of(row("linked", true), row("mpsc", false)), 1_000_000);

        assertThat(cells(table, "linked")).contains("≥ 10.0", "≥ 30.0", "≥ 40.0");
        assertThat(cells(table, "mpsc")).contains("10.0", "30.0", "40.0").noneMatch(cell -> cell.contains("≥"));
    }

    private static List<String> cells(LevelTable table, String strategy) {
        return table.entries().stream().filter(entry -> entry.strategy().equals(strategy)).findFirst().orElseThrow()
                .cells();
    }

    private static SummaryRow row(String strategy, boolean lowerBounds) {
        return new SummaryRow(true, strategy, "transfer", 8, "all", 1, 0, 1_000.0, Double.NaN, Double.NaN, 0.001,
                10.0, 30.0, 40.0, true, true, 3.0, 4.0, 5.0, 15.0, 5.0, lowerBounds);
    }
}
