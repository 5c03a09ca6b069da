package io.handoffbench.harness.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkFinderTest {

    @TempDir
    Path root;

    @Test
    void shouldReadFeatureInterimAndUpdateFromTheReleaseFile() throws IOException {
        Path jvm = root.resolve("jvm");
        fakeJdk(jvm.resolve("temurin-25"), "25.0.3");
        fakeJdk(jvm.resolve("zulu-21"), "21.0.2");
        fakeJdk(jvm.resolve("openjdk-17"), "17.0.15");

        List<Jdk> found = new JdkFinder(List.of(), List.of(jvm)).find();

        assertThat(found).extracting(jdk -> jdk.home().getFileName().toString())
                .containsExactly("openjdk-17", "temurin-25", "zulu-21");
        Jdk.Version v25 = found.get(1).version();
        assertThat(v25.feature()).isEqualTo(25);
        assertThat(v25.interim()).isZero();
        assertThat(v25.update()).isEqualTo(3);
        assertThat(v25.text()).isEqualTo("25.0.3");
        assertThat(found.get(2).version().update()).isEqualTo(2);
        assertThat(found.get(0).version().update()).isEqualTo(15);
    }

    @Test
    void shouldSkipFoldersWithoutReleaseOrJavaOrWithABrokenReleaseFile() throws IOException {
        Path jvm = root.resolve("jvm");
        fakeJdk(jvm.resolve("good"), "25.0.3");
        Path noRelease = jvm.resolve("no-release");
        Files.createDirectories(noRelease.resolve("bin"));
        Files.createFile(noRelease.resolve("bin").resolve("java"));
        Path noJava = jvm.resolve("no-java");
        Files.createDirectories(noJava);
        Files.writeString(noJava.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        writeJdk(jvm.resolve("garbage-version"), "JAVA_VERSION=\"banana\"\n");
        writeJdk(jvm.resolve("no-version-line"), "IMPLEMENTOR=\"Nobody\"\n");
        Path binary = jvm.resolve("binary-release");
        writeJdk(binary, "");
        Files.write(binary.resolve("release"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        Files.createFile(jvm.resolve("a-plain-file"));

        List<Jdk> found = new JdkFinder(List.of(), List.of(jvm, root.resolve("does-not-exist"))).find();

        assertThat(found).extracting(jdk -> jdk.home().getFileName().toString()).containsExactly("good");
    }

    @Test
    void shouldListEachRealPathOnceWithHomesFirst() throws IOException {
        Path jvm = root.resolve("jvm");
        Path jdk25 = fakeJdk(jvm.resolve("temurin-25"), "25.0.3");
        fakeJdk(jvm.resolve("openjdk-21"), "21.0.2");
        Files.createSymbolicLink(jvm.resolve("java-1.25.0-alias"), jdk25);
        Path candidates = root.resolve("sdkman");
        Files.createDirectories(candidates);
        Files.createSymbolicLink(candidates.resolve("current"), jdk25);

        List<Jdk> found = new JdkFinder(List.of(jdk25, jdk25), List.of(jvm, candidates)).find();

        assertThat(found).extracting(Jdk::home).containsExactly(jdk25, jvm.resolve("openjdk-21"));
    }

    @Test
    void shouldFindTheMacOsBundleLayout() throws IOException {
        Path machines = root.resolve("JavaVirtualMachines");
        Path home = fakeJdk(machines.resolve("temurin-25.jdk").resolve("Contents").resolve("Home"), "25.0.3");

        assertThat(new JdkFinder(List.of(), List.of(machines)).find()).extracting(Jdk::home).containsExactly(home);
    }

    @Test
    void shouldChooseTheNewest25WhenTheRunningJdkIsOlder() throws IOException {
        Path jvm = root.resolve("jvm");
        Jdk running = jdk(fakeJdk(jvm.resolve("openjdk-17"), "17.0.15"));
        fakeJdk(jvm.resolve("a-25.0.1"), "25.0.1");
        fakeJdk(jvm.resolve("b-25.0.3"), "25.0.3");
        fakeJdk(jvm.resolve("c-21"), "21.0.2");
        List<Jdk> found = new JdkFinder(List.of(running.home()), List.of(jvm)).find();

        Optional<Jdk> chosen = JdkFinder.choose(running, found, JdkFinder.MIN_FEATURE);

        assertThat(chosen).map(jdk -> jdk.version().text()).contains("25.0.3");
    }

    @Test
    void shouldChooseTheRunningJdkWhenItIs25OrNewerEvenIfANewerOneIsInstalled() throws IOException {
        Path jvm = root.resolve("jvm");
        Jdk running = jdk(fakeJdk(jvm.resolve("temurin-25"), "25.0.1"));
        fakeJdk(jvm.resolve("openjdk-26"), "26.0.1");
        List<Jdk> found = new JdkFinder(List.of(running.home()), List.of(jvm)).find();

        assertThat(JdkFinder.choose(running, found, JdkFinder.MIN_FEATURE)).contains(running);
    }

    @Test
    void shouldChooseTheNewest21WhenNo25IsInstalled() throws IOException {
        Path jvm = root.resolve("jvm");
        Jdk running = jdk(fakeJdk(jvm.resolve("openjdk-17"), "17.0.15"));
        fakeJdk(jvm.resolve("openjdk-21"), "21.0.2");
        fakeJdk(jvm.resolve("openjdk-21-old"), "21.0.1");
        List<Jdk> found = new JdkFinder(List.of(running.home()), List.of(jvm)).find();

        assertThat(JdkFinder.choose(running, found, JdkFinder.MIN_FEATURE))
                .map(jdk -> jdk.version().text()).contains("21.0.2");
        assertThat(JdkFinder.choose(running, found, JdkFinder.JIT_FEATURE))
                .as("a harness compiled for 25 cannot use a 21").isEmpty();
    }

    @Test
    void shouldChooseNothingWhenOnly17IsInstalled() throws IOException {
        Path jvm = root.resolve("jvm");
        Jdk running = jdk(fakeJdk(jvm.resolve("openjdk-17"), "17.0.15"));
        fakeJdk(jvm.resolve("openjdk-11"), "11.0.22");
        List<Jdk> found = new JdkFinder(List.of(running.home()), List.of(jvm)).find();

        assertThat(found).hasSize(2);
        assertThat(JdkFinder.choose(running, found, JdkFinder.MIN_FEATURE)).isEmpty();
    }

    @Test
    void shouldPreferTheFirstFoundAmongEqualVersions() throws IOException {
        Jdk first = jdk(fakeJdk(root.resolve("java-home"), "25.0.3"));
        Jdk second = jdk(fakeJdk(root.resolve("jvm").resolve("copy"), "25.0.3"));

        assertThat(JdkFinder.newest(List.of(first, second), JdkFinder.JIT_FEATURE)).contains(first);
    }

    @Test
    void shouldParseTheVersionSpellingsOfReleaseFiles() {
        assertThat(Jdk.Version.parse("25.0.3")).extracting("feature", "interim", "update").containsExactly(25, 0, 3);
        assertThat(Jdk.Version.parse("21")).extracting("feature", "interim", "update").containsExactly(21, 0, 0);
        assertThat(Jdk.Version.parse("26-ea")).extracting("feature", "update").containsExactly(26, 0);
        assertThat(Jdk.Version.parse("21.0.2.1")).extracting("update", "patch").containsExactly(2, 1);
        assertThat(Jdk.Version.parse("1.8.0_392")).extracting("feature", "update").containsExactly(8, 392);
        assertThat(Jdk.Version.parse("25.0.10")).isGreaterThan(Jdk.Version.parse("25.0.9"));
        assertThatThrownBy(() -> Jdk.Version.parse("banana")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jdk.Version.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadUnquotedAndIndentedVersionLines() {
        assertThat(JdkFinder.javaVersion(List.of("IMPLEMENTOR=\"x\"", "  JAVA_VERSION=25.0.3  ")))
                .map(Jdk.Version::update).contains(3);
        assertThat(JdkFinder.javaVersion(List.of("JAVA_VERSION_DATE=\"2026-04-21\""))).isEmpty();
    }

    @Test
    void shouldDescribeTheRunningJvm() {
        Jdk running = JdkFinder.running();

        assertThat(running.version().feature()).isEqualTo(Runtime.version().feature());
        assertThat(running.javaExecutable()).isRegularFile();
    }

    private static Jdk jdk(Path home) {
        return JdkFinder.read(home).orElseThrow();
    }

    private static Path fakeJdk(Path home, String version) throws IOException {
        return writeJdk(home, "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    }

    private static Path writeJdk(Path home, String release) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createFile(home.resolve("bin").resolve("java"));
        Files.write(home.resolve("release"), release.getBytes(StandardCharsets.ISO_8859_1));
        return home;
    }
}
