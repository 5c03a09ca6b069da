package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.client.ClientLedger;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each self-check rule holds on a sound cell and finds its own problem, and only its own, in one broken on purpose. */
class SelfCheckTest {

    /**
     * 1,030 due in an open loop: 1,000 sent (990 answered, 6 errors, 4 censored: unanswered when the drain ended) and
     * 30 never sent; the worker took all 1,000 sent, ran the 996 it answered, and every one of its 990 good answers
     * was recorded.
     */
    private static final ClientLedger.Tally CLIENTS =
            new ClientLedger.Tally(1_000, 990, 6, 4, 0, 0, 0, 0, null, 123L, 1_030, 30);
    private static final SelfCheck.WorkerCounts WORKER = worker(996, 1_000, 990, List.of(), 0, null, 0, 0);
    private static final SelfCheck.Evidence SOUND = new SelfCheck.Evidence(CLIENTS, WORKER, 990);

    @Test
    void shouldFindNothingInASoundCell() {
        assertThat(SelfCheck.problems(SOUND)).isEmpty();
        assertThat(SelfCheck.RULES).allSatisfy(rule -> assertThat(rule.check().apply(SOUND)).isEmpty());
    }

    static Stream<Arguments> brokenCells() {
        return Stream.of(
                // A wrong reply is neither completed nor an error, so the accounting misses it too.
                broken(List.of("replies answer their requests", "every request ended one way"),
                        "2 wrong replies, first: 'x' for 7",
                        e -> new SelfCheck.Evidence(tally(1_000, 988, 6, 4, 0, 0, 2, 0, "'x' for 7"), e.worker(),
                                988)),
                broken("served on the worker thread", "1 requests served off the worker thread",
                        e -> new SelfCheck.Evidence(tally(1_000, 990, 6, 4, 0, 0, 0, 1, "on client-3"), e.worker(),
                                990)),
                broken("every request ended one way", "accounting does not balance: due 1031",
                        e -> new SelfCheck.Evidence(tally(1_001, 990, 6, 4, 0, 0, 0, 0, null),
                                worker(996, 1_001, 990, List.of(), 0, null, 0, 0), 990)),
                broken("the worker took every request clients sent",
                        "clients sent 1000 measured requests but the worker took 999",
                        e -> new SelfCheck.Evidence(e.clients(), worker(996, 999, 990, List.of(), 0, null, 0, 0),
                                990)),
                broken("the worker did not fail", "the JS worker failed: boom",
                        e -> new SelfCheck.Evidence(e.clients(), new SelfCheck.WorkerCounts("boom", 996, 1_000, 990,
                                List.of(), 0, null, 0, 0), 990)),
                broken("the worker executed what clients received", "the worker executed 997 measured requests",
                        e -> new SelfCheck.Evidence(e.clients(), worker(997, 1_000, 990, List.of(), 0, null, 0, 0),
                                990)),
                broken("every answer the worker sent was recorded",
                        "the worker answered 990 measured requests but the clients' log recorded 989",
                        e -> new SelfCheck.Evidence(e.clients(), e.worker(), 989)),
                broken("each request was answered once", "1 requests were answered twice",
                        e -> new SelfCheck.Evidence(e.clients(), worker(996, 1_000, 990, List.of(), 0, null, 1, 0),
                                990)),
                broken("the script's own counts agree", "context 1: requests is 995",
                        e -> new SelfCheck.Evidence(e.clients(),
                                worker(996, 1_000, 990, List.of("context 1: requests is 995"), 0, null, 0, 0), 990)),
                broken("every request was delivered once, in order", "first: client 2 request 7 was delivered twice",
                        e -> new SelfCheck.Evidence(e.clients(), worker(996, 1_000, 990, List.of(), 1,
                                "client 2 request 7 was delivered twice", 0, 0), 990)));
    }

    @Test
    void shouldTakeALateReplyWithoutATimeoutForADoubleCompletion() {
        SelfCheck.Evidence lateWithoutTimeout = new SelfCheck.Evidence(CLIENTS,
                worker(996, 1_000, 990, List.of(), 0, null, 0, 1), 990);
        SelfCheck.Evidence lateAfterTimeout = new SelfCheck.Evidence(tally(1_000, 989, 6, 4, 0, 1, 0, 0, null),
                worker(996, 1_000, 990, List.of(), 0, null, 0, 1), 989);

        assertThat(SelfCheck.problems(lateWithoutTimeout))
                .containsExactly("1 replies came late, but no client timed out: a request answered twice");
        assertThat(SelfCheck.problems(lateAfterTimeout)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCells")
    void shouldFindTheBrokenRuleAndOnlyIt(List<String> rules, String message,
                                          UnaryOperator<SelfCheck.Evidence> breakIt) {
        SelfCheck.Evidence evidence = breakIt.apply(SOUND);

        assertThat(SelfCheck.problems(evidence)).hasSameSizeAs(rules).first().asString().contains(message);
        assertThat(SelfCheck.RULES).filteredOn(r -> !r.check().apply(evidence).isEmpty())
                .extracting(SelfCheck.Rule::name).containsExactlyElementsOf(rules);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCoverEveryRuleWithABrokenCell() {
        assertThat(brokenCells().map(arguments -> ((List<String>) arguments.get()[0]).get(0)))
                .containsExactlyElementsOf(SelfCheck.RULES.stream().map(SelfCheck.Rule::name).toList());
    }

    private static Arguments broken(String rule, String message, UnaryOperator<SelfCheck.Evidence> breakIt) {
        return broken(List.of(rule), message, breakIt);
    }

    private static Arguments broken(List<String> rules, String message, UnaryOperator<SelfCheck.Evidence> breakIt) {
        return Arguments.of(rules, message, breakIt);
    }

    private static SelfCheck.WorkerCounts worker(long executed, long taken, long answered, List<String> summary,
                                                 long orderViolations, String firstViolation, long doubleCompletions,
                                                 long lateReplies) {
        return new SelfCheck.WorkerCounts(null, executed, taken, answered, summary, orderViolations, firstViolation,
                doubleCompletions, lateReplies);
    }

    /** A tally with {@link #CLIENTS}'s 30 due but never sent; {@code due} follows from {@code submitted}. */
    private static ClientLedger.Tally tally(long submitted, long completed, long errors, long censored, long rejected,
                                            long timeouts, long badReplies, long servedElsewhere, String firstProblem) {
        return new ClientLedger.Tally(submitted, completed, errors, censored, rejected, timeouts, badReplies,
                servedElsewhere, firstProblem, 123L, submitted + 30, 30);
    }
}
