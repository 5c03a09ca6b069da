package io.handoffbench.harness.output;

import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.run.CellResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The table printed at the end of a run: one row per cell, latencies in microseconds. */
public final class ResultTable {

    private static final String HEADER_FORMAT = "%-12s %-10s %8s %12s %9s %9s %9s %9s %10s %7s %-4s%n";
    private static final String ROW_FORMAT = "%-12s %-10s %8d %12s %9s %9s %9s %9s %10s %7d %-4s%n";

    private ResultTable() {
    }

    public static void print(PrintStream out, List<CellResult> cells) {
        out.printf(Locale.ROOT, HEADER_FORMAT, "strategy", "workload", "clients", "TPS", "p50 us", "p90 us",
                "p99 us", "p99.9 us", "max us", "errors", "JIT");
        for (CellResult cell : cells) {
            LatencySummary latency = cell.latency();
            out.printf(Locale.ROOT, ROW_FORMAT,
                    cell.config().strategy().id(),
                    cell.config().workload().name(),
                    cell.config().clients(),
                    String.format(Locale.ROOT, "%,.0f", cell.tps()),
                    micros(latency.p50Us()),
                    micros(latency.p90Us()),
                    micros(latency.p99Us()),
                    micros(latency.p999Us()),
                    micros(latency.maxUs()),
                    cell.errors(),
                    cell.engine().jit() ? "on" : "OFF");
            for (String problem : cell.problems()) {
                out.println("  SELF-CHECK FAILED: " + problem);
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
