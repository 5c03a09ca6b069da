package io.handoffbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.output.SummaryReader;
import io.handoffbench.harness.output.SummaryRow;
import io.handoffbench.harness.testing.SweepFolderFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-made sweep's trials, and each trial's TPS over the ceiling trial of its own round. */
class RunTrialsTest {

    @TempDir
    Path tmp;

    @Test
    void shouldDivideEachTrialByTheCeilingTrialOfItsRound() throws Exception {
        RunTrials trials = RunTrials.of(rows(SweepFolderFixture.CEILING_ROWS));

        // linked at 64 clients: 390,000 in round 1 (ceiling 1,000,000), 420,000 in round 2 (ceiling 1,020,000); not
        // over the mean ceiling, 1,010,000, as summary.csv's efficiency column is.
        assertThat(trials.efficiency(new CellKey("linked", 64))).containsExactly(0.39, 420_000.0 / 1_020_000);
        assertThat(trials.tps(new CellKey("linked", 64))).containsExactly(390_000, 420_000);
        assertThat(trials.ceilingTps()).containsExactly(1_000_000, 1_020_000);
        assertThat(trials.efficiency(new CellKey("ceiling", 0))).as("the ceiling's own is 1 by definition").isEmpty();
    }

    @Test
    void shouldLeaveOutATrialWhoseRoundHasNoCeiling() throws Exception {
        RunTrials trials = RunTrials.of(rows(SweepFolderFixture.CEILING_ROWS.subList(1, 2)));

        assertThat(trials.hasCeiling()).isTrue();
        assertThat(trials.efficiency(new CellKey("linked", 64))).containsExactly(420_000.0 / 1_020_000);
    }

    @Test
    void shouldHaveNoEfficiencyWithoutACeiling() throws Exception {
        RunTrials trials = RunTrials.of(rows(List.of()));

        assertThat(trials.hasCeiling()).isFalse();
        assertThat(trials.ceilingTps()).isEmpty();
        assertThat(trials.efficiency(new CellKey("linked", 64))).isEmpty();
        assertThat(trials.cells()).containsExactly(new CellKey("linked", 64), new CellKey("rendezvous", 64),
                new CellKey("linked", 4), new CellKey("rendezvous", 4));
    }

    private List<SummaryRow> rows(List<String> ceilingRows) throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        SweepFolderFixture.writeSummary(dir, SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS, ceilingRows);
        return SummaryReader.read(dir.resolve("summary.csv"));
    }
}
