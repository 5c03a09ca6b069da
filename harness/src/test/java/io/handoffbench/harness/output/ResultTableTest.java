package io.handoffbench.harness.output;

import static io.handoffbench.harness.testing.TestResults.ceiling;
import static io.handoffbench.harness.testing.TestResults.openLoop;
import static io.handoffbench.harness.testing.TestResults.trial;
import static io.handoffbench.harness.testing.TestResults.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal table: which latencies are lower bounds, and how an open loop's requests ended. */
class ResultTableTest {

    @Test
    void shouldMarkTheLatenciesOfAnOpenLoopWithUnansweredRequestsAsLowerBounds() {
        CellResult overloaded = unanswered(openLoop(trial("linked", 8, 1, "own", 1), 4000, 3999), 300, 20);
        CellResult healthy = openLoop(trial("mpsc", 8, 1, "park", 1), 4000, 3999);

        String table = print(List.of(ceiling(1, 1e6), overloaded, healthy));

        // TestResults' latencies: p50 10, p99 30, p99.9 40 µs.
        assertThat(line(table, "linked")).contains(" >=10.0 ", " >=30.0 ", " >=40.0 ");
        assertThat(line(table, "mpsc")).contains(" 30.0 ").doesNotContain(">=");
        assertThat(table).contains("censored", "due unsent");
        assertThat(table.lines().filter(l -> l.startsWith("linked")).toList().get(1)).contains(" 300 ", " 20 ");
    }

    @Test
    void shouldShowNoUnsentColumnInAClosedLoop() {
        String table = print(List.of(ceiling(1, 1e6), trial("mpsc", 8, 1, "park", 1)));

        assertThat(line(table, "mpsc")).doesNotContain(">=");
        assertThat(table).contains("censored").doesNotContain("due unsent");
    }

    private static String print(List<CellResult> cells) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "transfer", cells, cells);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The first row of the table for {@code strategy}. */
    private static String line(String table, String strategy) {
        return table.lines().filter(l -> l.startsWith(strategy + " ")).findFirst().orElseThrow();
    }
}
