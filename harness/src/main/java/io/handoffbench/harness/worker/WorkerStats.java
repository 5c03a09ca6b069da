package io.handoffbench.harness.worker;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What the worker did, read after it stopped.
 *
 * @param executed             requests taken and answered by a live context (replies, error replies and
 *                             trapping requests included); not those answered after a {@link #failure}
 * @param summaryJson          the last context's {@code summary()}, if it served to the end; with traps it covers
 *                             only that context, so check {@link #summaryProblems()} instead
 * @param traps                contexts retired by a trap, injected ones included
 * @param recoveryNanos        from each trap to the first reply sent by the replacement, in ns; a trap after which
 *                             no request arrived has no recovery
 * @param generations          every context in order; {@code generations().size()} is how many were started
 * @param wakeMeanUs           the worker's own time to answer a request and wake its client (the state's CAS,
 *                             the reply queue in an open loop, the unpark), mean of one measured reply in
 *                             {@value WorkerGeneration#REPLY_SAMPLE_EVERY}; NaN when none was sampled
 * @param orderViolations      requests delivered twice or lost, as the worker saw each client's numbers: must be 0
 * @param firstViolation       the first of them, naming client and request; null when none
 * @param finalStateJson       the last context's {@code state()}, if it served to the end and defines one
 * @param expectedSequences    by client id, the number of the first request the worker never took; empty when the
 *                             worker did not check the order
 * @param measuredDrains       drains that handed over at least one request the worker then executed as measured
 * @param takenMeasured        measured requests the worker took from the strategy (duplicates left out)
 * @param answeredMeasured     measured requests the reducer answered without an error
 */
public record WorkerStats(long executed, long executedMeasured, long errors, long batches, String summaryJson,
                          Throwable failure, long traps, Histogram recoveryNanos,
                          List<Generation> generations, double wakeMeanUs, long orderViolations,
                          String firstViolation, String finalStateJson, long[] expectedSequences,
                          long measuredDrains, long takenMeasured, long answeredMeasured) {

    /** Measured requests executed per drain that handed any over: how many requests one drain moves, 0 if none. */
    public double requestsPerDrain() {
        return measuredDrains == 0 ? 0 : (double) executedMeasured / measuredDrains;
    }

    /**
     * One generation: one worker thread, one context.
     *
     * @param number       1 for the first, counting up with each replacement
     * @param reducerCalls how many times {@code reduce} was called in this context (an injected trap calls none,
     *                     a timeout trap's interrupted call is counted)
     * @param ending       why it stopped
     * @param summaryJson  what the context's own {@code summary()} returned; null when the script defines none or
     *                     when it cannot be known (see {@link #summaryKnown})
     */
    public record Generation(int number, long reducerCalls, GenerationEnding ending, String summaryJson) {

        /**
         * False after a timeout or broken trap: the reducer was stopped part way, so whether it counted the
         * trapping call cannot be known, and the context is not called again.
         */
        public boolean summaryKnown() {
            return ending == GenerationEnding.SERVED_TO_END || ending == GenerationEnding.INJECTED_TRAP;
        }
    }

    /**
     * Each context's total balance, where its summary can be known. (Its {@code requests} count is checked against
     * the answers clients received, by the cell: against the worker's own count of calls it could never fail.)
     */
    public List<String> summaryProblems() {
        List<String> problems = new ArrayList<>();
        for (Generation generation : generations) {
            if (generation.summaryKnown()) {
                for (String problem : ScriptSummary.balanceProblems(generation.summaryJson())) {
                    problems.add("context " + generation.number() + ": " + problem);
                }
            }
        }
        return problems;
    }

    /**
     * The script's own count of its {@code reduce} calls, summed over every context; -1 when some context's count
     * cannot be known (a timeout or broken trap, no {@code requests} in its summary).
     */
    public long scriptRequests() {
        long sum = 0;
        for (Generation generation : generations) {
            long requests = generation.summaryKnown() ? ScriptSummary.requests(generation.summaryJson()) : -1;
            if (requests < 0) {
                return -1;
            }
            sum += requests;
        }
        return sum;
    }

    /** How many worker generations (contexts) were started: 1 plus one per trap. */
    public int generationsStarted() {
        return generations.size();
    }

    /** Reducer calls made in contexts whose summary cannot be known; {@link #summaryProblems} cannot vouch for them. */
    public long unverifiedReducerCalls() {
        return generations.stream().filter(g -> !g.summaryKnown()).mapToLong(Generation::reducerCalls).sum();
    }
}
