package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.output.SummaryCsv;
import io.handoffbench.harness.testing.CommittedResults;
import io.handoffbench.harness.testing.TestResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare on two fixture sweeps (test resources compare/a and compare/b): verdicts and exit codes. */
class CompareCommandTest {

    private static final Path A = fixture("a");
    private static final Path B = fixture("b");

    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        try {
            return Path.of(CompareCommandTest.class.getResource("/compare/" + name + "/summary.csv").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldGiveAVerdictForEveryCellInBoth() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("mpsc"))).singleElement()
                .asString().contains("1.200").endsWith("faster");
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("rendezvous"))).singleElement()
                .asString().contains("0.875").endsWith("slower");
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("linked"))).singleElement()
                .asString().endsWith("no significant difference");
        assertThat(outcome.stdout()).as("only in A").doesNotContain("disruptor");
    }

    @Test
    void shouldFailTheGateWhenACellIsSignificantlySlowerByMoreThanTheThreshold() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString(),
                "--fail-if-slower=5%");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(outcome.stderr()).contains("significantly slower by more than 5.0%: rendezvous c=512");
    }

    @Test
    void shouldPassTheGateWhenTheLossIsWithinTheThreshold() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString(),
                "--fail-if-slower=20%");

        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void shouldPassTheGateWhenNothingGotSlower() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", B.toString(), B.toString(),
                "--fail-if-slower=0%");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("no significant difference");
    }

    /**
     * Issue 13's second case: A = {100, 130, 70}, B = {50, 50.5, 49.5} (x 1,000 TPS). Welch's test on log TPS says
     * p = 0.066, and the interval [0.239, 1.115] contains 1, so the gate passes; the delta method's [0.13, 0.87]
     * called it slower and failed the gate.
     */
    @Test
    void shouldNotFailTheGateOnADifferenceWelchsTestDoesNotFind() throws Exception {
        Path noisy = sweep("noisy", 1.0, 1.3, 0.7);
        Path halved = sweep("halved", 0.5, 0.505, 0.495);

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", noisy.toString(), halved.toString(),
                "--fail-if-slower=5%");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("mpsc"))).singleElement().asString()
                .contains(" 0.516 ").contains("[0.239, 1.115]").endsWith("no significant difference");
    }

    /** A folder of mpsc at 512 clients, one trial per scale (TPS 100,000 x scale). */
    private Path sweep(String name, double... scales) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<CellResult> trials = new ArrayList<>();
        for (int i = 0; i < scales.length; i++) {
            trials.add(TestResults.trial("mpsc", 512, i + 1, "park", scales[i]));
        }
        SummaryCsv.write(ResultFolder.existing(dir), trials, scales.length);
        return dir;
    }

    @Test
    void shouldRefuseAFolderWithoutSummary() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), tmp.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains("has no summary.csv");
    }

    @Test
    void shouldCompareACommittedFormatOneFolderWithOneWrittenToday() throws Exception {
        Path today = Files.createDirectories(tmp.resolve("today"));
        SummaryCsv.write(ResultFolder.existing(today), List.of(
                TestResults.trial("mpsc", 512, 1, "park", 4.40), TestResults.trial("mpsc", 512, 2, "park", 4.45),
                TestResults.trial("mpsc", 512, 3, "park", 4.38)), 3);
        Path reference = CommittedResults.root().resolve("reference-sweep");

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", reference.toString(),
                today.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("mpsc "))).singleElement()
                .asString().contains(" 512 ");
    }

    @Test
    void shouldRefuseAFolderOfANewerFormatInOneLine() throws Exception {
        Path newer = Files.createDirectories(tmp.resolve("newer"));
        SummaryCsv.write(ResultFolder.existing(newer), List.of(TestResults.trial("mpsc", 512, 1, "park", 1)), 1);
        Path csv = newer.resolve(ResultLayout.SUMMARY_CSV);
        Files.writeString(csv, Files.readString(csv).replaceAll(",2\n", ",3\n"));

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), newer.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains(csv + " is format_version 3, newer than this harness reads");
    }

    @Test
    void shouldRefuseABadThreshold() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString(),
                "--fail-if-slower=lots");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains("'lots' is not a percentage");
    }
}
