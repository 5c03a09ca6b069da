package io.handoffbench.benchmarks.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.launch.ClassPathOption;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarksEntryTest {

    @Test
    void shouldRestartWithTheSameJvmArgumentsAndTheAddedJarAfterTheClassPath() {
        Path base = Path.of("/work");
        ClassPathOption added = ClassPathOption.extract(List.of("-f", "1", "--class-path=added.jar", "-l"), base);

        List<String> command = BenchmarksEntry.restartCommand(added, "benchmarks.jar");

        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(command.subList(1, 1 + jvmArgs.size())).isEqualTo(jvmArgs);
        assertThat(command.subList(1 + jvmArgs.size(), command.size())).containsExactly(
                "-cp", "benchmarks.jar" + File.pathSeparator + "/work/added.jar",
                BenchmarksEntry.class.getName(),
                "--class-path=/work/added.jar", "-f", "1", "-l");
    }
}
