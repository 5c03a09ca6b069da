package io.handoffbench.harness.run;

import io.handoffbench.harness.client.ClientLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A cell's self-check: named rules over what the clients and the worker counted, each able to fail on its own. A
 * cell passes when no rule finds a problem; every problem found is reported, not only the first.
 */
public final class SelfCheck {

    /**
     * What the rules look at, counted over the measurement after every thread has been joined.
     *
     * @param clients           the clients' tallies, summed
     * @param worker            what the worker counted
     * @param recordedLatencies end-to-end latencies the clients recorded
     */
    public record Evidence(ClientLedger.Tally clients, WorkerCounts worker, long recordedLatencies) {
    }

    /**
     * The worker's side of the evidence.
     *
     * @param failure              why the worker could not go on, or null
     * @param executedMeasured     measured requests the worker took and answered
     * @param summaryProblems      where the script's own counts disagree with the worker's
     * @param overlappingConsumers times two worker generations drained at once
     * @param orderViolations      requests the worker took twice, or found missing, by each client's numbers
     * @param firstViolation       the first of them, naming client and request
     */
    public record WorkerCounts(String failure, long executedMeasured, List<String> summaryProblems,
                               long overlappingConsumers, long orderViolations, String firstViolation) {
    }

    /** One rule: its name, and the problems it finds (none when it holds). */
    public record Rule(String name, Function<Evidence, List<String>> check) {
    }

    /** Every rule, in the order their problems are reported. */
    public static final List<Rule> RULES = List.of(
            new Rule("replies answer their requests", e -> e.clients().badReplies() == 0 ? List.of()
                    : List.of(e.clients().badReplies() + " wrong replies, first: " + e.clients().firstProblem())),
            new Rule("served on the worker thread", e -> e.clients().servedElsewhere() == 0 ? List.of()
                    : List.of(e.clients().servedElsewhere() + " requests served off the worker thread: "
                            + e.clients().firstProblem())),
            new Rule("every request ended one way", SelfCheck::accountingBalances),
            new Rule("the worker did not fail", e -> e.worker().failure() == null ? List.of()
                    : List.of("the JS worker failed: " + e.worker().failure())),
            new Rule("the worker executed what clients received", SelfCheck::executedMatchesReceived),
            new Rule("every good reply was recorded", e -> e.recordedLatencies() == e.clients().completed()
                    ? List.of()
                    : List.of("clients received " + e.clients().completed() + " good replies but recorded "
                            + e.recordedLatencies() + " latencies")),
            new Rule("the script's own counts agree", e -> e.worker().summaryProblems()),
            new Rule("one worker generation drains at a time", e -> e.worker().overlappingConsumers() == 0
                    ? List.of()
                    : List.of(e.worker().overlappingConsumers() + " times two worker generations drained the queue "
                            + "at once")),
            new Rule("every request was delivered once, in order", e -> e.worker().orderViolations() == 0
                    ? List.of()
                    : List.of("the handoff broke its contract " + e.worker().orderViolations() + " times, first: "
                            + e.worker().firstViolation())));

    private SelfCheck() {
    }

    /** Every problem every rule finds; empty when the cell is sound. */
    public static List<String> problems(Evidence evidence) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            problems.addAll(rule.check().apply(evidence));
        }
        return List.copyOf(problems);
    }

    /** Every measured request (open loop: every one due inside the window, wrk2's rule) ended one of six ways. */
    private static List<String> accountingBalances(Evidence e) {
        ClientLedger.Tally t = e.clients();
        long lost = t.accounting(0).lost();
        return lost == 0 ? List.of() : List.of("accounting does not balance: due " + t.due()
                + " != completed " + t.completed() + " + errors " + t.errors() + " + rejected " + t.rejected()
                + " + timeouts " + t.timeouts() + " + censored " + t.censored() + " + due_unsent " + t.dueUnsent()
                + " (" + lost + " lost)");
    }

    /** With timeouts some executed requests were never received; the balance above still holds then. */
    private static List<String> executedMatchesReceived(Evidence e) {
        if (e.clients().timeouts() > 0 || e.worker().executedMeasured() == e.clients().received()) {
            return List.of();
        }
        return List.of("the worker executed " + e.worker().executedMeasured() + " measured requests but clients "
                + "received " + e.clients().received() + " replies to executed requests");
    }
}
