package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.testing.AddedStrategyJar;
import io.handoffbench.strategy.HandoffStrategies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-path} when it reaches the harness in a JVM whose class path lacks the jar (a test, a JVM started by
 * hand): the jar is loaded for the run only, and recorded. The real jar's path is {@code AddedStrategyJarIT}.
 */
@Timeout(120)
class AddedStrategyJarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path jar;

    @BeforeAll
    static void buildJar() throws Exception {
        jar = AddedStrategyJar.build(tmp);
    }

    @Test
    void shouldListTheAddedStrategyInHelpForThisRunOnly() {
        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("--class-path=" + jar, "--help");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).contains(AddedStrategyJar.ID + ",")
                .containsPattern("(?m)^  " + AddedStrategyJar.ID + " +test only");
        assertThat(HandoffStrategies.load().find(AddedStrategyJar.ID)).as("gone once the command is done").isEmpty();
    }

    @Test
    void shouldRunTheAddedStrategyInThisJvmAndRecordTheClassPath() throws Exception {
        Path out = tmp.resolve("in-process");

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("--class-path", jar.toString(),
                "--strategy=" + AddedStrategyJar.ID, "--forks=0", "--clients=2", "--trials=1", "--warmup=0s",
                "--duration=500ms", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(Files.readString(out.resolve("summary.csv")))
                .contains("trial," + AddedStrategyJar.ID + ",transfer,2,")
                .contains("aggregate," + AddedStrategyJar.ID + ",transfer,2,");
        JsonNode options = JSON.readTree(out.resolve("run.json").toFile()).get("options");
        assertThat(options.get("class_path").toString()).isEqualTo(JSON.writeValueAsString(new String[] {
                jar.toString()}));
    }
}
