package io.handoffbench.harness.report;

import io.handoffbench.harness.output.SummaryRow;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.SweepFolderFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts' data and axis labels: the merged latency logs, the spectrum's points and the tick labels. */
class ReportChartsTest {

    @TempDir
    Path tmp;

    @Test
    void shouldFindACellsTrialLogsInTrialOrderAndNothingElse() throws Exception {
        for (String name : List.of("linked-c64-t10.hlog", "linked-c64-t2.hlog", "linked-c64-t1.hlog",
                "linked-c64-t3.hlog.partial", "linked-c640-t1.hlog", "linked-c6-t1.hlog", "mpsc-c64-t1.hlog",
                "linked-c64.hlog")) {
            Files.writeString(tmp.resolve(name), "");
        }

        assertThat(LatencySpectrum.logs(tmp, "linked", 64)).extracting(file -> file.getFileName().toString())
                .containsExactly("linked-c64-t1.hlog", "linked-c64-t2.hlog", "linked-c64-t10.hlog");
    }

    @Test
    void shouldStackTheStagesOfEachStrategyAtTheHighestLevelAndSayWhenAFolderHasNone() throws Exception {
        Path dir = SweepFolderFixture.write(tmp);

        Charts.Drawn drawn = Charts.draw(SweepResults.load(dir));

        Charts.Image breakdown = drawn.images().stream().filter(image -> image.file().equals(ResultLayout.BREAKDOWN_CHART))
                .findFirst().orElseThrow();
        assertThat(breakdown.title()).isEqualTo("Where a request's time goes at 64 clients");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(breakdown.png())).getWidth())
                .isEqualTo(Charts.WIDTH);
        // The fixture's 64-client aggregates: linked 453 + 1 + 301 = 755 us (its mean_us), rendezvous 393 + 1 + 261.
        SummaryRow linked = SweepResults.load(dir).aggregates().stream()
                .filter(row -> row.strategy().equals("linked") && row.clients() == 64).findFirst().orElseThrow();
        assertThat(linked.queueWaitMeanUs() + linked.serviceMeanUs() + linked.replyMeanUs()).isEqualTo(755.0);

        // A folder written before stages were recorded: the other charts, and a note instead of this one.
        Path old = Files.createDirectories(tmp.resolve("old"));
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        Files.write(old.resolve("summary.csv"), lines.stream()
                .map(line -> String.join(",", java.util.Arrays.asList(line.split(",", -1)).subList(0, 23))).toList());
        Charts.Drawn withoutStages = Charts.draw(SweepResults.load(old));
        assertThat(withoutStages.images()).extracting(Charts.Image::file).doesNotContain(ResultLayout.BREAKDOWN_CHART);
        assertThat(withoutStages.notes()).anyMatch(note -> note.contains("No time-by-stage breakdown"));
    }

    @Test
    void shouldSumEveryIntervalOfEveryTrial() throws Exception {
        Path dir = SweepFolderFixture.write(tmp);

        Histogram merged = LatencySpectrum.merge(LatencySpectrum.logs(dir, "linked", 64));

        // 2 trials × 2 intervals × (1,000 at 500 µs + 10 at 5 ms)
        assertThat(merged.getTotalCount()).isEqualTo(4_040);
        assertThat(merged.getCountAtValue(500_000)).isEqualTo(4_000);
        assertThat(merged.getValueAtPercentile(50) / 1e3).isCloseTo(500, within(0.5));
        assertThat(merged.getMaxValue() / 1e3).isCloseTo(5_000, within(5.0));
    }

    @Test
    void shouldSpreadTheSpectrumFromZeroTowardsButNotTo100Percent() throws Exception {
        Path dir = SweepFolderFixture.write(tmp);
        List<LatencySpectrum.Point> points = LatencySpectrum.points(
                LatencySpectrum.merge(LatencySpectrum.logs(dir, "rendezvous", 64)));

        assertThat(points.get(0).percentile()).isZero();
        assertThat(points.get(0).tailFactor()).isEqualTo(1.0);
        assertThat(points).allSatisfy(point -> assertThat(point.percentile()).isLessThan(100));
        assertThat(points).isSortedAccordingTo((a, b) -> Double.compare(a.percentile(), b.percentile()));
        // 4,000 of 4,040 values (99.01%) are 300 µs; the rest 20 ms
        assertThat(points).filteredOn(point -> point.percentile() <= 99).allSatisfy(point ->
                assertThat(point.micros()).isCloseTo(300, within(0.5)));
        assertThat(points.get(points.size() - 1).micros()).isCloseTo(20_000, within(20.0));
    }

    @Test
    void shouldLabelTheSpectrumAxisInPercentiles() {
        assertThat(Charts.percentileLabel(1)).isEqualTo("0%");
        assertThat(Charts.percentileLabel(2)).isEqualTo("50%");
        assertThat(Charts.percentileLabel(10)).isEqualTo("90%");
        assertThat(Charts.percentileLabel(100)).isEqualTo("99%");
        assertThat(Charts.percentileLabel(1_000)).isEqualTo("99.9%");
        assertThat(Charts.percentileLabel(10_000)).isEqualTo("99.99%");
        assertThat(Charts.percentileLabel(1e7)).isEqualTo("99.99999%");
        assertThat(new LatencySpectrum.Point(99.9, 1).tailFactor()).isCloseTo(1_000, within(1e-6));
    }

    @Test
    void shouldLabelTheClientsAxisWithPowersOfTwo() {
        assertThat(Charts.powerOfTwoLabel(0)).isEqualTo("1");
        assertThat(Charts.powerOfTwoLabel(6)).isEqualTo("64");
        assertThat(Charts.powerOfTwoLabel(9.0000000001)).isEqualTo("512");
        assertThat(Charts.powerOfTwoLabel(13)).isEqualTo("8,192");
        assertThat(Charts.powerOfTwoLabel(-0.5)).isEqualTo("0.71");
    }

    @Test
    void shouldLabelOnlyOneTwoAndFiveOnALogLatencyAxis() {
        assertThat(Charts.microsLabel(1_000, true)).isEqualTo("1,000");
        assertThat(Charts.microsLabel(2_000, true)).isEqualTo("2,000");
        assertThat(Charts.microsLabel(50, true)).isEqualTo("50");
        assertThat(Charts.microsLabel(0.5, true)).isEqualTo("0.50");
        assertThat(Charts.microsLabel(700, true)).isBlank();
        assertThat(Charts.microsLabel(700, false)).isEqualTo("700");
    }
}
