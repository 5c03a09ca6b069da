package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.output.SummaryCsv;
import io.handoffbench.strategy.HandoffStrategies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The runner, in this JVM (which has the JIT flags), for real: every registered strategy, real GraalJS. */
@Timeout(300)
class HarnessEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Outcome(int exitCode, String stdout, String stderr) {}

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HarnessMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<String> strategyIds() {
        return HandoffStrategies.load().ids().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategyIds")
    void shouldWriteCsvHlogAndRunJsonThatAgree(String strategy) throws Exception {
        Path out = tmp.resolve("run");

        Outcome outcome = run("--strategy=" + strategy, "--clients=16", "--warmup=500ms", "--duration=1s",
                "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        assertThat(outcome.stdout()).contains(strategy).contains("TPS").contains("p99.9 us");
        assertThat(outcome.stderr()).contains("JIT on");

        List<CSVRecord> rows = readCsv(out.resolve("summary.csv"));
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        assertThat(row.getParser().getHeaderNames()).containsAll(List.of("strategy", "workload", "clients",
                "duration_s", "requests", "errors", "tps", "p50_us", "p90_us", "p99_us", "p999_us", "max_us"));
        assertThat(row.get("strategy")).isEqualTo(strategy);
        assertThat(row.get("workload")).isEqualTo("transfer");
        assertThat(row.get("clients")).isEqualTo("16");
        long requests = Long.parseLong(row.get("requests"));
        assertThat(requests).isPositive();
        assertThat(Double.parseDouble(row.get("tps")))
                .isCloseTo(requests / Double.parseDouble(row.get("duration_s")), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(Double.parseDouble(row.get("p50_us"))).isPositive()
                .isLessThanOrEqualTo(Double.parseDouble(row.get("p99_us")));
        assertThat(Double.parseDouble(row.get("p99_us"))).isLessThanOrEqualTo(Double.parseDouble(row.get("max_us")));

        assertThat(totalCountIn(out.resolve(strategy + "-c16.hlog"))).isEqualTo(requests);

        JsonNode runJson = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(runJson.get("status").asText()).isEqualTo("complete");
        assertThat(runJson.at("/graaljs/jit").asBoolean()).isTrue();
        assertThat(runJson.at("/jvm/java_version").asText()).isNotBlank();
        assertThat(runJson.at("/machine/cores").asInt()).isPositive();
        assertThat(runJson.at("/workload/name").asText()).isEqualTo("transfer");
        assertThat(runJson.at("/cells/0/requests").asLong()).isEqualTo(requests);
        assertThat(runJson.at("/cells/0/script_summary/totalBalance").asLong())
                .isEqualTo(runJson.at("/cells/0/script_summary/totalBalanceExpected").asLong());
        assertThat(runJson.get("started_at").asText()).isNotBlank();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void shouldSweepListsOfStrategiesAndClientsIntoOneCsv() throws Exception {
        Path out = tmp.resolve("sweep");

        Outcome outcome = run("--strategy=rendezvous,mpsc", "--clients=1,8", "--workload=noop", "--warmup=0s",
                "--duration=500ms", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        List<CSVRecord> rows = readCsv(out.resolve(SummaryCsv.FILE));
        assertThat(rows).extracting(r -> r.get("strategy") + "-c" + r.get("clients"))
                .containsExactly("rendezvous-c1", "mpsc-c1", "rendezvous-c8", "mpsc-c8");
        for (CSVRecord row : rows) {
            assertThat(totalCountIn(out.resolve(row.get("strategy") + "-c" + row.get("clients") + ".hlog")))
                    .isEqualTo(Long.parseLong(row.get("requests")));
        }
    }

    @Test
    void shouldListEveryRegisteredStrategyInHelpIncludingOnesFromOtherJars() {
        Outcome outcome = run("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("Usage: harness")
                .contains("rendezvous").contains("linked").contains("mpsc").contains("disruptor")
                .contains("test-array") // registered only in this module's test resources
                .contains("--allow-interpreter");
    }

    static List<CSVRecord> readCsv(Path csv) throws Exception {
        try (Reader reader = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    static long totalCountIn(Path hlog) throws Exception {
        long total = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        Histogram interval;
        while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
            total += interval.getTotalCount();
        }
        reader.close();
        return total;
    }
}
