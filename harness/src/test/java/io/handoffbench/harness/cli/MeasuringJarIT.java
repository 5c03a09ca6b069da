package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, in JVMs of its own: what happens without the JIT, and when a run is stopped by a signal. */
class MeasuringJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path tmp;

    private String harnessJar;

    @BeforeEach
    void findJar() {
        harnessJar = System.getProperty("harness.jar");
        assertThat(harnessJar).as("system property harness.jar (set by failsafe)").isNotBlank();
    }

    @Test
    void shouldRefuseToMeasureWhenGraalJsHasNoJit() throws Exception {
        Path out = tmp.resolve("no-jit");

        // The measuring class started directly, without the JVMCI flags the launcher adds.
        Process process = start(List.of(JAVA.toString(), "-cp", harnessJar, "io.handoffbench.harness.cli.HarnessMain",
                "--clients=1", "--warmup=0s", "--duration=500ms", "--out", out.toString()));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(Files.readString(tmp.resolve("stderr.txt")))
                .contains("JIT OFF")
                .contains("fallback interpreter")
                .contains("--allow-interpreter");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldMeasureWithoutJitOnlyWhenAllowedAndSaySo() throws Exception {
        Path out = tmp.resolve("interpreted");

        Process process = start(List.of(JAVA.toString(), "-cp", harnessJar, "io.handoffbench.harness.cli.HarnessMain",
                "--clients=2", "--workload=noop", "--warmup=0s", "--duration=500ms", "--allow-interpreter",
                "--forks=0", "--trials=1",
                "--out", out.toString()));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(tmp.resolve("stderr.txt"))).isZero();
        assertThat(Files.readString(tmp.resolve("stdout.txt"))).contains("OFF");
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.at("/graaljs/jit").asBoolean()).isFalse();
        assertThat(run.at("/graaljs/implementation").asText()).isEqualTo("Interpreted");
        assertThat(Files.readString(out.resolve("summary.csv"))).contains(",false");
        // The interpreter compiles nothing: every cell is flagged, its reducer never compiled.
        assertThat(run.at("/cells")).isNotEmpty().allSatisfy(cell -> {
            assertThat(cell.at("/engine/compilations/reducer_compiled").asBoolean(true)).isFalse();
            assertThat(cell.at("/warmup/steady").asBoolean(true)).isFalse();
        });
    }

    @Test
    void shouldKeepFinishedCellsAndMarkTheSweepInterruptedOnSigterm() throws Exception {
        Path out = tmp.resolve("interrupted");
        Process launcher = start(List.of(JAVA.toString(), "-jar", harnessJar, "--strategy=mpsc", "--clients=8",
                "--trials=1", "--warmup=500ms", "--duration=4s", "--out", out.toString()));
        waitForLine(tmp.resolve("stderr.txt"), "[2/2] mpsc c=8 t=1: running");
        Thread.sleep(2_000); // inside the mpsc cell's forked JVM

        launcher.destroy(); // SIGTERM, as a service manager or `kill` would send

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        assertThat(launcher.exitValue()).isNotZero();
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.get("status").asText()).isEqualTo("interrupted");
        assertThat(Files.readString(out.resolve("summary.csv")))
                .as("the finished ceiling cell stays readable").contains("trial,ceiling,transfer,0");
        JsonNode cut = JSON.readTree(out.resolve("cells/mpsc-c8-t1.json").toFile());
        assertThat(cut.get("problems").toString()).contains("interrupted");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the unfinished cell's latency log keeps its .partial name")
                    .contains("mpsc-c8-t1.hlog.partial")
                    .doesNotContain("mpsc-c8-t1.hlog");
        }
    }

    private Process start(List<String> command) throws Exception {
        return new ProcessBuilder(new ArrayList<>(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
    }

    private static void waitForLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within 120 s");
    }
}
