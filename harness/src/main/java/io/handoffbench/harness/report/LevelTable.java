package io.handoffbench.harness.report;

import io.handoffbench.harness.output.SummaryRow;
import java.util.Comparator;
import java.util.List;

/**
 * The report's table for one clients level: every strategy's aggregate row, fastest first, with its throughput
 * relative to the fastest at that level and its efficiency against the bare worker's ceiling.
 */
record LevelTable(int clients, List<Entry> entries) {

    /** The table's columns; {@link Entry#cells()} gives a row in this order. */
    static final List<String> HEADINGS = List.of("strategy", "TPS ± 95% CI", "relative to best",
            "efficiency (% of ceiling)", "p50 µs", "p99 µs", "p99.9 µs", "CPU µs/request (worker)", "steady");

    /** How to read the tables, said once above them. */
    static final String LEGEND = "TPS is the mean over a cell's trials, ± the half-width of its 95% confidence "
            + "interval (Student's t; none with a single trial). Relative to best is TPS over the highest TPS at that "
            + "clients level; efficiency is TPS over the ceiling's. Latencies are the medians of the trials' "
            + "percentiles, in microseconds, from just before the handoff to the client seeing its reply; ≥ marks lower "
            + "bounds, where an open loop's measured requests went unanswered and count with the lower bounds of their "
            + "latencies. CPU is the "
            + "process's CPU time over the measurement per request (worker, clients, GC and JIT together), the worker "
            + "thread's share in brackets; on a machine whose cores are all busy, cores divided by it bounds TPS. "
            + "Steady \"no\" means TPS was still moving at the end of the warm-up, or Truffle had not yet compiled the "
            + "reducer. A strategy marked profiled had --profile sampling at least one of its trials, whose TPS "
            + "carries the profiler's overhead (see Profiles).";

    /**
     * One strategy at this level.
     *
     * @param relative   TPS over the best TPS at this level: 1 for the best
     * @param efficiency TPS over the ceiling's TPS, a fraction; {@code NaN} without a ceiling
     */
    record Entry(SummaryRow row, double relative, double efficiency) {

        String strategy() {
            return row.strategy();
        }

        /** The row's cells as text, in {@link #HEADINGS} order. */
        List<String> cells() {
            return List.of(label(), Format.tpsWithCi(row.tps(), row.tpsCi95HalfWidth()), Format.ratio(relative),
                    Format.percent(efficiency), latency(row.p50Us()), latency(row.p99Us()),
                    latency(row.p999Us()), Format.cpuPerRequest(row.cpuUsPerRequest(),
                            row.workerCpuUsPerRequest()), steady());
        }

        /** A latency percentile, marked {@code ≥} when it is a lower bound. */
        private String latency(double us) {
            String text = Format.micros(us);
            return row.latencyLowerBound() && !Double.isNaN(us) ? "≥ " + text : text;
        }

        /** The strategy, marked when the profiler ran in any of its trials: its TPS then carries the overhead. */
        String label() {
            return row.profiled() == null ? row.strategy() : row.strategy() + " (profiled: " + row.profiled() + ")";
        }

        /** {@code yes}, {@code no ⚠} (visible in a table at a glance), or a dash when the sweep did not say. */
        String steady() {
            if (row.steady() == null) {
                return Format.NONE;
            }
            return row.steady() ? "yes" : "no ⚠";
        }

        /** False only when the sweep flagged the cell as not steady after its warm-up. */
        boolean steadyOrUnknown() {
            return !Boolean.FALSE.equals(row.steady());
        }
    }

    /** {@code linked 12, mpsc 3}: the strategies that had error replies at this level, or empty. */
    String errors() {
        return String.join(", ", entries.stream()
                .filter(entry -> entry.row().errors() > 0)
                .map(entry -> entry.strategy() + " " + Format.count(entry.row().errors()))
                .toList());
    }

    /** Every clients level with aggregate rows, ascending. */
    static List<LevelTable> of(SweepResults results) {
        double ceilingTps = results.ceiling().map(SummaryRow::tps).orElse(Double.NaN);
        return results.clientLevels().stream()
                .map(clients -> of(clients, results.aggregatesAt(clients), ceilingTps))
                .toList();
    }

    static LevelTable of(int clients, List<SummaryRow> rows, double ceilingTps) {
        double best = rows.stream().mapToDouble(SummaryRow::tps).filter(tps -> !Double.isNaN(tps)).max()
                .orElse(Double.NaN);
        List<Entry> entries = rows.stream()
                .sorted(Comparator.comparingDouble((SummaryRow row) -> Double.isNaN(row.tps()) ? -1 : row.tps())
                        .reversed()
                        .thenComparing(SummaryRow::strategy))
                .map(row -> new Entry(row, best > 0 ? row.tps() / best : Double.NaN, efficiency(row, ceilingTps)))
                .toList();
        return new LevelTable(clients, entries);
    }

    /** The sweep's efficiency column; computed from the ceiling only when that column is blank. */
    private static double efficiency(SummaryRow row, double ceilingTps) {
        if (!Double.isNaN(row.efficiency())) {
            return row.efficiency();
        }
        return ceilingTps > 0 ? row.tps() / ceilingTps : Double.NaN;
    }
}
