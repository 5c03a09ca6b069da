package io.handoffbench.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoffbench.harness.testing.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar the way a user does, {@code java -jar harness.jar ...}, including with a JDK 17 {@code java}
 * that cannot load the harness itself: the launcher must find a JDK 25 and hand over the arguments and exit code.
 */
class LauncherIT {

    private static final Path JDK17_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @TempDir
    Path output;

    private Path harnessJar;

    @BeforeEach
    void findJar() {
        String jar = System.getProperty("harness.jar");
        assertThat(jar).as("system property harness.jar (set by failsafe)").isNotBlank();
        harnessJar = Path.of(jar);
        assertThat(harnessJar).isRegularFile();
    }

    @Test
    void shouldPrintUsageOnJdk17WithoutUnsupportedClassVersionError() throws Exception {
        assumeTrue(Files.isExecutable(JDK17_JAVA), "no JDK 17 at " + JDK17_JAVA);

        ProcessRun result = run(JDK17_JAVA, "--help");

        assertThat(result.stderr()).doesNotContain("UnsupportedClassVersionError");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Usage:");
    }

    @Test
    void shouldPassTheUsageErrorExitCodeThroughOnJdk17() throws Exception {
        assumeTrue(Files.isExecutable(JDK17_JAVA), "no JDK 17 at " + JDK17_JAVA);

        ProcessRun result = run(JDK17_JAVA, "--no-such-option");

        assertThat(result.stderr()).doesNotContain("UnsupportedClassVersionError");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    }

    @Test
    void shouldPrintUsageOnTheJdkRunningTheTests() throws Exception {
        ProcessRun result = run(Path.of(System.getProperty("java.home"), "bin", "java"), "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Usage:");
    }

    private ProcessRun run(Path java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", harnessJar.toString()));
        command.addAll(List.of(args));
        return ProcessRun.run(command, output, "launcher");
    }
}
