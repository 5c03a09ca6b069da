package io.handoffbench.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuringJvmTest {

    private static final List<String> USER_ARGS =
            List.of("run", "--strategy", "mpsc", "-Xmx1g", "", "two words", "--", "-cp");

    /** One carrier fewer than this machine's cores, at least one: what every measuring JVM gets by default. */
    private static final int AUTO_CARRIERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    @TempDir
    Path root;

    private Path jar;
    private Path jvmci;

    @BeforeEach
    void buildFolder() throws IOException {
        Path target = Files.createDirectories(root.resolve("target"));
        jar = Files.createFile(target.resolve("harness.jar"));
        jvmci = Files.createDirectories(target.resolve("jvmci"));
        for (String name : MeasuringJvm.JVMCI_JARS) {
            Files.createFile(jvmci.resolve(name));
        }
    }

    @Test
    void shouldTurnJvmciOnWithTheFourJarsInOrderOnJdk25() {
        Jdk jdk = jdk("25.0.3");

        List<String> command = MeasuringJvm.forJar(jar, jdk).withExtraJvmArgs(List.of()).command(USER_ARGS);

        String upgradePath = String.join(File.pathSeparator, jvmci.resolve("compiler.jar").toString(),
                jvmci.resolve("collections.jar").toString(), jvmci.resolve("word.jar").toString(),
                jvmci.resolve("truffle-compiler.jar").toString());
        assertThat(command.subList(0, command.size() - USER_ARGS.size())).containsExactly(
                jdk.home().resolve("bin").resolve("java").toString(),
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + upgradePath,
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Djdk.virtualThreadScheduler.parallelism=" + AUTO_CARRIERS,
                "-Dhandoffbench.measuring-jvm=true",
                "-cp",
                jar.toString(),
                "io.handoffbench.harness.cli.HarnessMain");
    }

    @Test
    void shouldPassUserArgsThroughUnchangedAndLast() {
        List<String> command = MeasuringJvm.forJar(jar, jdk("25.0.3")).command(USER_ARGS);

        assertThat(command.subList(command.size() - USER_ARGS.size(), command.size())).isEqualTo(USER_ARGS);
        assertThat(command.get(command.size() - USER_ARGS.size() - 1)).isEqualTo(MeasuringJvm.MAIN_CLASS);
    }

    @Test
    void shouldOmitJvmciAndTheUnsafeFlagOnJdk21() {
        MeasuringJvm jvm = MeasuringJvm.forJar(jar, jdk("21.0.2")).withExtraJvmArgs(List.of());

        assertThat(jvm.jitEnabled()).isFalse();
        assertThat(jvm.jvmFlags()).containsExactly("--enable-native-access=ALL-UNNAMED",
                "-Djdk.virtualThreadScheduler.parallelism=" + AUTO_CARRIERS, "-Dhandoffbench.measuring-jvm=true");
        assertThat(jvm.command(USER_ARGS)).noneMatch(arg -> arg.contains("JVMCI") || arg.contains("upgrade-module"));
    }

    @Test
    void shouldOmitJvmciWhenACompilerJarIsMissing() throws IOException {
        Files.delete(jvmci.resolve("word.jar"));

        MeasuringJvm jvm = MeasuringJvm.forJar(jar, jdk("25.0.3"));

        assertThat(jvm.jitEnabled()).isFalse();
        assertThat(jvm.jvmFlags()).noneMatch(arg -> arg.contains("JVMCI") || arg.contains("upgrade-module"))
                .contains("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void shouldPutExtraJvmArgsAfterTheHarnessFlagsAndBeforeTheClassPath() {
        MeasuringJvm jvm = MeasuringJvm.forJar(jar, jdk("25.0.3"))
                .withExtraJvmArgs(MeasuringJvm.splitJvmArgs("  -Xmx2g\t-XX:+UseZGC   "));

        List<String> flags = jvm.jvmFlags();
        assertThat(flags.subList(flags.size() - 3, flags.size()))
                .containsExactly("-Xmx2g", "-XX:+UseZGC", "-Dhandoffbench.measuring-jvm=true");
        List<String> command = jvm.command("some.Main", List.of("x"));
        assertThat(command.subList(1, 1 + flags.size())).isEqualTo(flags);
        assertThat(command.subList(1 + flags.size(), command.size()))
                .containsExactly("-cp", jar.toString(), "some.Main", "x");
    }

    @Test
    void shouldLetExtraJvmArgsSetTheCarriersAndCarriersOptionOverrideThem() {
        MeasuringJvm fromEnvironment = MeasuringJvm.forJar(jar, jdk("25.0.3"))
                .withExtraJvmArgs(List.of("-Djdk.virtualThreadScheduler.parallelism=5"));
        MeasuringJvm chosen = fromEnvironment.withCarriers(3);

        assertThat(fromEnvironment.carriers()).isEqualTo(5);
        // The JVM takes the last of two -D flags for one property: the default first, the environment's after it.
        assertThat(fromEnvironment.jvmFlags()).containsSubsequence(
                "-Djdk.virtualThreadScheduler.parallelism=" + AUTO_CARRIERS,
                "-Djdk.virtualThreadScheduler.parallelism=5");
        assertThat(chosen.carriers()).isEqualTo(3);
        assertThat(chosen.jvmFlags()).containsSubsequence("-Djdk.virtualThreadScheduler.parallelism=5",
                "-Djdk.virtualThreadScheduler.parallelism=3", "-Dhandoffbench.measuring-jvm=true")
                .doesNotContain("-Djdk.virtualThreadScheduler.parallelism=" + AUTO_CARRIERS);
        assertThat(MeasuringJvm.forJar(jar, jdk("25.0.3")).withExtraJvmArgs(List.of()).carriers())
                .isEqualTo(AUTO_CARRIERS);
    }

    @Test
    void shouldAppendAddedClassPathEntriesAfterTheHarnessJarOnce() throws IOException {
        Path added = Files.createFile(root.resolve("added.jar"));
        ClassPathOption option = ClassPathOption.extract(List.of("--class-path=" + added), root);

        MeasuringJvm jvm = MeasuringJvm.forJar(jar, jdk("25.0.3")).withAddedClassPath(option);

        assertThat(jvm.classPath()).isEqualTo(jar + File.pathSeparator + added);
        assertThat(jvm.withAddedClassPath(option).classPath()).as("not twice").isEqualTo(jvm.classPath());
    }

    @Test
    void shouldSplitExtraArgsOnWhiteSpace() {
        assertThat(MeasuringJvm.splitJvmArgs(null)).isEmpty();
        assertThat(MeasuringJvm.splitJvmArgs("   ")).isEmpty();
        assertThat(MeasuringJvm.splitJvmArgs("-Xms1g -Xmx1g")).containsExactly("-Xms1g", "-Xmx1g");
    }

    @Test
    void shouldFindJvmciNextToTheJarOrTheClassesFolder() {
        assertThat(MeasuringJvm.jvmciFolderNextTo(jar)).isEqualTo(jvmci);
        assertThat(MeasuringJvm.jvmciFolderNextTo(root.resolve("target").resolve("classes"))).isEqualTo(jvmci);
        assertThat(MeasuringJvm.forClassPath("a" + File.pathSeparator + "b", jvmci, jdk("25.0.3"))
                .command(List.of())).contains("a" + File.pathSeparator + "b");
    }

    private Jdk jdk(String version) {
        return new Jdk(root.resolve("jdk-" + version), Jdk.Version.parse(version));
    }
}
