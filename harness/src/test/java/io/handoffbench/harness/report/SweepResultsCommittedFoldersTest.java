package io.handoffbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.CommittedResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The committed result folders, written in format 1 by older harnesses, still load and still make a report. */
@Timeout(60)
class SweepResultsCommittedFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void shouldLoadEveryCommittedSweepFolder() throws Exception {
        for (Path dir : CommittedResults.sweepFolders()) {
            SweepResults results = SweepResults.load(dir);

            assertThat(results.strategies()).as(dir.toString()).isNotEmpty();
            assertThat(results.clientLevels()).as(dir.toString()).isNotEmpty();
            assertThat(results.run().present()).as(dir + " has its run.json").isTrue();
        }
    }

    @Test
    void shouldReportACopyOfTheReferenceSweep() throws Exception {
        Path dir = CommittedResults.copy("reference-sweep", tmp.resolve("reference-sweep"),
                "mpsc-c512-t1.hlog", "linked-c512-t1.hlog");

        List<Path> written = Report.write(dir);

        assertThat(written).extracting(file -> file.getFileName().toString()).containsExactly(
                ResultLayout.TPS_CHART, ResultLayout.P99_CHART, ResultLayout.SPECTRUM_CHART,
                ResultLayout.BREAKDOWN_CHART, ResultLayout.REPORT_MD, ResultLayout.REPORT_HTML);
        String md = Files.readString(dir.resolve(ResultLayout.REPORT_MD));
        assertThat(md).startsWith("# handoff-bench report: transfer\n")
                .contains("- **Status:** complete")
                .contains("### 1 client").contains("### 512 clients")
                .contains("| `mpsc` | 441,619 ±")
                .contains("- **Ceiling:** 1,310,512 ±");
    }
}
