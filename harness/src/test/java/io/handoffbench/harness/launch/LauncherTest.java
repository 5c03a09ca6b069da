package io.handoffbench.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private static final Jdk JDK17 =
            new Jdk(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"), Jdk.Version.parse("17.0.15"));

    @Test
    void shouldSayWhatItNeedsAndWhatItFoundInOneLine() {
        String message = Launcher.noJdkMessage(JdkFinder.MIN_FEATURE, List.of(JDK17));

        assertThat(message).isEqualTo("needs a JDK 21 or newer (25 for JIT-compiled GraalJS); found: 17.0.15 at "
                + "/usr/lib/jvm/java-17-openjdk-amd64. Install a JDK 25 or set JAVA_HOME to one.")
                .doesNotContain("\n");
    }

    @Test
    void shouldAskFor25WhenTheHarnessIsCompiledFor25() {
        assertThat(Launcher.noJdkMessage(25, List.of())).startsWith("needs a JDK 25 or newer; found: none.");
    }
}
