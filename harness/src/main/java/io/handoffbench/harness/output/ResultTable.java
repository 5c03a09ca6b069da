package io.handoffbench.harness.output;

import io.handoffbench.harness.run.CellResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end of a run: one row per (strategy, clients) over its trials, then the problems of
 * any cell that failed its self-check. Latencies in microseconds, medians over the trials.
 */
public final class ResultTable {

    private static final String HEADER_FORMAT = "%-12s %8s %7s %12s %10s %6s %9s %9s %9s %7s %-6s %-4s%n";
    private static final String ROW_FORMAT = "%-12s %8s %7d %12s %10s %6s %9s %9s %9s %7d %-6s %-4s%n";

    private ResultTable() {
    }

    public static void print(PrintStream out, String workload, List<CellResult> passed, List<CellResult> all) {
        out.printf(Locale.ROOT, "workload %s; TPS is the mean over trials with its 95%% CI; latencies are medians "
                + "over trials%n", workload);
        out.printf(Locale.ROOT, HEADER_FORMAT, "strategy", "clients", "trials", "TPS", "± 95% CI", "eff.",
                "p50 us", "p99 us", "p99.9 us", "errors", "steady", "JIT");
        for (Aggregate row : Aggregate.of(passed)) {
            out.printf(Locale.ROOT, ROW_FORMAT,
                    row.strategy(),
                    row.isCeiling() ? "-" : String.valueOf(row.clients()),
                    row.trials(),
                    String.format(Locale.ROOT, "%,.0f", row.tps().mean()),
                    row.tps().hasInterval() ? String.format(Locale.ROOT, "%,.0f", row.tps().halfWidth()) : "-",
                    Double.isNaN(row.efficiency()) ? "-" : String.format(Locale.ROOT, "%.0f%%", row.efficiency() * 100),
                    micros(row.p50Us()),
                    micros(row.p99Us()),
                    micros(row.p999Us()),
                    row.errors(),
                    row.steady() ? "yes" : "NO",
                    row.jit() ? "on" : "OFF");
        }
        for (CellResult cell : all) {
            for (String problem : cell.problems()) {
                out.printf("SELF-CHECK FAILED (%s c=%d t=%d): %s%n", cell.strategy(), cell.clients(), cell.trial(),
                        problem);
            }
        }
    }

    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
