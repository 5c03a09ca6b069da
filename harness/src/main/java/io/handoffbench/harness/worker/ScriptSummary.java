package io.handoffbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what a workload's {@code summary()} returned against what the harness saw: its {@code requests} count
 * must equal the requests executed (nothing lost, nothing run twice) and, for {@code transfer}, the total balance
 * must be unchanged (no transfer half-applied). Used by the worker's cells, the ceiling and the microbenchmarks.
 */
public final class ScriptSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptSummary() {
    }

    /**
     * @param summaryJson what {@code summary()} returned, or null when the script defines none
     * @param executed    how many times the harness called {@code reduce}
     * @return one line per disagreement; empty when the script agrees or has no summary
     */
    public static List<String> problems(String summaryJson, long executed) {
        List<String> problems = new ArrayList<>();
        if (summaryJson == null) {
            return problems;
        }
        JsonNode summary;
        try {
            summary = JSON.readTree(summaryJson);
        } catch (IOException e) {
            problems.add("summary() did not return JSON: " + summaryJson);
            return problems;
        }
        JsonNode requests = summary.get("requests");
        if (requests != null && requests.isNumber() && requests.asLong() != executed) {
            problems.add("the script counted " + requests.asLong() + " requests but " + executed + " were executed");
        }
        problems.addAll(balanceProblems(summary));
        return problems;
    }

    /**
     * Only the total balance: unchanged unless a transfer was half-applied (a duplicated or lost one conserves it,
     * which the end-state check sees). Where the end state cannot be checked (reducer errors, traps) it is the one
     * check of a half-applied transfer.
     */
    public static List<String> balanceProblems(String summaryJson) {
        if (summaryJson == null) {
            return List.of();
        }
        try {
            return balanceProblems(JSON.readTree(summaryJson));
        } catch (IOException e) {
            return List.of("summary() did not return JSON: " + summaryJson);
        }
    }

    /** The script's own count of its {@code reduce} calls, its summary's {@code requests}; -1 when it has none. */
    public static long requests(String summaryJson) {
        return count(summaryJson, "requests");
    }

    /** A whole-number field of the summary, such as {@code insufficient}; -1 when there is none. */
    public static long count(String summaryJson, String field) {
        if (summaryJson == null) {
            return -1;
        }
        try {
            JsonNode value = JSON.readTree(summaryJson).get(field);
            return value != null && value.canConvertToLong() ? value.asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> balanceProblems(JsonNode summary) {
        JsonNode total = summary.get("totalBalance");
        JsonNode expected = summary.get("totalBalanceExpected");
        if (total != null && expected != null && total.asLong() != expected.asLong()) {
            return List.of("the script's total balance is " + total.asLong() + ", expected " + expected.asLong());
        }
        return List.of();
    }
}
