package io.handoffbench.harness.output;

import static io.handoffbench.harness.testing.TestResults.ceiling;
import static io.handoffbench.harness.testing.TestResults.openLoop;
import static io.handoffbench.harness.testing.TestResults.trial;
import static io.handoffbench.harness.testing.TestResults.unanswered;
import static io.handoffbench.harness.testing.TestResults.unsteady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.testing.CommittedResults;
import io.handoffbench.harness.testing.SweepFolderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.csv read back: what {@link SummaryCsv} writes, the older format without format_version, and bad files. */
class SummaryReaderTest {

    private static final List<CellResult> SWEEP = List.of(
            ceiling(1, 1_000_000), trial("mpsc", 4, 1, "park", 1), unsteady(trial("mpsc@spin-park", 4, 1, "spin-park", 2)),
            ceiling(2, 1_020_000), trial("mpsc", 4, 2, "park", 3), trial("mpsc@spin-park", 4, 2, "spin-park", 4));

    @TempDir
    Path tmp;

    @Test
    void shouldReadBackWhatItWrites() throws Exception {
        SummaryCsv.write(ResultFolder.existing(tmp), SWEEP, 2);

        List<SummaryRow> rows = SummaryReader.read(tmp.resolve(ResultLayout.SUMMARY_CSV));

        assertThat(rows).extracting(row -> (row.aggregate() ? "aggregate " : "trial ") + row.strategy() + " "
                + row.clients() + " " + row.trial()).containsExactly(
                "trial ceiling 0 1", "trial mpsc 4 1", "trial mpsc@spin-park 4 1",
                "trial ceiling 0 2", "trial mpsc 4 2", "trial mpsc@spin-park 4 2",
                "aggregate ceiling 0 all", "aggregate mpsc 4 all", "aggregate mpsc@spin-park 4 all");
        assertThat(rows.get(1)).isEqualTo(new SummaryRow(false, "mpsc", "transfer", 4, "1", 2, 2, 100_000.0,
                Double.NaN, Double.NaN, 0.099, 10.0, 30.0, 40.0, true, true, 3.0, 4.0, 5.0, 15.0, 5.0, false));
        SummaryRow spinPark = rows.get(8);
        assertThat(spinPark.tps()).isEqualTo(300_000.0);
        assertThat(spinPark.tpsCi95HalfWidth()).isGreaterThan(0);
        assertThat(spinPark.p50Us()).as("median of 20 and 40").isEqualTo(30.0);
        assertThat(spinPark.errors()).as("4 + 8").isEqualTo(12);
        assertThat(spinPark.steady()).isFalse();
        assertThat(spinPark.hasStages()).isTrue();
        SummaryRow ceiling = rows.get(6);
        assertThat(ceiling.ceiling()).isTrue();
        assertThat(ceiling.efficiency()).isEqualTo(1.0);
        assertThat(ceiling.p50Us()).isNaN();
        assertThat(ceiling.hasStages()).isFalse();
    }

    @Test
    void shouldReadThatAnOpenLoopsLatenciesAreLowerBoundsWhenRequestsWentUnanswered() throws Exception {
        SummaryCsv.write(ResultFolder.existing(tmp), List.of(ceiling(1, 1_000_000),
                unanswered(openLoop(trial("linked", 8, 1, "own", 1), 4000, 3999), 300, 0),
                unanswered(openLoop(trial("rendezvous", 8, 1, "own", 1), 4000, 10), 0, 3000),
                openLoop(trial("mpsc", 8, 1, "park", 1), 4000, 3999)), 1);

        List<SummaryRow> rows = SummaryReader.read(tmp.resolve(ResultLayout.SUMMARY_CSV));

        assertThat(rows).filteredOn(row -> !row.aggregate()).extracting(SummaryRow::latencyLowerBound)
                .containsExactly(false, true, true, false);
    }

