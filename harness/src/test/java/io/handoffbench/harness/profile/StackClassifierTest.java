package io.handoffbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The component classifier on stacks recorded from real forked cells ({@code profile/recorded-stacks.txt}). */
class StackClassifierTest {

    private static final String RECORDED = "/profile/recorded-stacks.txt";

    static Stream<Arguments> recordedStacks() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        List<String> lines = resource().lines().filter(line -> !line.startsWith("#")).toList();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String expect = lines.get(i).substring("expect ".length());
            String component = expect.substring(0, expect.indexOf(':'));
            cases.add(Arguments.of(expect, component, lines.get(i + 1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedStacks")
    void shouldPlaceEachRecordedStackInItsComponent(String what, String component, String line) {
        assertThat(StackClassifier.classify(line).id()).isEqualTo(component);
    }

    @Test
    void shouldCoverEveryComponentButTheUnplaceableOnesInTheRecordedStacks() throws IOException {
        List<String> covered = recordedStacks().map(arguments -> (String) arguments.get()[1]).distinct().toList();

        assertThat(covered).containsAll(Stream.of(CpuComponent.values()).map(CpuComponent::id)
                .filter(id -> !id.endsWith("_other")).toList());
    }

    @Test
    void shouldShowVirtualClientsOwnFramesOnTheirCarriers() throws IOException {
        assertThat(resource().lines().filter(line -> line.startsWith("[ForkJoinPool-1-worker-")))
                .anyMatch(line -> line.contains("io/handoffbench/harness/client/ClosedLoopClient.run"));
    }

    @Test
    void shouldSendUnknownThreadsAndStacksToOtherNeverDropThem() {
        assertThat(StackClassifier.classify("[some-thread tid=1];foo/Bar.baz 3")).isEqualTo(CpuComponent.OTHER);
        assertThat(StackClassifier.classify("foo/Bar.baz 3")).isEqualTo(CpuComponent.OTHER); // no thread frame
        assertThat(StackClassifier.classify("[js-worker tid=7];java/lang/Thread.run;foo/Bar.baz 2"))
                .isEqualTo(CpuComponent.WORKER_OTHER);
        assertThat(StackClassifier.classify("[client-3 tid=9];java/lang/Thread.run;foo/Bar.baz 1"))
                .isEqualTo(CpuComponent.CLIENTS_OTHER);
    }

    @Test
    void shouldSplitCpuPerRequestBySharesThatAddUpToTheWhole() throws IOException {
        String collapsed = String.join("\n", recordedStacks().map(arguments -> (String) arguments.get()[2]).toList())
                + "\n[unknown-thread tid=3];x/Y.z 5\n";

        List<CellResult.CpuShare> breakdown = CpuBreakdown.of(collapsed, 10.0);

        assertThat(breakdown).extracting(CellResult.CpuShare::component)
                .containsExactly(Stream.of(CpuComponent.values()).map(CpuComponent::id).toArray(String[]::new));
        assertThat(breakdown.stream().mapToDouble(CellResult.CpuShare::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(breakdown.stream().mapToDouble(CellResult.CpuShare::usPerRequest).sum()).isCloseTo(10.0,
                within(1e-9));
        assertThat(breakdown.stream().mapToLong(CellResult.CpuShare::samples).sum())
                .isEqualTo(CpuBreakdown.samples(collapsed));
        assertThat(breakdown).filteredOn(share -> share.component().equals("other"))
                .singleElement().extracting(CellResult.CpuShare::samples).isNotEqualTo(0L);
    }

    @Test
    void shouldRefuseALineWithoutASampleCount() {
        assertThatThrownBy(() -> CpuBreakdown.of("[js-worker tid=1];a/B.c", 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sample count");
    }

    private static String resource() throws IOException {
        try (InputStream in = StackClassifierTest.class.getResourceAsStream(RECORDED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
