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
    void shouldKeepTheColumnsAlignedForSeriesNamesLongerThanTheHeading() {
        Path folder = CommittedResults.root().resolve("readme-512-at-eab4cac"); // rendezvous-flume, mpsc-blocking

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", folder.toString(),
                folder.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        List<String> lines = outcome.stdout().lines().toList();
        String header = lines.stream().filter(line -> line.startsWith("strategy")).findFirst().orElseThrow();
        int clientsEnd = header.indexOf("clients") + "clients".length();
        assertThat(lines.stream().filter(line -> line.startsWith("rendezvous-flume")
                || line.startsWith("mpsc-blocking"))).hasSize(2).allSatisfy(line -> assertThat(line.substring(0, clientsEnd)).endsWith(" 512"));
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

    /**
     * A slow day: in B the ceiling and every strategy run at 0.73x of A (each trial with its own scatter). The raw
     * gate fails every row; the efficiency ratios are about 1, so the gate on them passes, and compare says that the
     * machine, not the code, differed.
     */
    @Test
    void shouldPassTheNormalizedGateWhenOnlyTheMachineGotSlower() throws Exception {
        Path quietDay = sweepWithCeiling("quiet", 1.0, new double[] {1.00, 1.02, 0.98},
                new double[] {0.99, 1.02, 1.00}, new double[] {1.00, 1.01, 0.98});
        Path slowDay = sweepWithCeiling("slow", 0.73, new double[] {1.01, 0.99, 1.00},
                new double[] {1.00, 0.98, 1.01}, new double[] {1.01, 1.00, 0.99});

        HarnessEndToEndTest.Outcome raw = HarnessEndToEndTest.run("compare", quietDay.toString(), slowDay.toString(),
                "--fail-if-slower=5%");
        HarnessEndToEndTest.Outcome normalized = HarnessEndToEndTest.run("compare", quietDay.toString(),
                slowDay.toString(), "--fail-if-slower=5%", "--normalize=ceiling");

        assertThat(raw.exitCode()).as(raw.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(raw.stderr()).contains("significantly slower by more than 5.0%: ceiling c=0, mpsc c=512, "
                + "rendezvous c=512");
        assertThat(raw.stdout()).contains("the machine differed: ceiling B/A = 0.730x [0.700, 0.761], significant");
        assertThat(normalized.exitCode()).as(normalized.stderr()).isZero();
        assertThat(normalized.stdout().lines().filter(line -> line.startsWith("mpsc"))).singleElement().asString()
                .contains("0.725    [0.700, 0.751]    0.993    [0.962, 1.025]").endsWith("no significant difference");
    }

    /** Same machine, slower code: the ceilings agree, rendezvous got 20% slower in B; both gates fail on it. */
    @Test
    void shouldFailBothGatesWhenTheCeilingIsEqualAndAStrategyIsSlower() throws Exception {
        Path before = sweepWithCeiling("before", 1.0, new double[] {1.00, 1.02, 0.98},
                new double[] {0.99, 1.02, 1.00}, new double[] {1.00, 1.01, 0.98});
        Path after = sweepWithCeiling("after", 1.0, new double[] {1.01, 0.99, 1.00},
                new double[] {1.00, 0.98, 1.01}, new double[] {0.81, 0.80, 0.79});

        HarnessEndToEndTest.Outcome raw = HarnessEndToEndTest.run("compare", before.toString(), after.toString(),
                "--fail-if-slower=5%");
        HarnessEndToEndTest.Outcome normalized = HarnessEndToEndTest.run("compare", before.toString(),
                after.toString(), "--fail-if-slower=5%", "--normalize=ceiling");

        assertThat(raw.exitCode()).as(raw.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(raw.stderr()).endsWith("significantly slower by more than 5.0%: rendezvous c=512"
                + System.lineSeparator());
        assertThat(raw.stdout())
                .contains("the machine did not differ significantly: ceiling B/A = 1.000x [0.959, 1.043]");
        assertThat(normalized.stdout().lines().filter(line -> line.startsWith("rendezvous"))).singleElement()
                .asString().contains("0.803    [0.777, 0.829]    0.803    [0.784, 0.822]").endsWith("slower");
        assertThat(normalized.exitCode()).as(normalized.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(normalized.stderr()).endsWith("significantly slower by more than 5.0% in efficiency "
                + "(--normalize=ceiling): rendezvous c=512" + System.lineSeparator());
    }

    @Test
    void shouldRefuseToNormalizeByAFolderWithoutACeilingInOneLine() throws Exception {
        Path withCeiling = sweepWithCeiling("with", 1.0, new double[] {1.00, 1.02, 0.98},
                new double[] {1, 1, 1}, new double[] {1, 1, 1});

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", withCeiling.toString(),
                B.toString(), "--normalize=ceiling");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderr()).hasLineCount(1).contains(B + " has no ceiling rows in summary.csv");
    }

    @Test
    void shouldSayWhichFolderLacksACeilingWithoutNormalizing() throws Exception {
        Path withCeiling = sweepWithCeiling("with", 1.0, new double[] {1.00, 1.02, 0.98},
                new double[] {1, 1, 1}, new double[] {1, 1, 1});

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), withCeiling.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).contains("no efficiency ratios: " + A + " has no ceiling rows");
    }

    @Test
    void shouldRefuseAnUnknownNormalization() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString(),
                "--normalize=day");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).hasLineCount(1).contains("--normalize").contains("none, ceiling");
    }

    /**
     * A folder with a ceiling (1,000,000 TPS x speed x each of {@code ceilingScales}), mpsc at 512 clients (400,000
     * x speed x each of {@code mpscScales}) and rendezvous at 512 (300,000 x speed x each of
     * {@code rendezvousScales}), trial i of each in round i.
     */
    private Path sweepWithCeiling(String name, double speed, double[] ceilingScales, double[] mpscScales,
                                  double[] rendezvousScales) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<CellResult> trials = new ArrayList<>();
        for (int i = 0; i < ceilingScales.length; i++) {
            trials.add(TestResults.ceiling(i + 1, 1_000_000 * speed * ceilingScales[i]));
            trials.add(TestResults.trial("mpsc", 512, i + 1, "park", 4 * speed * mpscScales[i]));
            trials.add(TestResults.trial("rendezvous", 512, i + 1, "park", 3 * speed * rendezvousScales[i]));
        }
        SummaryCsv.write(ResultFolder.existing(dir), trials, ceilingScales.length);
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
        int newerVersion = ResultLayout.FORMAT_VERSION + 1;
        Files.writeString(csv, Files.readString(csv).replaceAll("," + ResultLayout.FORMAT_VERSION + "\n",
                "," + newerVersion + "\n"));

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), newer.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains(csv + " is format_version " + newerVersion
                + ", newer than this harness reads");
    }

    @Test
    void shouldRefuseABadThreshold() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("compare", A.toString(), B.toString(),
                "--fail-if-slower=lots");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains("'lots' is not a percentage");
    }
}
