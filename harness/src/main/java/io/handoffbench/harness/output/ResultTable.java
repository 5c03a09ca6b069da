package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The table printed at the end of a run: one row per (strategy, clients) over its trials, then the problems of
 * any cell that failed its self-check. Latencies in microseconds, medians over the trials; {@code >=} marks
 * percentiles that are lower bounds, because an open loop's measured requests went unanswered (censored or due but
 * never sent) and only the lower bounds of their latencies are known.
 */
public final class ResultTable {

    private static final String HEADER_FORMAT = "%-Ws %8s %7s %12s %10s %6s %Ls %Ls %Ls %7s %-6s %-4s %s%n";
    private static final String ROW_FORMAT = "%-Ws %8s %7d %12s %10s %6s %Ls %Ls %Ls %7d %-6s %-4s %s%n";
    /** The latency columns' width; wider when a lower bound ({@code >=12,345,678}) needs it. */
    private static final int LATENCY_WIDTH = 9;
    /** The narrowest strategy column; wider when a series name (like {@code mpsc-blocking@spin-park}) needs it. */
    private static final int MIN_NAME_WIDTH = 14;

    private ResultTable() {
    }

    public static void print(PrintStream out, String workload, List<CellResult> passed, List<CellResult> all) {
        int pipeline = passed.stream().mapToInt(cell -> cell.cell().pipeline()).max().orElse(0);
        out.printf(Locale.ROOT, "workload %s%s; TPS is the mean over trials with its 95%% CI; latencies are medians "
                + "over trials%n", workload, pipeline > 1 ? String.format(Locale.ROOT, "; pipeline %d (each client "
                + "sends %d requests, then waits for all; latency: submit to the worker's answer)", pipeline,
                pipeline) : "");
        passed.stream().map(CellResult::affinity).filter(Objects::nonNull).findFirst().ifPresent(pinned ->
                out.printf(Locale.ROOT, "--pin-worker: the worker alone on cpu %d, every other thread on cpu %s%n",
                        pinned.workerCpu(), pinned.otherCpus()));
        int width = nameWidth(passed);
        List<Aggregate> rows = Aggregate.of(passed);
        int latencyWidth = rows.stream().mapToInt(row -> micros(row.number(SummaryColumns.P999_US), lowerBounds(row))
                .length()).max().orElse(0);
        String latency = String.valueOf(Math.max(LATENCY_WIDTH, latencyWidth));
        String headerFormat = HEADER_FORMAT.replace("W", String.valueOf(width)).replace("L", latency);
        String rowFormat = ROW_FORMAT.replace("W", String.valueOf(width)).replace("L", latency);
        out.printf(Locale.ROOT, headerFormat, "strategy", "clients", "trials", "TPS", "± 95% CI", "eff.",
                "p50 us", "p99 us", "p99.9 us", "errors", "steady", "JIT", "profiled");
        for (Aggregate row : rows) {
            out.printf(Locale.ROOT, rowFormat,
                    row.strategy(),
                    row.isCeiling() ? "-" : String.valueOf(row.clients()),
                    row.trials(),
                    String.format(Locale.ROOT, "%,.0f", row.tps().mean()),
                    row.tps().hasInterval() ? String.format(Locale.ROOT, "%,.0f", row.tps().halfWidth()) : "-",
                    Double.isNaN(row.efficiency()) ? "-" : String.format(Locale.ROOT, "%.0f%%", row.efficiency() * 100),
                    micros(row.number(SummaryColumns.P50_US), lowerBounds(row)),
                    micros(row.number(SummaryColumns.P99_US), lowerBounds(row)),
                    micros(row.number(SummaryColumns.P999_US), lowerBounds(row)),
                    (long) row.number(SummaryColumns.ERRORS),
                    row.flag(SummaryColumns.STEADY) ? "yes" : "NO",
                    row.flag(SummaryColumns.JIT) ? "on" : "OFF",
                    profiled(row));
        }
        printDetails(out, passed, width);
        printProfiles(out, passed);
        for (CellResult cell : all) {
            for (String problem : cell.problems()) {
                out.printf("SELF-CHECK FAILED (%s c=%d t=%d): %s%n", cell.cell().series(), cell.cell().clients(), cell.cell().trial(),
                        problem);
            }
        }
    }

