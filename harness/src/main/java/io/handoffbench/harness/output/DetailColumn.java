package io.handoffbench.harness.output;

import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.cell.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A {@code summary.csv} column beyond throughput and end-to-end latency (which already hold {@code completed} and
 * {@code errors}, the rest of {@code submitted == completed + errors + rejected + timeouts}): how requests ended, the
 * open loop's rates, the backlog, worker recovery, CPU per request and the time by stage. A trial row shows the
 * cell's value; an aggregate row combines its trials (counts summed, peaks maximised, rates, CPU and latencies by
 * their median). Blank where a value does not apply (the ceiling has no clients; a closed loop has no target rate).
 */
record DetailColumn(String name, ToDoubleFunction<CellResult> value, Combine combine, int decimals) {

    /** How an aggregate row combines its trials' values. */
    enum Combine { SUM, MAX, MEDIAN }

    static List<DetailColumn> all() {
        List<DetailColumn> columns = new ArrayList<>();
        columns.add(new DetailColumn("mode", c -> c.isCeiling() ? Double.NaN : c.openLoop() == null ? 0 : 1,
                Combine.MAX, -1));
        columns.add(count("submitted", CellResult.Accounting::submitted));
        columns.add(count("unserved", CellResult.Accounting::unserved));
        columns.add(count("rejected", CellResult.Accounting::rejected));
        columns.add(count("timeouts", CellResult.Accounting::timeouts));
        columns.add(count("late_replies", CellResult.Accounting::lateReplies));
        columns.add(count("lost", CellResult.Accounting::lost));
        columns.add(new DetailColumn("target_rate", c -> c.openLoop() == null ? Double.NaN : c.openLoop().targetRate(),
                Combine.MEDIAN, 1));
        columns.add(new DetailColumn("achieved_rate",
                c -> c.openLoop() == null ? Double.NaN : c.openLoop().achievedRate(), Combine.MEDIAN, 1));
        columns.add(latency("uncorrected_p50_us", c -> c.openLoop() == null ? null : c.openLoop().uncorrected(),
                LatencySummary::p50Us));
        columns.add(latency("uncorrected_p99_us", c -> c.openLoop() == null ? null : c.openLoop().uncorrected(),
                LatencySummary::p99Us));
        columns.add(new DetailColumn("max_queue", c -> c.backlog() == null || c.backlog().maxQueue() == 0
                ? Double.NaN : c.backlog().maxQueue(), Combine.MAX, 0));
        columns.add(new DetailColumn("peak_depth", c -> c.backlog() == null ? Double.NaN : c.backlog().peakDepth(),
                Combine.MAX, 0));
        columns.add(new DetailColumn("peak_heap_mb", c -> c.backlog() == null ? Double.NaN : c.backlog().peakHeapMb(),
                Combine.MAX, 1));
        columns.add(new DetailColumn("traps", c -> c.recovery() == null ? Double.NaN : c.recovery().traps(),
                Combine.SUM, 0));
        columns.add(new DetailColumn("workers", c -> c.recovery() == null ? Double.NaN : c.recovery().workers(),
                Combine.SUM, 0));
        columns.add(new DetailColumn("recovery_p50_us", c -> c.recovery() == null ? Double.NaN : c.recovery().p50Us(),
                Combine.MEDIAN, 1));
        columns.add(new DetailColumn("recovery_max_us", c -> c.recovery() == null ? Double.NaN : c.recovery().maxUs(),
                Combine.MAX, 1));
        columns.add(cpu("cpu_cores", CpuClock.CpuUse::processCores, 2));
        columns.add(cpu("cpu_us_per_request", CpuClock.CpuUse::processUsPerRequest, 3));
        columns.add(cpu("worker_cpu_us_per_request", CpuClock.CpuUse::workerUsPerRequest, 3));
        columns.add(cpu("worker_cpu_cores", CpuClock.CpuUse::workerCores, 2));
        for (String stage : List.of("queue_wait", "service", "reply")) {
            Function<CellResult, LatencySummary> summary = c -> c.stages() == null ? null : switch (stage) {
                case "queue_wait" -> c.stages().queueWait();
                case "service" -> c.stages().service();
                default -> c.stages().reply();
            };
            columns.add(latency(stage + "_mean_us", summary, LatencySummary::meanUs));
            columns.add(latency(stage + "_p50_us", summary, LatencySummary::p50Us));
            columns.add(latency(stage + "_p99_us", summary, LatencySummary::p99Us));
        }
        columns.add(new DetailColumn("wake_mean_us", c -> c.stages() == null ? Double.NaN : c.stages().wakeMeanUs(),
                Combine.MEDIAN, 3));
        return List.copyOf(columns);
    }

    private static DetailColumn cpu(String name, ToDoubleFunction<CpuClock.CpuUse> value, int decimals) {
        return new DetailColumn(name, c -> c.cpu() == null ? Double.NaN : value.applyAsDouble(c.cpu()), Combine.MEDIAN,
                decimals);
    }

    private static DetailColumn count(String name, ToDoubleFunction<CellResult.Accounting> count) {
        return new DetailColumn(name, c -> c.accounting() == null ? Double.NaN : count.applyAsDouble(c.accounting()),
                Combine.SUM, 0);
    }

    private static DetailColumn latency(String name, Function<CellResult, LatencySummary> summary,
                                        ToDoubleFunction<LatencySummary> percentile) {
        return new DetailColumn(name, c -> {
            LatencySummary s = summary.apply(c);
            return s == null ? Double.NaN : percentile.applyAsDouble(s);
        }, Combine.MEDIAN, 1);
    }

    static List<String> trialValues(List<DetailColumn> columns, CellResult cell) {
        return columns.stream().map(column -> column.format(column.value.applyAsDouble(cell))).toList();
    }

    static List<String> aggregateValues(List<DetailColumn> columns, List<CellResult> trials) {
        Objects.requireNonNull(trials, "the trials of an aggregate");
        return columns.stream().map(column -> column.format(column.combine(trials))).toList();
    }

    private double combine(List<CellResult> trials) {
        double[] values = trials.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return switch (combine) {
            case SUM -> java.util.Arrays.stream(values).sum();
            case MAX -> java.util.Arrays.stream(values).max().orElse(Double.NaN);
            case MEDIAN -> new Median().evaluate(values);
        };
    }

    private String format(double number) {
        if (decimals < 0) { // the mode column: 0 closed, 1 open
            return Double.isNaN(number) ? "" : number > 0 ? "open" : "closed";
        }
        return SummaryCsv.number(number, decimals);
    }
}
