package io.handoffbench.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmhResultsCheckTest {

    private static final String HANDOFF = "io.handoffbench.benchmarks.handoff.HandoffRoundTripNoJs.clients16";

    private static JmhResult result(String strategy, String mode, double score) {
        return new JmhResult(HANDOFF, mode, 16, Map.of("strategy", strategy),
                new JmhResult.Metric(score, Double.NaN, "us/op", Map.of()), Map.of(), 1, 1, "1 s", 1, "1 s", "25", "1.37");
    }

    @Test
    void shouldExpectEveryMethodModeAndParameterCombinationOfThisJar() {
        Set<String> expected = JmhResultsCheck.expectedRuns(List.of("rendezvous", "linked", "mpsc", "disruptor", "x"));

        // handoff: 3 client counts x 2 modes x 5 strategies; pipelined: 1 mode x 5; end to end: 2 modes x 5 x 2
        // workloads; baseline: 2
        assertThat(expected).hasSize(30 + 5 + 20 + 2);
        assertThat(expected).contains(
                JmhResultsCheck.key(HANDOFF, "sample", Map.of("strategy", "x", "idle", "default"), 16),
                JmhResultsCheck.key("io.handoffbench.benchmarks.baseline.ReducerCostDirect.reduce", "avgt",
                        Map.of("workload", "noop"), 1));
    }

    @Test
    void shouldAcceptOneFiniteScorePerExpectedRun() {
        Set<String> expected = Set.of(JmhResultsCheck.key(HANDOFF, "thrpt", Map.of("strategy", "mpsc"), 16));

        assertThat(JmhResultsCheck.problems(expected, List.of(result("mpsc", "thrpt", 0.2)))).isEmpty();
    }

    @Test
    void shouldReportMissingDuplicatedUnexpectedAndNaNResults() {
        Set<String> expected = Set.of(
                JmhResultsCheck.key(HANDOFF, "thrpt", Map.of("strategy", "mpsc"), 16),
                JmhResultsCheck.key(HANDOFF, "thrpt", Map.of("strategy", "linked"), 16),
                JmhResultsCheck.key(HANDOFF, "thrpt", Map.of("strategy", "disruptor"), 16));

        List<String> problems = JmhResultsCheck.problems(expected, List.of(
                result("mpsc", "thrpt", 0.2), result("mpsc", "thrpt", 0.2),
                result("linked", "thrpt", Double.NaN),
                result("other", "thrpt", 0.1)));

        assertThat(problems).anyMatch(p -> p.startsWith("2 entries:") && p.contains("mpsc"));
        assertThat(problems).anyMatch(p -> p.startsWith("no score") && p.contains("linked"));
        assertThat(problems).anyMatch(p -> p.startsWith("missing:") && p.contains("disruptor"));
        assertThat(problems).anyMatch(p -> p.startsWith("not a benchmark of this jar:") && p.contains("other"));
    }
}
