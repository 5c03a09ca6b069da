package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.harness.testing.AddedStrategyJar;
import io.handoffbench.harness.testing.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's way to add a strategy, through the built jar: {@code java -jar harness.jar --class-path=added.jar
 * --strategy=test-added}, with a jar compiled here and a path relative to the caller's folder. The launcher puts
 * the jar on the measuring JVM's class path, which every forked cell inherits.
 */
class AddedStrategyJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    static Path tmp;

    private static Path jar;

    @BeforeAll
    static void buildJar() throws Exception {
        jar = AddedStrategyJar.build(tmp);
    }

    @Test
    void shouldMeasureTheAddedStrategyInAForkedCellAndRecordTheClassPath() throws Exception {
        ProcessRun result = run("sweep", "--class-path=added.jar", "--strategy=" + AddedStrategyJar.ID, "--clients=2",
                "--trials=1", "--warmup=1s", "--duration=1s", "--out", "out");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path out = tmp.resolve("out");
        assertThat(Files.readString(out.resolve("summary.csv")))
                .contains("trial," + AddedStrategyJar.ID + ",transfer,2,")
                .contains("aggregate," + AddedStrategyJar.ID + ",transfer,2,");
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.get("status").asText()).isEqualTo("complete");
        assertThat(run.at("/options/class_path").toString())
                .isEqualTo(JSON.writeValueAsString(List.of(jar.toString())));
        assertThat(run.at("/options/forks").asInt()).as("measured in a forked cell").isEqualTo(1);
    }

    @Test
    void shouldListTheAddedStrategyInHelp() throws Exception {
        ProcessRun result = run("help", "--class-path", jar.toString(), "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).containsPattern("(?m)^  " + AddedStrategyJar.ID + " +test only");
    }

    @Test
    void shouldRefuseAPathThatDoesNotExistInOneLine() throws Exception {
        ProcessRun result = run("missing", "--class-path=missing.jar", "--out", "missing-out");

        assertUsageError(result, "--class-path: " + tmp.resolve("missing.jar") + " does not exist");
        assertThat(tmp.resolve("missing-out")).doesNotExist();
    }

    @Test
    void shouldRefuseAFileThatIsNotAJarInOneLine() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "not a jar");

        ProcessRun result = run("not-a-jar", "--class-path=notes.txt", "--out", "not-a-jar-out");

        assertUsageError(result, "--class-path: " + tmp.resolve("notes.txt") + " is not a jar or folder");
        assertThat(tmp.resolve("not-a-jar-out")).doesNotExist();
    }

    @Test
    void shouldNameTheJarAndTheStrategyThatDoesNotLoadInOneLine() throws Exception {
        Path broken = AddedStrategyJar.broken(tmp.resolve("broken.jar"));

        ProcessRun result = run("broken", "--class-path=broken.jar", "--out", "broken-out");

        assertUsageError(result, "--class-path: " + broken + " lists the strategy " + AddedStrategyJar.MISSING_CLASS
                + " in " + ClassPathOption.SERVICE_FILE + ", but no such class is on the class path");
        assertThat(tmp.resolve("broken-out")).doesNotExist();
    }

    private static void assertUsageError(ProcessRun result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr().lines()).as(result.toString()).hasSize(1);
        assertThat(result.stderr()).contains(message);
        assertThat(result.stdout()).isEmpty();
    }

    /** {@code java -jar harness.jar ARGS} in {@code tmp}, output in files named after {@code name}. */
    private static ProcessRun run(String name, String... args) throws Exception {
        String harnessJar = System.getProperty("harness.jar");
        assertThat(harnessJar).as("system property harness.jar (set by failsafe)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", harnessJar));
        command.addAll(List.of(args));
        return ProcessRun.run(command, tmp, name);
    }
}
