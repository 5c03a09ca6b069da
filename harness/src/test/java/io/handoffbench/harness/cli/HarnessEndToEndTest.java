package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.idle.IdlePolicy;
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
import org.assertj.core.data.Percentage;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.handoffbench.harness.testing.TestCells#strategyIds")
    void shouldWriteCsvHlogAndRunJsonThatAgree(String strategy) throws Exception {
        Path out = tmp.resolve("run");

        Outcome outcome = run("--strategy=" + strategy, "--clients=16", "--trials=1", "--forks=0",
                "--warmup=500ms", "--duration=1s", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        assertThat(outcome.stdout()).contains(strategy).contains("TPS").contains("p99.9 us").contains("ceiling");
        assertThat(outcome.stderr()).contains("JIT on");

        List<CSVRecord> rows = readCsv(out.resolve("summary.csv"));
        assertThat(rows.get(0).getParser().getHeaderNames()).containsAll(List.of("strategy", "workload", "clients",
                "duration_s", "completed", "errors", "tps", "p50_us", "p90_us", "p99_us", "p999_us", "max_us"));
        assertThat(rows).extracting(r -> r.get("row") + " " + r.get("strategy") + " " + r.get("clients"))
                .containsExactly("trial ceiling 0", "trial " + strategy + " 16",
                        "aggregate ceiling 0", "aggregate " + strategy + " 16");
        CSVRecord row = rows.get(1);
        assertThat(row.get("workload")).isEqualTo("transfer");
        // --idle=auto: park once 16 clients outnumber the cores, spin first if they do not; own if not honoured.
        boolean honours = TestCells.strategy(strategy).honours(IdlePolicy.PARK);
        assertThat(row.get("idle")).isEqualTo(!honours ? "own"
                : 16 < Runtime.getRuntime().availableProcessors() ? "spin-park" : "park");
        long requests = Long.parseLong(row.get("completed"));
        assertThat(requests).isPositive();
        // Against the worker's own count of measured requests it answered, kept on its thread, not the clients'.
        JsonNode cellJson = JSON.readTree(out.resolve("run.json").toFile()).at("/cells/1");
        long workerAnswered = cellJson.at("/worker/answered_measured").asLong();
        assertThat(workerAnswered).as("the worker's count").isEqualTo(requests);
        assertThat(Double.parseDouble(row.get("tps")) * cellJson.at("/throughput/measured_seconds").asDouble())
                .isCloseTo(workerAnswered, Percentage.withPercentage(0.01));
        assertThat(Double.parseDouble(row.get("p50_us"))).isPositive()
                .isLessThanOrEqualTo(Double.parseDouble(row.get("p99_us")));
        assertThat(Double.parseDouble(row.get("p99_us"))).isLessThanOrEqualTo(Double.parseDouble(row.get("max_us")));
        double ceilingTps = Double.parseDouble(rows.get(0).get("tps"));
        assertThat(ceilingTps).isPositive();
        assertThat(Double.parseDouble(row.get("efficiency")))
                .isCloseTo(Double.parseDouble(row.get("tps")) / ceilingTps, Percentage.withPercentage(0.1));

        // The latency log read back from its file holds one value per answer the worker counted.
        Path hlog = out.resolve(strategy + "-c16-t1.hlog");
        assertThat(totalCountIn(hlog)).isEqualTo(workerAnswered);
        for (String stage : List.of("queue-wait", "service", "reply")) {
            assertThat(totalCountIn(hlog, stage)).as(stage).isEqualTo(workerAnswered);
        }
        // Accounting: every measured request ended one of four ways, and the columns say so.
        assertThat(row.get("mode")).isEqualTo("closed");
        assertThat(Long.parseLong(row.get("submitted"))).isEqualTo(requests + Long.parseLong(row.get("errors"))
                + Long.parseLong(row.get("rejected")) + Long.parseLong(row.get("timeouts")));
        assertThat(row.get("lost")).isEqualTo("0");
        assertThat(row.get("traps")).isEqualTo("0");
        assertThat(Long.parseLong(row.get("peak_depth"))).as("peak depth, 16 clients").isBetween(0L, 16L);
        assertThat(Double.parseDouble(row.get("peak_heap_mb"))).isPositive();
        assertThat(Double.parseDouble(row.get("peak_rss_mb"))).as("the measuring JVM's resident memory").isPositive();
        assertThat(Double.parseDouble(row.get("service_mean_us"))).isPositive();
        // The worker's own part of the reply (answer and wake, sampled) lies within the round trip. Not within the
        // reply stage: a client that finds its reply before it parks runs on while the worker is still in unpark.
        assertThat(Double.parseDouble(row.get("wake_mean_us"))).isPositive()
                .isLessThan(Double.parseDouble(row.get("mean_us")));
        // CPU over the measurement: the process can spend at most its cores, the worker thread part of it.
        double cores = Double.parseDouble(row.get("cpu_cores"));
        assertThat(cores).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 0.25);
        double workerUs = Double.parseDouble(row.get("worker_cpu_us_per_request"));
        assertThat(workerUs).isPositive().isLessThanOrEqualTo(Double.parseDouble(row.get("cpu_us_per_request")));
        // The clients' carriers (or platform threads) are found by name and charged, apart from the worker.
        assertThat(Double.parseDouble(row.get("clients_cpu_us_per_request"))).isPositive()
                .isLessThanOrEqualTo(Double.parseDouble(row.get("cpu_us_per_request")));
        assertThat(row.get("gc_ms")).isNotBlank();
        assertThat(Double.parseDouble(row.get("worker_cpu_cores"))).isPositive().isLessThanOrEqualTo(1.05);
        assertThat(Double.parseDouble(rows.get(0).get("worker_cpu_us_per_request"))).as("the ceiling's reducer")
                .isPositive();

        JsonNode runJson = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(runJson.get("status").asText()).isEqualTo("complete");
        assertThat(runJson.at("/graaljs/jit").asBoolean()).isTrue();
        assertThat(runJson.at("/jvm/java_version").asText()).isNotBlank();
        assertThat(runJson.at("/machine/cores").asInt()).isPositive();
        assertThat(runJson.at("/machine/memory_bytes").asLong()).isPositive();
        assertThat(runJson.at("/workload/name").asText()).isEqualTo("transfer");
        assertThat(runJson.at("/ceiling/tps_mean").asDouble()).isEqualTo(ceilingTps, within(1.0));
        assertThat(runJson.at("/cells/1/throughput/completed").asLong()).isEqualTo(requests);
        assertThat(runJson.at("/cells/1/worker/script_summary").asText()).contains("\"totalBalance\":100000000000");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    /** The open-loop and limit options reach a forked cell and come back as columns. */
    @Test
    void shouldRunAnOpenLoopCellInAForkedJvm() throws Exception {
        Path out = tmp.resolve("open");

        Outcome outcome = run("--strategy=mpsc", "--clients=4", "--trials=1", "--workload=noop", "--rate=2000",
                "--arrivals=poisson", "--max-queue=1000", "--request-timeout=5s", "--warmup=500ms", "--duration=1s",
                "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        CSVRecord row = readCsv(out.resolve(ResultLayout.SUMMARY_CSV)).get(1);
        assertThat(row.get("strategy")).isEqualTo("mpsc");
        assertThat(row.get("workload")).isEqualTo("noop");
        assertThat(row.get("clients")).isEqualTo("4");
        assertThat(row.get("mode")).isEqualTo("open");
        assertThat(row.get("target_rate")).isEqualTo("2000.0");
        assertThat(row.get("max_queue")).isEqualTo("1000");
        assertThat(Double.parseDouble(row.get("achieved_rate"))).isPositive();
        assertThat(Double.parseDouble(row.get("uncorrected_p99_us"))).isPositive();
        assertThat(row.get("lost")).isEqualTo("0");
        JsonNode runJson = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(runJson.at("/options/rate").asDouble()).isEqualTo(2000.0);
        assertThat(runJson.at("/options/arrivals").asText()).isEqualTo("poisson");
        assertThat(totalCountIn(out.resolve("mpsc-c4-t1.hlog"), "uncorrected"))
                .isEqualTo(Long.parseLong(row.get("completed")));
        // wrk2's accounting: every request due in the window was sent or is counted as due but unsent, and each one
        // never answered has a lower bound in the censored series.
        long dueUnsent = Long.parseLong(row.get("due_unsent"));
        assertThat(runJson.at("/cells/1/accounting/due").asLong())
                .isEqualTo(Long.parseLong(row.get("submitted")) + dueUnsent);
        assertThat(totalCountIn(out.resolve("mpsc-c4-t1.hlog"), "censored"))
                .isEqualTo(Long.parseLong(row.get("censored")) + dueUnsent);
    }

    /** The short real sweep: two strategies, two levels, two trials, every cell in its own JVM. */
    @Test
    void shouldSweepInForkedJvmsIntoAConsistentFolder() throws Exception {
        Path out = tmp.resolve("sweep");

        Outcome outcome = run("--strategy=rendezvous,mpsc", "--clients=1,8", "--trials=2", "--workload=noop",
                "--warmup=1s", "--duration=1s", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        List<CSVRecord> rows = readCsv(out.resolve(ResultLayout.SUMMARY_CSV));
        assertThat(rows.stream().filter(r -> r.get("row").equals("trial"))
                .map(r -> r.get("strategy") + "-c" + r.get("clients") + "-t" + r.get("trial")))
                .containsExactly("ceiling-c0-t1", "rendezvous-c1-t1", "mpsc-c1-t1", "rendezvous-c8-t1", "mpsc-c8-t1",
                        "ceiling-c0-t2", "rendezvous-c1-t2", "mpsc-c1-t2", "rendezvous-c8-t2", "mpsc-c8-t2");
        for (CSVRecord row : rows) {
            if (row.get("row").equals("trial") && !row.get("strategy").equals("ceiling")) {
                String stem = row.get("strategy") + "-c" + row.get("clients") + "-t" + row.get("trial");
                assertThat(totalCountIn(out.resolve(stem + ".hlog"))).isEqualTo(Long.parseLong(row.get("completed")));
                assertThat(out.resolve("logs/" + stem + ".log")).content().contains("measuring for 1 s");
            }
        }
        List<CSVRecord> aggregates = rows.stream().filter(r -> r.get("row").equals("aggregate")).toList();
        assertThat(aggregates).hasSize(5);
        for (CSVRecord aggregate : aggregates) {
            double[] trialTps = rows.stream().filter(r -> r.get("row").equals("trial")
                            && r.get("strategy").equals(aggregate.get("strategy"))
                            && r.get("clients").equals(aggregate.get("clients")))
                    .mapToDouble(r -> Double.parseDouble(r.get("tps"))).toArray();
            assertThat(trialTps).hasSize(2);
            double mean = (trialTps[0] + trialTps[1]) / 2;
            assertThat(Double.parseDouble(aggregate.get("tps"))).isCloseTo(mean, within(0.11));
            assertThat(Double.parseDouble(aggregate.get("tps_ci95_low"))).isLessThanOrEqualTo(mean);
            assertThat(Double.parseDouble(aggregate.get("tps_ci95_high"))).isGreaterThanOrEqualTo(mean);
        }
        JsonNode runJson = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(runJson.get("status").asText()).isEqualTo("complete");
        assertThat(runJson.at("/options/forks").asInt()).isEqualTo(1);
        assertThat(runJson.get("cells")).hasSize(10);
        assertThat(runJson.get("warnings").toString()).contains("share");

        assertThat(out.resolve("report.md")).content().contains("| `rendezvous`").contains("| `mpsc`");
        for (String chart : List.of("tps-vs-clients.png", "p99-vs-clients.png", "latency-spectrum.png")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve(chart).toFile());
            assertThat(image).as(chart + " is a PNG image").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
        }
        assertThat(out.resolve("report.html")).content().contains("data:image/png;base64,").doesNotContain("src=\"http");
    }

    /**
     * Idle policies compared in one sweep: a strategy that honours them runs once per policy, under its own series
     * name, in forked JVMs that are told their policy; one that waits its own way runs once.
     */
    @Test
    void shouldSweepIdlePoliciesSideBySideAsSeriesOfTheirOwn() throws Exception {
        Path out = tmp.resolve("idle");

        Outcome outcome = run("--strategy=linked,mpsc", "--idle=park,spin-park", "--clients=2", "--trials=1",
                "--workload=noop", "--warmup=500ms", "--duration=1s", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        assertThat(outcome.stderr()).contains("4 cells (1 trials of 3 series x 1 levels, plus the ceiling)");
        List<CSVRecord> trials = readCsv(out.resolve(ResultLayout.SUMMARY_CSV)).stream()
                .filter(r -> r.get("row").equals("trial")).toList();
        assertThat(trials).extracting(r -> r.get("strategy") + " " + r.get("idle"))
                .containsExactly("ceiling ", "linked own", "mpsc@park park", "mpsc@spin-park spin-park");
        for (String stem : List.of("linked-c2-t1", "mpsc@park-c2-t1", "mpsc@spin-park-c2-t1")) {
            assertThat(totalCountIn(out.resolve(stem + ".hlog"))).as(stem).isPositive();
            assertThat(out.resolve("logs/" + stem + ".log")).content().contains("measuring for 1 s");
        }
        JsonNode runJson = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(runJson.at("/options/idle").asText()).isEqualTo("park,spin-park");
        assertThat(out.resolve("report.md")).content().contains("| `mpsc@park`").contains("| `mpsc@spin-park`");
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

    /** The count of every untagged (end-to-end) interval in {@code hlog}. */
    static long totalCountIn(Path hlog) throws Exception {
        return totalCountIn(hlog, null);
    }

    /** The count of every interval tagged {@code tag} (null: untagged) in {@code hlog}. */
    static long totalCountIn(Path hlog, String tag) throws Exception {
        long total = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        Histogram interval;
        while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
            if (java.util.Objects.equals(interval.getTag(), tag)) {
                total += interval.getTotalCount();
            }
        }
        reader.close();
        return total;
    }
}
