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
        JsonNode total = summary.get("totalBalance");
        JsonNode expected = summary.get("totalBalanceExpected");
        if (total != null && expected != null && total.asLong() != expected.asLong()) {
            problems.add("the script's total balance is " + total.asLong() + ", expected " + expected.asLong());
        }
        return problems;
    }
}
