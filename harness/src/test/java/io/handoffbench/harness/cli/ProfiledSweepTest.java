package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.profile.SamplingChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --profile} for real: a short forked cell sampled by async-profiler leaves its flame graph, collapsed stacks
 * with the worker's reducer and the virtual clients' own frames, and a CPU breakdown that adds up; a profiler that
 * refuses to start stops the sweep before anything is measured or written.
 */
@Timeout(300)
@EnabledOnOs({OS.LINUX, OS.MAC}) // where async-profiler ships a native library
class ProfiledSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldLeaveAFlameGraphCollapsedStacksAndABreakdownThatAddsUpForAProfiledForkedCell() throws Exception {
        Path out = tmp.resolve("run");

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("--strategy=mpsc", "--clients=4",
                "--trials=1", "--warmup=1s", "--duration=2s", "--profile=cpu", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        Path collapsed = out.resolve("profiles/mpsc-c4-t1.collapsed");
        List<String> stacks = Files.readAllLines(collapsed);
        assertThat(stacks).isNotEmpty();
        assertThat(stacks).as("the worker's reducer frames").anyMatch(line -> line.startsWith("[js-worker ")
                && line.contains("io/handoffbench/harness/worker/WorkerGeneration.serve")
                && line.contains("com/oracle/truffle/"));
        assertThat(stacks).as("virtual clients' own frames on their carriers").anyMatch(line ->
                line.startsWith("[ForkJoinPool-1-worker-") && line.contains("client/ClosedLoopClient.run"));
        assertThat(Files.readString(out.resolve("profiles/mpsc-c4-t1.html"))).contains("<!DOCTYPE html>")
                .contains("mpsc-c4-t1");

        JsonNode cell = JSON.readTree(out.resolve("cells/mpsc-c4-t1.json").toFile());
        JsonNode profile = cell.path("profile");
        assertThat(profile.path("kind").asText()).isEqualTo("cpu");
        assertThat(profile.path("flame_graph").asText()).isEqualTo("profiles/mpsc-c4-t1.html");
        assertThat(profile.path("collapsed").asText()).isEqualTo("profiles/mpsc-c4-t1.collapsed");
        List<JsonNode> breakdown = new ArrayList<>();
        profile.path("breakdown").forEach(breakdown::add);
        assertThat(breakdown).extracting(share -> share.path("component").asText())
                .contains("worker_reducer", "worker_take", "worker_answer", "worker_idle", "clients_next",
                        "clients_submit", "clients_wait", "clients_record", "jit", "gc", "other");
        assertThat(breakdown.stream().mapToDouble(share -> share.path("share").asDouble()).sum())
                .isCloseTo(1.0, within(0.001));
        assertThat(breakdown.stream().mapToDouble(share -> share.path("us_per_request").asDouble()).sum())
                .isCloseTo(cell.path("cpu").path("process_us_per_request").asDouble(), within(0.001));
        assertThat(breakdown).filteredOn(share -> share.path("component").asText().equals("worker_reducer"))
                .singleElement().satisfies(share -> assertThat(share.path("samples").asLong()).isPositive());
        assertThat(cell.path("problems")).isEmpty();

        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.path("options").path("profile").asText()).isEqualTo("cpu");
        assertThat(run.path("options").path("profile_engine").asText()).isIn("cpu-clock,alluser", "ctimer", "itimer");
        assertThat(run.path("options").path("profile_interval_ms").asDouble()).isEqualTo(1.0);
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).filteredOn(line -> line.startsWith("trial,mpsc,"))
                .singleElement().asString().contains(",cpu,");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<a href=\"profiles/mpsc-c4-t1.html\">").contains("mpsc (profiled: cpu)");
        assertThat(out.resolve("cpu-breakdown.png")).isNotEmptyFile();
        assertThat(outcome.stdout()).contains("profiled").contains("profiles/mpsc-c4-t1.html");
    }

    @Test
    void shouldExitThreeBeforeMeasuringWhenTheProfilerRefusesToStart() {
        Path out = tmp.resolve("refused");
        System.setProperty(SamplingChoice.EVENT_PROPERTY, "no-such-event");
        HarnessEndToEndTest.Outcome outcome;
        try {
            outcome = HarnessEndToEndTest.run("--strategy=mpsc", "--clients=1", "--trials=1", "--warmup=0s",
                    "--duration=500ms", "--profile=cpu", "--out", out.toString());
        } finally {
            System.clearProperty(SamplingChoice.EVENT_PROPERTY);
        }

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(outcome.stderr().lines().filter(line -> line.startsWith("harness:"))).singleElement()
                .asString().startsWith("harness: cannot profile here: async-profiler ")
                .contains("refuses to start").contains("event=no-such-event");
        assertThat(out).doesNotExist();
        assertThat(outcome.stdout()).isEmpty();
    }
}
