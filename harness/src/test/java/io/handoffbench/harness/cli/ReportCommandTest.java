package io.handoffbench.harness.cli;

import io.handoffbench.harness.testing.SweepFolderFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code report DIR}: exit 0 and the files it wrote; on bad input, exit 2, one line, and nothing written. */
class ReportCommandTest {

    @TempDir
    static Path tmp;

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Test
    void shouldExitZeroAndNameEveryFileItWrote() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("good"));

        Outcome outcome = run(dir.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.stdout().lines()).containsExactly(
                "wrote " + dir.resolve("tps-vs-clients.png"), "wrote " + dir.resolve("p99-vs-clients.png"),
                "wrote " + dir.resolve("latency-spectrum.png"), "wrote " + dir.resolve("time-breakdown.png"),
                "wrote " + dir.resolve("report.md"),
                "wrote " + dir.resolve("report.html"));
    }

    @Test
    void shouldExitWithUsageErrorWithoutDir() {
        Outcome outcome = run();

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr()).contains("Missing required parameter: 'DIR'");
    }

    static Stream<Arguments> badFolders() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file.csv"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path trialsOnly = folder("trials-only", SweepFolderFixture.HEADER + "\n"
                + String.join("\n", SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.stream()
                        .filter(row -> row.startsWith("trial,")).toList()) + "\n");
        Path ceilingOnly = folder("ceiling-only", SweepFolderFixture.HEADER + "\n"
                + String.join("\n", SweepFolderFixture.CEILING_ROWS) + "\n");
        Path headerOnly = folder("header-only", SweepFolderFixture.HEADER + "\n");
        Path emptyCsv = folder("empty-csv", "");
        Path oldFormat = folder("old-format", "strategy,workload,clients,client_threads,duration_s,requests,errors,"
                + "tps,p50_us,p90_us,p99_us,p999_us,max_us,mean_us,mean_batch,jit\n"
                + "linked,transfer,512,virtual,10.014,5780613,0,577277.5,698.9,1470.5,2363.4,8175.6,28229.6,885.9,"
                + "15.31,true\n");
        Path badNumber = folder("bad-number", SweepFolderFixture.HEADER + "\n"
                + SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.get(2).replace("405000.0", "405k") + "\n");
        Path badRowKind = folder("bad-row-kind", SweepFolderFixture.HEADER + "\n"
                + SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.get(2).replace("aggregate,", "mean,") + "\n");
        Path zeroClients = folder("zero-clients", SweepFolderFixture.HEADER + "\n"
                + SweepFolderFixture.TRIAL_AND_AGGREGATE_ROWS.get(2).replace(",64,", ",0,") + "\n");
        Path badJson = SweepFolderFixture.write(tmp.resolve("bad-json"));
        Files.writeString(badJson.resolve("run.json"), "{\"status\": ");
        Path badLog = SweepFolderFixture.write(tmp.resolve("bad-log"));
        Files.writeString(badLog.resolve("linked-c64-t1.hlog"), "0.000,1.000,1.0,not-base64-at-all\n");
        return Stream.of(
                Arguments.of("missing folder", tmp.resolve("nope"), "does not exist"),
                Arguments.of("a file", file, "is a file, not a result folder"),
                Arguments.of("no summary.csv", empty, "holds no summary.csv"),
                Arguments.of("only trial rows", trialsOnly, "has no aggregate rows (row=aggregate)"),
                Arguments.of("only the ceiling's aggregate", ceilingOnly, "has no aggregate rows"),
                Arguments.of("header only", headerOnly, "has no aggregate rows"),
                Arguments.of("empty summary.csv", emptyCsv, "summary.csv is empty"),
                Arguments.of("a one-shot run's summary.csv", oldFormat, "lacks the column(s) row, trial, trials"),
                Arguments.of("a number with a comma", badNumber, "summary.csv line 2: tps is '405k', expected a number"),
                Arguments.of("an unknown row kind", badRowKind, "line 2: row is 'mean', expected trial or aggregate"),
                Arguments.of("a strategy at 0 clients", zeroClients, "line 2: clients is '0', expected at least 1"),
                Arguments.of("broken run.json", badJson, "run.json is not valid JSON"),
                Arguments.of("broken latency log", badLog, "linked-c64-t1.hlog is not a readable HdrHistogram log"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFolders")
    void shouldExitWithUsageErrorOnOneLineAndWriteNothing(String what, Path dir, String expected) throws Exception {
        Map<String, Long> before = listing(dir);

        Outcome outcome = run(dir.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("harness report: ").contains(expected);
        assertThat(outcome.stdout()).isEmpty();
        assertThat(listing(dir)).isEqualTo(before);
    }

    private static Path folder(String name, String summaryCsv) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("summary.csv"), summaryCsv);
        return dir;
    }

    /** Every file in {@code dir} and its size; empty for a missing folder or a file. */
    private static Map<String, Long> listing(Path dir) throws Exception {
        Map<String, Long> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    files.put(entry.getFileName().toString(), Files.size(entry));
                }
            }
        }
        return files;
    }
}