    /**
     * Where each request's time went (stage means, medians over trials) and how requests ended, one row per
     * (strategy, clients); the open loop's target and achieved rates when there is one.
     */
    private static int nameWidth(List<CellResult> cells) {
        return Math.max(MIN_NAME_WIDTH, cells.stream().mapToInt(cell -> cell.cell().series().length()).max().orElse(0));
    }

    private static void printDetails(PrintStream out, List<CellResult> passed, int width) {
        List<CellResult> cells = passed.stream().filter(cell -> !cell.isCeiling()).toList();
        if (cells.isEmpty()) {
            return;
        }
        boolean openLoop = cells.stream().anyMatch(cell -> cell.openLoop() != null);
        List<String> names = new ArrayList<>(List.of("queue_wait_mean_us", "service_mean_us", "reply_mean_us",
                "wake_mean_us", "cpu_us_per_request", "worker_cpu_us_per_request", "clients_cpu_us_per_request",
                "peak_depth", "rejected",
                "timeouts", "censored", "traps", "recovery_max_us"));
        List<String> labels = new ArrayList<>(List.of("wait us", "serve us", "reply us", "wake us", "cpu us",
                "wkr cpu us", "cli cpu us", "depth", "rejected", "timeouts", "censored", "traps", "recov. us"));
        if (openLoop) {
            names.addAll(0, List.of("target_rate", "achieved_rate"));
            labels.addAll(0, List.of("target/s", "sent/s"));
            names.add(names.indexOf("censored") + 1, SummaryColumns.DUE_UNSENT.name());
            labels.add(labels.indexOf("censored") + 1, "due unsent");
        }
        List<SummaryColumn> columns = names.stream().map(SummaryColumns::named).toList();
        out.println();
        out.println("per request: mean time by stage (queue wait, reducer, reply to the client; wake: the worker's "
                + "own part of the reply), CPU (the process's and the worker thread's), and how requests ended; "
                + "medians over trials, counts summed");
        String nameFormat = "%-" + width + "s %8s";
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, nameFormat, "strategy", "clients"));
        labels.forEach(label -> header.append(String.format(Locale.ROOT, " %10s", label)));
        out.println(header);
        for (Aggregate row : Aggregate.of(cells)) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, nameFormat, row.strategy(),
                    row.clients()));
            columns.forEach(column -> {
                String value = column.aggregateText(row);
                line.append(String.format(Locale.ROOT, " %10s", value.isEmpty() ? "-" : value));
            });
            out.println(line);
        }
    }

    /** {@code cpu} when every trial was profiled, {@code cpu 1/3} when some were, {@code -} when none. */
    private static String profiled(Aggregate row) {
        long profiled = row.cells().stream().filter(CellResult::profiled).count();
        if (profiled == 0) {
            return "-";
        }
        String kind = SummaryColumns.PROFILED.aggregateText(row);
        return profiled == row.trials() ? kind : kind + " " + profiled + "/" + row.trials();
    }

    /** Each profiled cell's flame graph, and its CPU per request by side (worker, clients, JIT, GC, other). */
    private static void printProfiles(PrintStream out, List<CellResult> passed) {
        List<CellResult> profiled = passed.stream().filter(CellResult::profiled).toList();
        if (profiled.isEmpty()) {
            return;
        }
        out.println();
        out.println("profiles (the measurement only): the flame graph, and CPU us per request by side where the "
                + "profile sampled CPU");
        for (CellResult cell : profiled) {
            CellResult.Profile profile = cell.profile();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s c=%d t=%d: %s",
                    profile.kind(), cell.cell().series(), cell.cell().clients(), cell.cell().trial(),
                    profile.flameGraph() != null ? profile.flameGraph() : profile.recording()));
            Map<String, Double> bySide = new LinkedHashMap<>();
            profile.breakdown().forEach(share -> bySide.merge(share.side(), share.usPerRequest(), Double::sum));
            bySide.forEach((side, us) -> line.append(String.format(Locale.ROOT, "  %s %.2f", side, us)));
            out.println(line);
        }
    }

    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A percentile, marked {@code >=} when it is a lower bound. */
    private static String micros(double value, boolean lowerBound) {
        return lowerBound && !Double.isNaN(value) ? ">=" + micros(value) : micros(value);
    }

    /** Whether a trial of the row has measured requests never answered, whose latencies are only bounded below. */
    private static boolean lowerBounds(Aggregate row) {
        return row.number(SummaryColumns.CENSORED) > 0 || row.number(SummaryColumns.DUE_UNSENT) > 0;
    }
}
