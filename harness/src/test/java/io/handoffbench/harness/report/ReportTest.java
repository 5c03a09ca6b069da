package io.handoffbench.harness.report;

import io.handoffbench.harness.testing.SweepFolderFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.output.SummaryColumns;
import io.handoffbench.harness.output.SummaryReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Report#write} on a hand-made sweep folder ({@link SweepFolderFixture}); expected numbers are worked there. */
@Timeout(60)
class ReportTest {

    private static final List<String> CHARTS = List.of("tps-vs-clients.png", "p99-vs-clients.png",
            "latency-spectrum.png", "time-breakdown.png");

    @TempDir
    Path tmp;

    @Test
    void shouldWriteTheChartsThenReportMdAndHtmlAndNothingPartial() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));

        List<Path> written = Report.write(dir);

        assertThat(written).extracting(file -> file.getFileName().toString()).containsExactly(
                "tps-vs-clients.png", "p99-vs-clients.png", "latency-spectrum.png", "time-breakdown.png", "report.md",
                "report.html");
        assertThat(written).allSatisfy(file -> assertThat(file).isRegularFile().hasParent(dir.toAbsolutePath()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void shouldWriteOneTablePerClientsLevelInAscendingOrder() throws Exception {
        String md = reportMd(SweepFolderFixture.write(tmp.resolve("sweep")));

        List<String> headings = md.lines().filter(line -> line.startsWith("### ")).toList();
        assertThat(headings).containsExactly("### 4 clients", "### 64 clients");
        assertThat(md.lines().filter(line -> line.startsWith("| strategy |")))
                .containsExactly(tableHeader(), tableHeader());
    }

    @Test
    void shouldOrderEachTableByTpsWithRelativeToBestAndEfficiency() throws Exception {
        String md = reportMd(SweepFolderFixture.write(tmp.resolve("sweep")));

        // relative = TPS / best at the level; efficiency = TPS / 1,010,000 (the ceiling)
        assertThat(tableRows(md, "### 4 clients")).containsExactly(
                "| `linked` | 300,000 ± 50,000 | 1.00x | 29.7% | 12.5 | 48.0 | 95.5 | 6.50 (3.10) | yes |",
                "| `rendezvous` | 200,000 ± 10,000 | 0.67x | 19.8% | 18.0 | 1,234 | 2,000 | 9.80 (4.60) | yes |");
        assertThat(tableRows(md, "### 64 clients")).containsExactly(
                "| `rendezvous` | 450,000 ± 5,000 | 1.00x | 44.6% | 605 | 6,488 | 9,486 | 4.40 (2.20) | no ⚠ |",
                "| `linked` | 405,000 ± 20,000 | 0.90x | 40.1% | 705 | 1,505 | 2,510 | 4.90 (2.40) | yes |");
        assertThat(md).contains("Error replies: rendezvous 3.");
    }

    @Test
    void shouldComputeEfficiencyFromTheCeilingWhenTheColumnIsBlank() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        List<String> blanked = SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.stream()
                .map(row -> blankColumn(row, 13))
                .toList();
        SweepFolderFixture.writeSummary(dir, blanked, SweepFolderFixture.CEILING_ROWS);

        String md = reportMd(dir);

        assertThat(tableRows(md, "### 4 clients")).extracting(row -> row.split(" \\| ")[3])
                .containsExactly("29.7%", "19.8%");
        assertThat(tableRows(md, "### 64 clients")).extracting(row -> row.split(" \\| ")[3])
                .containsExactly("44.6%", "40.1%");
    }

    @Test
    void shouldHeadTheReportWithTheRunTheMachineAndTheCeiling() throws Exception {
        String md = reportMd(SweepFolderFixture.write(tmp.resolve("sweep")));

        assertThat(md).startsWith("# handoff-bench report: transfer\n")
                .contains("- **Sweep:** 2 strategies × 2 clients levels × 2 trials; warm-up 5 s, measurement 10 s "
                        + "per cell; forks 1")
                .contains("- **Status:** complete")
                .contains("- **Ran:** 2026-11-27 00:00:00 UTC to 00:02:00 (2 min 0 s)")
                .contains("- **JDK:** 25.0.3, OpenJDK 64-Bit Server VM, Eclipse Adoptium")
                .contains("- **GraalJS:** 25.0.5, GraalVM CE, JIT on")
                .contains("- **Machine:** Test CPU @ 2.0GHz, 2 cores, 24.0 GiB, load average 0.50 at start, "
                        + "Linux amd64")
                .contains("- **Git commit:** 0123456789abcdef0123456789abcdef01234567")
                .contains("- **Ceiling:** 1,010,000 ± 127,060 TPS")
                // run.json's warning, escaped for Markdown; and the report's own about the unsteady cell
                .contains("  - 64 clients &amp; the worker share 2 cores &lt;see README&gt;")
                .contains("1 cell was not steady")
                .doesNotContain("did not complete");
    }

    @Test
    void shouldShowTheJarsVersionsTheWarmupUsedAndWhatTruffleDidNotCompile() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        Files.writeString(dir.resolve("run.json"), SweepFolderFixture.RUN_JSON
                .replace("\"warmup_s\": 5.0,", "\"warmup_s\": 30.0, \"warmup_auto\": true,")
                .replace("\"jit\": true}", "\"jit\": true, \"versions\": {\"polyglot\": \"25.0.5\", "
                        + "\"compiler\": \"25.0.3\"}}")
                .replace("\"ceiling\": {", """
                        "cells": [
                          {"warmup": {"seconds": 6.5}, "engine": {"compilations": {"reducer_compiled": true,
                           "failed": 0}}},
                          {"warmup": {"seconds": 30.1}, "engine": {"compilations": {"reducer_compiled": false,
                           "failed": 2, "first_failure": "opt failed id=7 reduce |Reason: too big"}}}],
                        "ceiling": {"""));

        String md = reportMd(dir);

        assertThat(md).contains("jars: polyglot 25.0.5, compiler 25.0.3")
                .contains("warm-up until steady, at most 30 s (used 6.5-30.1 s)")
                .contains("1 cell was measured before Truffle had compiled its reducer")
                .contains("2 Truffle compilations failed; the first: opt failed id=7 reduce \\|Reason: too big");
    }

    @Test
    void shouldDrawEveryChartOfTheExpectedSizeAndLinkIt() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        String md = reportMd(dir);

        for (String chart : CHARTS) {
            BufferedImage image = ImageIO.read(dir.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(image.getWidth()).as(chart).isEqualTo(900);
            assertThat(image.getHeight()).as(chart).isEqualTo(540);
            assertThat(md).contains("](" + chart + ")");
        }
    }

    @Test
    void shouldEmbedTheChartsInAPageThatFetchesNothing() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        Report.write(dir);
        String html = Files.readString(dir.resolve("report.html"));

        List<String> links = new ArrayList<>();
        Matcher attribute = Pattern.compile("(?i)\\b(?:src|href|srcset|action|data)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (attribute.find()) {
            links.add(attribute.group(1));
        }
        assertThat(links).hasSize(4).allSatisfy(link -> assertThat(link).startsWith("data:image/png;base64,"));
        for (int i = 0; i < CHARTS.size(); i++) {
            byte[] png = Base64.getDecoder().decode(links.get(i).substring("data:image/png;base64,".length()));
            assertThat(png).as(CHARTS.get(i)).isEqualTo(Files.readAllBytes(dir.resolve(CHARTS.get(i))));
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(900);
        }
        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContain("url(").doesNotContain("@import")
                .contains("<td>rendezvous</td><td>450,000 ± 5,000</td><td>1.00x</td><td>44.6%</td>")
                .contains("<td class=\"not-steady\">no ⚠</td>")
                .contains("64 clients &amp; the worker share 2 cores &lt;see README&gt;")
                .doesNotContain("<see README>");
    }

    @Test
    void shouldSayFirstWhenTheSweepDidNotComplete() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        Files.writeString(dir.resolve("run.json"),
                SweepFolderFixture.RUN_JSON.replace("\"status\": \"complete\"", "\"status\": \"interrupted\""));

        String md = reportMd(dir);

        assertThat(md.lines().skip(2).findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("> **⚠ This sweep did not complete (status: interrupted)"));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<p class=\"alert\">⚠ This sweep did not");
    }

    @Test
    void shouldReportAFolderWithoutRunJsonOrLatencyLogs() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        Files.delete(dir.resolve("run.json"));
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(file -> file.toString().endsWith(".hlog")).toList()) {
                Files.delete(log);
            }
        }

        List<Path> written = Report.write(dir);

        assertThat(written).extracting(file -> file.getFileName().toString())
                .containsExactly("tps-vs-clients.png", "p99-vs-clients.png", "time-breakdown.png", "report.md",
                        "report.html");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("- **Status:** unknown (no run.json)")
                .contains("No latency logs (linked, rendezvous at 64 clients")
                .contains("| `rendezvous` | 450,000 ± 5,000 | 1.00x | 44.6% |");
        assertThat(Files.readString(dir.resolve("report.html"))).containsOnlyOnce("No latency logs")
                .contains("data:image/png;base64,");
    }

    @Test
    void shouldGiveEveryStrategyItsRatioToTheRendezvousWithAnInterval() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));

        RatioTable ratios = BaselineRatios.of(SweepResults.load(dir)).orElseThrow();

        assertThat(ratios.levels()).containsExactly(4, 64);
        assertThat(ratios.rows()).extracting(RatioTable.Row::label).containsExactly("linked");
        // linked over rendezvous: 300,000 / 200,000 at 4 clients, 405,000 / 450,000 at 64.
        List<String> cells = ratios.rows().get(0).cells();
        assertThat(cells.get(0)).startsWith("1.50x [");
        assertThat(cells.get(1)).startsWith("0.90x [");
        String[] bounds = cells.get(1).replaceAll(".*\\[(.*)\\]", "$1").split(", ");
        assertThat(Double.parseDouble(bounds[0])).isLessThan(0.90);
        assertThat(Double.parseDouble(bounds[1])).isGreaterThan(0.90);
        Report.write(dir);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## Against the rendezvous")
                .contains("95% confidence interval (Welch's t-test on log TPS)").doesNotContain("delta method")
                .contains("| `linked` | 1.50x \\[");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Against the rendezvous</h2>");
    }

    /** A sweep of idle choices: the fixture's two series renamed as one strategy under two policies. */
    @Test
    void shouldCompareEachStrategysIdleChoicesAgainstTheFirstListed() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("idle"));
        SweepFolderFixture.writeSummary(dir, SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.stream()
                .map(row -> row.replace(",linked,", ",mpsc@park,").replace(",rendezvous,", ",mpsc@spin-park,"))
                .toList(), SweepFolderFixture.CEILING_ROWS);

        RatioTable inFileOrder = IdleRatios.of(SweepResults.load(dir)).orElseThrow();
        Files.writeString(dir.resolve("run.json"), SweepFolderFixture.RUN_JSON
                .replace("\"forks\": 1}", "\"forks\": 1, \"idle\": \"spin-park,park\"}"));
        RatioTable asListed = IdleRatios.of(SweepResults.load(dir)).orElseThrow();

        // spin-park over park: 200,000 / 300,000 at 4 clients and 450,000 / 405,000 at 64; listed the other way
        // round, park over spin-park.
        assertThat(inFileOrder.rows()).extracting(RatioTable.Row::label).containsExactly("mpsc: spin-park / park");
        assertThat(inFileOrder.rows().get(0).cells()).satisfiesExactly(
                cell -> assertThat(cell).startsWith("0.67x ["), cell -> assertThat(cell).startsWith("1.11x ["));
        assertThat(asListed.rows()).extracting(RatioTable.Row::label).containsExactly("mpsc: park / spin-park");
        assertThat(asListed.rows().get(0).cells()).satisfiesExactly(
                cell -> assertThat(cell).startsWith("1.50x ["), cell -> assertThat(cell).startsWith("0.90x ["));
        Report.write(dir);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## Idle policies compared")
                .contains("| `mpsc: park / spin-park` | 1.50x \\[");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Idle policies compared</h2>");
    }

    @Test
    void shouldHaveNoIdleTableWithoutAStrategyUnderTwoChoices() throws Exception {
        assertThat(IdleRatios.of(SweepResults.load(SweepFolderFixture.write(tmp.resolve("plain"))))).isEmpty();
    }

    @Test
    void shouldReportASingleClientsLevelWithASingleTrialAndNoCeiling() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("one"));
        SweepFolderFixture.writeSummary(dir, List.of(
                "aggregate,mpsc,noop,512,virtual,all,1,10.000,5000000,0,500000.0,,,,100.0,200.0,300.0,400.0,"
                        + "500.0,120.0,3.00,true,true,closed,5000000,0,0,0,0,0,,,,,,512,800.0,0,1,,,1.95,3.90,1.10,"
                        + "0.55,100.0,95.0,300.0,1.0,1.0,2.0,19.0,18.0,40.0,0.900,spin-park"));
        SweepFolderFixture.writeLog(dir.resolve("mpsc-c512-t1.hlog"), 100_000, 400_000);

        List<Path> written = Report.write(dir);

        assertThat(written).hasSize(6);
        assertThat(tableRows(Files.readString(dir.resolve("report.md")), "### 512 clients"))
                .containsExactly("| `mpsc` | 500,000 | 1.00x | – | 100 | 300 | 400 | 3.90 (1.10) | yes |");
        for (String chart : CHARTS) {
            assertThat(ImageIO.read(dir.resolve(chart).toFile()).getWidth()).isEqualTo(900);
        }
    }

    @Test
    void shouldReplaceAnOlderReport() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        Files.writeString(dir.resolve("report.md"), "old");

        Report.write(dir);

        assertThat(Files.readString(dir.resolve("report.md"))).startsWith("# handoff-bench report");
    }

    @Test
    void shouldReadTheColumnsTheSweepWrites() {
        // The fixture is the sweep's format 1, the columns before format 2 added pipeline, the clients' CPU, GC and
        // JIT time, pinned, profiled and format_version (and peak_rss_mb), the warm-up used and what Truffle compiled,
        // and before wrk2's open-loop accounting made unserved censored and added due_unsent, and before
        // requests_per_drain (mean_batch, over every drain, warm-up included) counted the measurement only: if the
        // sweep's columns change, this says so before a report breaks.
        List<String> addedSince = List.of("pipeline", "clients_cpu_us_per_request", "gc_ms", "jit_ms", "pinned",
                "profiled", SummaryColumns.FORMAT_VERSION.name(), SummaryColumns.DUE_UNSENT.name(), "peak_rss_mb",
                "warmup_s", "jit_compilations", "jit_failures", "reduce_compiled");
        assertThat(SweepFolderFixture.HEADER).isEqualTo(String.join(",", SummaryColumns.NAMES.stream()
                .filter(name -> !addedSince.contains(name))
                .map(name -> name.equals(SummaryColumns.CENSORED.name()) ? "unserved" : name)
                .map(name -> name.equals("requests_per_drain") ? "mean_batch" : name).toList()));
        assertThat(SummaryColumns.ALL).containsAll(SummaryReader.REQUIRED);
    }

    private static String reportMd(Path dir) throws Exception {
        Report.write(dir);
        return Files.readString(dir.resolve("report.md"));
    }

    private static String tableHeader() {
        return "| strategy | TPS ± 95% CI | relative to best | efficiency (% of ceiling) | p50 µs | p99 µs "
                + "| p99.9 µs | CPU µs/request (worker) | steady |";
    }

    /** The body rows of the table under {@code heading}. */
    private static List<String> tableRows(String md, String heading) {
        return md.lines()
                .dropWhile(line -> !line.equals(heading))
                .skip(1)
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .skip(2)
                .toList();
    }

    private static String blankColumn(String row, int index) {
        String[] fields = row.split(",", -1);
        if (fields[0].equals("aggregate")) {
            fields[index] = "";
        }
        return String.join(",", fields);
    }
}
