package io.handoffbench.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a trimmed JMH 1.37 JSON file from a one-iteration run with -prof gc: thrpt, sample and avgt entries. */
class JmhSummaryTest {

    private static Path sample() throws URISyntaxException {
        return Path.of(JmhSummaryTest.class.getResource("/jmh-sample.json").toURI());
    }

    @Test
    void shouldReadJmhJsonIncludingTheNaNErrorsOfASingleIteration() throws Exception {
        List<JmhResult> results = JmhResult.read(sample());

        assertThat(results).hasSize(5);
        JmhResult first = results.get(0);
        assertThat(first.shortName()).isEqualTo("HandoffRoundTripNoJs.clients4");
        assertThat(first.mode()).isEqualTo("thrpt");
        assertThat(first.threads()).isEqualTo(4);
        assertThat(first.params()).containsEntry("strategy", "mpsc");
        assertThat(first.primary().error()).isNaN();
        assertThat(first.secondary()).containsKey("gc.alloc.rate.norm");
    }

    @Test
    void shouldPutEachModeOfOneParameterSetOnOneRowInNanoseconds() throws Exception {
        String markdown = JmhSummary.render("jmh-sample.json", JmhResult.read(sample()));

        // sample mode: mean 19.074 ± 2.079 us/op, p50 10.240 us, p99 90.501 us; thrpt: 0.426 ops/us; 0.73 B/op
        assertThat(markdown).contains("| strategy | clients | ns/op | p50 ns | p99 ns | ops/s | B/op |");
        assertThat(markdown).contains("| mpsc | 4 | 19,074 ± 2,079 | 10,240 | 90,501 | 426,312 | 0.73 |");
        assertThat(markdown).contains("| linked | transfer | 1 | 22,047 ± 5,771 | 7,616 | 36,314 | 68,363 | 2,518 |");
        // average-time mode alone: no percentile or throughput columns, and no ± with one iteration
        assertThat(markdown).contains("## ReducerCostDirect");
        assertThat(markdown).contains("| workload | clients | ns/op | B/op |");
        assertThat(markdown).contains("| transfer | 1 | 2,663 | 1,417 |");
        assertThat(markdown).contains("1 fork; warm-up 1 × 1 s; measurement 1 × 1 s.");
    }

    @Test
    void shouldWriteTheSummaryToAFileWhenGivenOne(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("summary.md");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = JmhSummary.run(new String[] {sample().toString(), out.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(Files.readString(out)).startsWith("# JMH summary of jmh-sample.json");
        assertThat(dir.resolve("summary.md.partial")).doesNotExist();
    }

    @Test
    void shouldRefuseAFileThatIsNotJmhJson(@TempDir Path dir) throws Exception {
        Path notJmh = Files.writeString(dir.resolve("x.json"), "{\"a\":1}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = JmhSummary.run(new String[] {notJmh.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a JMH JSON result file");
    }

    @Test
    void shouldConvertJmhUnits() {
        assertThat(Units.toNanosPerOp("us/op")).isEqualTo(1_000);
        assertThat(Units.toNanosPerOp("ns/op")).isEqualTo(1);
        assertThat(Units.toOpsPerSecond("ops/us")).isEqualTo(1e6);
        assertThat(Units.toOpsPerSecond("ops/s")).isEqualTo(1);
        assertThat(Units.toNanosPerOp("ops/s")).isNaN();
    }
}