    @Test
    void shouldReadFormatOneWhichHasNoFormatVersionColumn() throws Exception {
        Path dir = SweepFolderFixture.write(tmp);
        assertThat(Files.readAllLines(dir.resolve("summary.csv")).get(0)).doesNotContain("format_version");

        List<SummaryRow> rows = SummaryReader.read(dir.resolve("summary.csv"));

        assertThat(rows).hasSize(15);
        assertThat(rows).filteredOn(SummaryRow::aggregate).extracting(SummaryRow::strategy)
                .containsExactly("linked", "rendezvous", "linked", "rendezvous", "ceiling");
        assertThat(rows.get(2).tps()).isEqualTo(405_000.0);
    }

    @Test
    void shouldReadEveryCommittedSweepFolder() throws Exception {
        List<Path> folders = CommittedResults.sweepFolders();
        assertThat(folders).extracting(dir -> dir.getFileName().toString())
                .contains("reference-sweep", "reference-sweep-noop", "idle-policies", "capacity-c64");

        for (Path dir : folders) {
            List<SummaryRow> rows = SummaryReader.read(dir.resolve(ResultLayout.SUMMARY_CSV));
            assertThat(rows).as(dir.toString()).anyMatch(row -> row.aggregate() && !row.ceiling())
                    .allMatch(row -> row.clients() > 0 || row.ceiling())
                    .allMatch(row -> !Double.isNaN(row.tps()));
        }
    }

    @Test
    void shouldRefuseANewerFormatInOneLineBeforeLookingAtItsColumns() throws Exception {
        Path csv = Files.writeString(tmp.resolve("summary.csv"), "row,strategy,tps_mean,format_version\n"
                + "aggregate,mpsc,100000.0,4\n");

        assertThatThrownBy(() -> SummaryReader.read(csv)).isInstanceOf(ResultFormatException.class)
                .hasMessage(csv + " is format_version 4, newer than this harness reads (1 to 3); use the harness "
                        + "that wrote it, or a newer one");
    }

    @Test
    void shouldNameTheLineOfABadFormatVersion() throws Exception {
        SummaryCsv.write(ResultFolder.existing(tmp), SWEEP, 2);
        Path csv = tmp.resolve(ResultLayout.SUMMARY_CSV);
        List<String> lines = Files.readAllLines(csv);
        lines.set(3, lines.get(3).replaceAll("," + ResultLayout.FORMAT_VERSION + "$", ",three"));
        Files.write(csv, lines);

        assertThatThrownBy(() -> SummaryReader.read(csv))
                .hasMessage(csv + " line 4: format_version is 'three', expected a whole number");
    }

    @Test
    void shouldSayWhatIsWrongWithAFileThatIsNotASummary() throws Exception {
        Path noColumns = Files.writeString(tmp.resolve("columns.csv"), "row,strategy,clients,tps\n");
        Path badNumber = Files.writeString(tmp.resolve("number.csv"), SweepFolderFixture.HEADER + "\n"
                + SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.get(0).replace("390000.0", "390k") + "\n");
        Path latin1 = Files.write(tmp.resolve("latin1.csv"), (SweepFolderFixture.HEADER + "\n"
                + SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.get(0).replace("linked", "linked\u00e9") + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path unclosed = Files.writeString(tmp.resolve("quote.csv"), SweepFolderFixture.HEADER + "\n"
                + "trial,\"linked,transfer\n");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");

        assertThatThrownBy(() -> SummaryReader.read(noColumns)).hasMessage(noColumns + " lacks the column(s) "
                + "workload, trial, trials, errors, tps_ci95_low, tps_ci95_high, efficiency, p50_us, p99_us, p999_us, "
                + "steady, jit; is it from a sweep (row,strategy,workload,clients,...)?");
        assertThatThrownBy(() -> SummaryReader.read(badNumber))
                .hasMessage(badNumber + " line 2: tps is '390k', expected a number with '.' decimals, or blank");
        assertThatThrownBy(() -> SummaryReader.read(latin1)).hasMessage(latin1 + " is not UTF-8 text");
        assertThatThrownBy(() -> SummaryReader.read(unclosed)).hasMessageStartingWith(unclosed
                + " is not a readable CSV file: ");
        assertThatThrownBy(() -> SummaryReader.read(empty)).hasMessageStartingWith(empty + " is empty");
    }
}
