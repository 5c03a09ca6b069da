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
     * @param failure           why the worker could not go on, or null
     * @param executedMeasured  measured requests the worker took and answered
     * @param takenMeasured     measured requests the worker took from the strategy, duplicates left out
     * @param answeredMeasured  measured requests the reducer answered without an error
     * @param summaryProblems   where the script's own counts disagree with the worker's
     * @param orderViolations   requests the worker took twice, or found missing, by each client's numbers
     * @param firstViolation    the first of them, naming client and request
     * @param doubleCompletions answers to a request already answered, in any phase
     * @param lateReplies       measured replies that came after their client had given up
     */
    public record WorkerCounts(String failure, long executedMeasured, long takenMeasured, long answeredMeasured,
                               List<String> summaryProblems, long orderViolations, String firstViolation,
                               long doubleCompletions, long lateReplies) {
    }

    /** One rule: its name, and the problems it finds (none when it holds). */
    public record Rule(String name, Function<Evidence, List<String>> check) {
    }

    /**
     * Every rule, in the order their problems are reported. Each compares counts kept by different threads, or by
     * the script, so that each can fail; see SelfCheckTest.
     */
    public static final List<Rule> RULES = List.of(
            new Rule("replies answer their requests", e -> e.clients().badReplies() == 0 ? List.of()
                    : List.of(e.clients().badReplies() + " wrong replies, first: " + e.clients().firstProblem())),
            new Rule("served on the worker thread", e -> e.clients().servedElsewhere() == 0 ? List.of()
                    : List.of(e.clients().servedElsewhere() + " requests served off the worker thread: "
                            + e.clients().firstProblem())),
            new Rule("every request ended one way", SelfCheck::accountingBalances),
            new Rule("the worker took every request clients sent", SelfCheck::takenMatchesSent),
            new Rule("the worker did not fail", e -> e.worker().failure() == null ? List.of()
                    : List.of("the JS worker failed: " + e.worker().failure())),
            new Rule("the worker executed what clients received", SelfCheck::executedMatchesReceived),
            new Rule("every answer the worker sent was recorded", SelfCheck::answeredMatchesRecorded),
            new Rule("each request was answered once", SelfCheck::answeredOnce),
            new Rule("the script's own counts agree", e -> e.worker().summaryProblems()),
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

    /**
     * Every measured request (open loop: every one due inside the window, wrk2's rule) ended one of six ways. The
     * clients' own balance: each bumps one counter per request, so this fails only for a client that never returned
     * or a reply it refused; {@link #takenMatchesSent} is the count the worker keeps on its own.
     */
    private static List<String> accountingBalances(Evidence e) {
        ClientLedger.Tally t = e.clients();
        long lost = t.accounting(0).lost();
        return lost == 0 ? List.of() : List.of("accounting does not balance: due " + t.due()
                + " != completed " + t.completed() + " + errors " + t.errors() + " + rejected " + t.rejected()
                + " + timeouts " + t.timeouts() + " + censored " + t.censored() + " + due_unsent " + t.dueUnsent()
                + " (" + lost + " lost)");
    }

    /** Counted by the clients as they hand requests over and by the worker as it takes them: a loss between shows. */
    private static List<String> takenMatchesSent(Evidence e) {
        long sent = e.clients().submitted() - e.clients().rejected();
        return e.worker().takenMeasured() == sent ? List.of() : List.of("clients sent " + sent + " measured requests "
                + "but the worker took " + e.worker().takenMeasured());
    }

    /**
     * The worker's good answers against the latencies in the clients' log. With timeouts some answers came late and
     * were discarded, and a reply the client refused is its own rule's problem.
     */
    private static List<String> answeredMatchesRecorded(Evidence e) {
        if (e.clients().timeouts() > 0 || e.clients().badReplies() > 0
                || e.worker().answeredMeasured() == e.recordedLatencies()) {
            return List.of();
        }
        return List.of("the worker answered " + e.worker().answeredMeasured() + " measured requests but the clients' "
                + "log recorded " + e.recordedLatencies() + " latencies");
    }

    /** A second answer to one delivery; a late reply is one only when a client timed out. */
    private static List<String> answeredOnce(Evidence e) {
        List<String> problems = new ArrayList<>();
        if (e.worker().doubleCompletions() > 0) {
            problems.add(e.worker().doubleCompletions() + " requests were answered twice");
        }
        if (e.worker().lateReplies() > 0 && e.clients().timeouts() == 0) {
            problems.add(e.worker().lateReplies() + " replies came late, but no client timed out: a request answered "
                    + "twice");
        }
        return problems;
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
