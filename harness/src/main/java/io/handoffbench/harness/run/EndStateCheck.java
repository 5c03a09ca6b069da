package io.handoffbench.harness.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.client.PayloadStream;
import io.handoffbench.harness.client.PrecomputedStreams;
import io.handoffbench.harness.worker.ScriptSummary;
import io.handoffbench.harness.worker.WorkerStats;
import java.util.List;
import java.util.Locale;

/**
 * The exact end state of a transfer script: the built-in {@code transfer}, or any script that defines
 * {@code state()} returning every account's balance by id. While no transfer was refused for insufficient funds,
 * transfers commute:
 * each account ends at its initial balance plus what the answered requests moved in, minus what they moved out,
 * whatever order the worker ran them in. The harness computes that from the requests each client had answered
 * (warm-up included) and compares it with the script's own {@code state()}; the first account that differs fails the
 * cell. A transfer applied twice, lost, or misapplied shows up here even when it conserves the total balance.
 *
 * <p>It does not run, and says why, where the end state cannot be known from the answers: a refused transfer (order
 * then matters), a worker trap or reducer error (a transfer may be half-applied), a request timeout (an abandoned
 * request may still have been applied).
 */
final class EndStateCheck {

    /**
     * @param note    what the check found, or why it did not run
     * @param problem the first differing account, or null
     */
    record Verdict(String note, String problem) {

        static Verdict notRun(String why) {
            return new Verdict("not run: " + why, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndStateCheck() {
    }

    static Verdict of(CellConfig config, ClientGroup clients, WorkerStats stats) {
        if (stats.failure() != null) {
            return Verdict.notRun("the worker failed");
        }
        if (stats.finalStateJson() == null && stats.traps() == 0) {
            return Verdict.notRun("the script defines no state()");
        }
        if (stats.traps() > 0) {
            return Verdict.notRun(stats.traps() + " worker traps may have half-applied a transfer");
        }
        if (stats.errors() > 0) {
            return Verdict.notRun(stats.errors() + " reducer errors may have half-applied a transfer");
        }
        if (config.settings().load().requestTimeout() != null) {
            return Verdict.notRun("with --request-timeout an abandoned request may still have been applied");
        }
        long refused = refusedTransfers(stats.summaryJson());
        if (refused != 0) {
            return Verdict.notRun(refused < 0 ? "the script's summary() does not count insufficient funds"
                    : refused + " transfers were refused for insufficient funds, so the end state depends on order");
        }
        return compare(expected(clients.streams(), clients.goodRepliesPerSlot(),
                config.settings().requests().initialBalance()), stats.finalStateJson());
    }

    /** Every account's balance after the answered transfers, from the clients' streams and their good replies. */
    static long[] expected(PrecomputedStreams streams, List<int[]> goodRepliesPerSlot, long initialBalance) {
        long[] balances = new long[PayloadStream.ACCOUNTS];
        java.util.Arrays.fill(balances, initialBalance);
        for (int client = 0; client < streams.clients(); client++) {
            PrecomputedStreams.ClientStream stream = streams.stream(client);
            int[] answered = goodRepliesPerSlot.get(client);
            for (int slot = 0; slot < answered.length; slot++) {
                long moved = (long) answered[slot] * stream.amount(slot);
                balances[stream.from(slot)] -= moved;
                balances[stream.to(slot)] += moved;
            }
        }
        return balances;
    }

    /** The script's {@code state()}, an array of balances by account id, against {@code expected}. */
    static Verdict compare(long[] expected, String stateJson) {
        JsonNode state;
        try {
            state = JSON.readTree(stateJson);
        } catch (JacksonException e) {
            return new Verdict("failed", "end state: the script's state() is not JSON: " + e.getOriginalMessage());
        }
        if (!state.isArray() || state.size() != expected.length) {
            return new Verdict("failed", "end state: the script's state() is not an array of " + expected.length
                    + " balances");
        }
        for (int account = 0; account < expected.length; account++) {
            JsonNode balance = state.get(account);
            if (!balance.isIntegralNumber() || balance.asLong() != expected[account]) {
                return new Verdict("failed", String.format(Locale.ROOT, "end state: account %d holds %s, but the "
                        + "answered requests leave it %,d", account, balance, expected[account]));
            }
        }
        return new Verdict(String.format(Locale.ROOT, "exact: all %,d balances are what the answered requests "
                + "leave", expected.length), null);
    }

    /** The script's count of refused transfers: its summary's {@code insufficient}; -1 when it has none. */
    private static long refusedTransfers(String summaryJson) {
        return ScriptSummary.count(summaryJson, "insufficient");
    }
}
