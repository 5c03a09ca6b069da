package io.handoffbench.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathOptionTest {

    private static final String SEP = File.pathSeparator;

    @TempDir
    Path base;

    @Test
    void shouldTakeEveryClassPathOptionOutResolvedAgainstTheBaseInOrderWithoutRepeats() {
        ClassPathOption option = ClassPathOption.extract(List.of("--strategy=mine", "--class-path=a.jar" + SEP + "lib",
                "--clients=2", "--class-path", "/abs/b.jar" + SEP + "a.jar", "report"), base);

        assertThat(option.entries()).containsExactly(base.resolve("a.jar"), base.resolve("lib"), Path.of("/abs/b.jar"));
        assertThat(option.otherArgs()).containsExactly("--strategy=mine", "--clients=2", "report");
        assertThat(option.forwardedArgs()).containsExactly(
                "--class-path=" + base.resolve("a.jar") + SEP + base.resolve("lib") + SEP + "/abs/b.jar",
                "--strategy=mine", "--clients=2", "report");
    }

    @Test
    void shouldLeaveArgumentsAfterADoubleDashAndWithoutTheOptionAlone() {
        List<String> args = List.of("--help", "--", "--class-path=x.jar");

        ClassPathOption option = ClassPathOption.extract(args, base);

        assertThat(option.isEmpty()).isTrue();
        assertThat(option.otherArgs()).isEqualTo(args);
        assertThat(option.forwardedArgs()).isEqualTo(args);
    }

    @Test
    void shouldRefuseAnOptionWithoutAPath() {
        assertThatThrownBy(() -> ClassPathOption.extract(List.of("--class-path"), base))
                .hasMessage("--class-path needs a value: PATH[" + SEP + "PATH...]");
        assertThatThrownBy(() -> ClassPathOption.extract(List.of("--class-path", "--out", "x"), base))
                .hasMessageStartingWith("--class-path needs a value");
        assertThatThrownBy(() -> ClassPathOption.extract(List.of("--class-path=" + SEP), base))
                .hasMessageStartingWith("--class-path names no path");
    }

    @Test
    void shouldAcceptJarsAndFoldersAndNameTheFirstPathThatIsNeither() throws IOException {
        Path jar = emptyJar(base.resolve("added.jar"));
        Path folder = Files.createDirectories(base.resolve("classes"));
        Files.writeString(base.resolve("notes.txt"), "not a jar");

        assertThat(option(jar + SEP + folder).problem()).isNull();
        assertThat(option("missing.jar").problem())
                .isEqualTo("--class-path: " + base.resolve("missing.jar") + " does not exist");
        assertThat(option(jar + SEP + "notes.txt").problem())
                .isEqualTo("--class-path: " + base.resolve("notes.txt") + " is not a jar or folder");
    }

    @Test
    void shouldAppendOnlyTheEntriesAClassPathLacks() {
        ClassPathOption option = option("a.jar" + SEP + "b.jar");
        String a = base.resolve("a.jar").toString();
        String b = base.resolve("b.jar").toString();

        assertThat(option.missingFrom("harness.jar" + SEP + a)).containsExactly(Path.of(b));
        assertThat(option.appendTo("harness.jar" + SEP + a)).isEqualTo("harness.jar" + SEP + a + SEP + b);
        assertThat(option.appendTo("harness.jar" + SEP + a + SEP + b)).isEqualTo("harness.jar" + SEP + a + SEP + b);
        assertThat(ClassPathOption.extract(List.of(), base).appendTo("harness.jar")).isEqualTo("harness.jar");
    }

    @Test
    void shouldNameTheEntryAndTheStrategyThatDoesNotLoad() throws IOException {
        Path folder = Files.createDirectories(base.resolve("classes"));
        Path services = Files.createDirectories(folder.resolve("META-INF/services"));
        Path serviceFile = services.resolve("io.handoffbench.strategy.HandoffStrategyFactory");
        ClassLoader loader = getClass().getClassLoader();

        Files.writeString(serviceFile, "# a comment\n io.handoffbench.strategy.MpscQueueHandoff$Factory # built in\n");
        assertThat(option(folder.toString()).unloadableStrategy(loader)).isNull();

        Files.writeString(serviceFile, "com.example.Missing\n");
        assertThat(option(folder.toString()).unloadableStrategy(loader)).isEqualTo("--class-path: " + folder
                + " lists the strategy com.example.Missing in " + ClassPathOption.SERVICE_FILE
                + ", but no such class is on the class path");

        Files.writeString(serviceFile, "java.lang.String\n");
        assertThat(option(folder.toString()).unloadableStrategy(loader))
                .endsWith("java.lang.String in " + ClassPathOption.SERVICE_FILE
                        + ", but it does not implement io.handoffbench.strategy.HandoffStrategyFactory");

        assertThat(option(emptyJar(base.resolve("none.jar")).toString()).unloadableStrategy(loader))
                .as("a jar that lists no strategy").isNull();
    }

    @Test
    void shouldSayWhyTheStrategiesDoNotLoadInOneLine() {
        ServiceConfigurationError error = new ServiceConfigurationError(
                "io.handoffbench.strategy.HandoffStrategyFactory: Provider x.Y could not be instantiated",
                new IllegalStateException("boom\n\tat somewhere"));

        assertThat(ClassPathOption.strategiesProblem(error)).isEqualTo("cannot load the strategies on the class "
                + "path: io.handoffbench.strategy.HandoffStrategyFactory: Provider x.Y could not be instantiated "
                + "(java.lang.IllegalStateException: boom)");
    }

    private ClassPathOption option(String value) {
        return ClassPathOption.extract(List.of("--class-path=" + value), base);
    }

    private static Path emptyJar(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.finish();
        }
        return file;
    }
}
