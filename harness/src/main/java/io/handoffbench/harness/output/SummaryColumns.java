package io.handoffbench.harness.output;

import static io.handoffbench.harness.output.SummaryColumn.Combine.MAX;
import static io.handoffbench.harness.output.SummaryColumn.Combine.MEAN;
import static io.handoffbench.harness.output.SummaryColumn.Combine.MEAN_WITH_CI;
import static io.handoffbench.harness.output.SummaryColumn.Combine.MEDIAN;
import static io.handoffbench.harness.output.SummaryColumn.Combine.OWN;
import static io.handoffbench.harness.output.SummaryColumn.Combine.SUM;
import static io.handoffbench.harness.output.SummaryColumn.first;
import static io.handoffbench.harness.output.SummaryColumn.flag;
import static io.handoffbench.harness.output.SummaryColumn.number;

import io.handoffbench.harness.output.SummaryColumn.Combine;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code summary.csv}'s columns in file order: the one statement of the file's schema, which writes the header, the
 * trial rows and the aggregate rows, and names the columns the reader looks for.
 *
 * <p>A trial row holds one measured cell; an aggregate row one (series, clients) over its trials. Latencies are in
 * microseconds, rates per second; a value that does not apply is blank (the ceiling has no clients, a closed loop
 * no target rate). Throughput and end-to-end latency already hold {@code completed} and {@code errors}; the rest of
 * {@code submitted == completed + errors + rejected + timeouts + censored} (and, beside them, {@code due_unsent}) is
 * in the columns on how requests ended.
 */
public final class SummaryColumns {

    /** A trial row's {@link #ROW}. */
    public static final String TRIAL_ROW = "trial";
    /** An aggregate row's {@link #ROW}. */
    public static final String AGGREGATE_ROW = "aggregate";

    public static final SummaryColumn ROW = new SummaryColumn("row", (cell, sweep) -> TRIAL_ROW, OWN,
            group -> AGGREGATE_ROW, 0);
    public static final SummaryColumn STRATEGY = first("strategy", cell -> cell.cell().series());
    public static final SummaryColumn WORKLOAD = first("workload", cell -> cell.cell().workload());
    public static final SummaryColumn CLIENTS = first("clients", cell -> cell.cell().clients());
    public static final SummaryColumn TRIAL = new SummaryColumn("trial", (cell, sweep) -> cell.cell().trial(), OWN,
            group -> "all", 0);
    /** A trial row's is how many trials each cell was planned to have; an aggregate row's how many it has. */
    public static final SummaryColumn TRIALS = new SummaryColumn("trials", (cell, sweep) -> sweep.plannedTrials(),
            OWN, Aggregate::trials, 0);
    public static final SummaryColumn ERRORS = number("errors", cell -> cell.throughput().errors(), SUM, 0);
    public static final SummaryColumn TPS = new SummaryColumn("tps", (cell, sweep) -> cell.tps(), MEAN_WITH_CI,
            group -> group.tps().mean(), 1);
    public static final SummaryColumn TPS_CI95_LOW = new SummaryColumn("tps_ci95_low", (cell, sweep) -> null,
            MEAN_WITH_CI, group -> group.tps().low(), 1);
    public static final SummaryColumn TPS_CI95_HIGH = new SummaryColumn("tps_ci95_high", (cell, sweep) -> null,
            MEAN_WITH_CI, group -> group.tps().high(), 1);
    /** TPS over the ceiling's mean TPS; an aggregate row's is its mean TPS over it. */
    public static final SummaryColumn EFFICIENCY = new SummaryColumn("efficiency",
            (cell, sweep) -> cell.tps() / sweep.ceilingTps(), OWN, Aggregate::efficiency, 4);
    public static final SummaryColumn P50_US = latency("p50_us", LatencySummary::p50Us);
    public static final SummaryColumn P99_US = latency("p99_us", LatencySummary::p99Us);
    public static final SummaryColumn P999_US = latency("p999_us", LatencySummary::p999Us);
    /** Whether the warm-up ended on a plateau. */
    public static final SummaryColumn STEADY = flag("steady", cell -> cell.warmup().steady());
    public static final SummaryColumn JIT = flag("jit", cell -> cell.engine().jit());
    public static final SummaryColumn CPU_US_PER_REQUEST = cpu("cpu_us_per_request",
            CpuClock.CpuUse::processUsPerRequest, 3);
    public static final SummaryColumn WORKER_CPU_US_PER_REQUEST = cpu("worker_cpu_us_per_request",
            CpuClock.CpuUse::workerUsPerRequest, 3);
    public static final SummaryColumn QUEUE_WAIT_MEAN_US = stage("queue_wait_mean_us", CellResult.Stages::queueWait,
            LatencySummary::meanUs);
    public static final SummaryColumn SERVICE_MEAN_US = stage("service_mean_us", CellResult.Stages::service,
            LatencySummary::meanUs);
    public static final SummaryColumn REPLY_MEAN_US = stage("reply_mean_us", CellResult.Stages::reply,
            LatencySummary::meanUs);
    /**
     * Open loop: measured requests sent but still unanswered when the drain after the measurement ended; their
     * latencies' lower bounds are in the latency percentiles.
     */
    public static final SummaryColumn CENSORED = count("censored", CellResult.Accounting::censored);
    /**
     * Open loop: measured requests (their intended send time inside the measurement) never sent, the client being
     * behind its schedule; their latencies' lower bounds are in the latency percentiles.
     */
    public static final SummaryColumn DUE_UNSENT = count("due_unsent", CellResult.Accounting::dueUnsent);
    /**
     * {@code --profile}'s kind ({@code cpu}, {@code jfr}, ...) when the profiler sampled the cell, else blank: its TPS
     * carries the profiler's overhead. An aggregate row's names the kind when any of its trials was profiled.
     */
    public static final SummaryColumn PROFILED = new SummaryColumn("profiled",
            (cell, sweep) -> cell.profiled() ? cell.profile().kind() : null, OWN,
            group -> group.cells().stream().filter(CellResult::profiled).map(cell -> cell.profile().kind())
                    .findFirst().orElse(null), 0);
    /** Whether Truffle had compiled {@code reduce} when the measurement began; blank where nobody watched. */
    public static final SummaryColumn REDUCE_COMPILED = new SummaryColumn("reduce_compiled",
            (cell, sweep) -> compilations(cell) == null ? null : compilations(cell).reducerCompiled(), Combine.ALL,
            group -> group.cells().stream().map(SummaryColumns::compilations).filter(Objects::nonNull).map(
                    EngineInfo.Compilations::reducerCompiled).reduce(Boolean::logicalAnd).orElse(null), 0);
    /** The folder's format, {@link ResultLayout#FORMAT_VERSION}, on every row; a file without it is format 1. */
    public static final SummaryColumn FORMAT_VERSION = new SummaryColumn(ResultLayout.FORMAT_VERSION_FIELD,
            (cell, sweep) -> ResultLayout.FORMAT_VERSION, OWN, group -> ResultLayout.FORMAT_VERSION, 0);

    /** Every column, in file order. */
    public static final List<SummaryColumn> ALL = List.of(
            ROW, STRATEGY, WORKLOAD, CLIENTS,
            first("client_threads", cell -> cell.cell().clientThreads()),
            TRIAL, TRIALS,
            number("duration_s", cell -> cell.throughput().measuredSeconds(), SUM, 3),
            number("completed", cell -> cell.throughput().completed(), SUM, 0),
            ERRORS, TPS, TPS_CI95_LOW, TPS_CI95_HIGH, EFFICIENCY,
            P50_US, latency("p90_us", LatencySummary::p90Us), P99_US, P999_US,
            latency("max_us", LatencySummary::maxUs), latency("mean_us", LatencySummary::meanUs),
            // older folders have mean_batch here (over every drain, warm-up included); neither is read back
            number("requests_per_drain", cell -> cell.worker().requestsPerDrain(), MEAN, 2),
            STEADY, JIT,
            // how requests ended
            first("mode", cell -> cell.isCeiling() ? null : cell.openLoop() == null ? "closed" : "open"),
            first("pipeline", cell -> cell.cell().pipeline() == 0 ? null : cell.cell().pipeline()),
            count("submitted", CellResult.Accounting::submitted),
            CENSORED,
            count("rejected", CellResult.Accounting::rejected),
            count("timeouts", CellResult.Accounting::timeouts),
            count("late_replies", CellResult.Accounting::lateReplies),
            count("lost", CellResult.Accounting::lost),
            DUE_UNSENT,
            // the open loop
            openLoop("target_rate", CellResult.OpenLoop::targetRate),
            openLoop("achieved_rate", CellResult.OpenLoop::achievedRate),
            openLoop("uncorrected_p50_us", open -> open.uncorrected().p50Us()),
            openLoop("uncorrected_p99_us", open -> open.uncorrected().p99Us()),
            // the backlog; no max_queue when the queue is unbounded
            number("max_queue", cell -> cell.backlog() == null || cell.backlog().maxQueue() == 0 ? Double.NaN
                    : cell.backlog().maxQueue(), MAX, 0),
            number("peak_depth", cell -> cell.backlog() == null ? Double.NaN : cell.backlog().peakDepth(), MAX, 0),
            number("peak_heap_mb", cell -> cell.backlog() == null ? Double.NaN : cell.backlog().peakHeapMb(), MAX, 1),
            number("peak_rss_mb", cell -> cell.backlog() == null ? Double.NaN : cell.backlog().peakRssMb(), MAX, 1),
            // worker traps and recovery
            number("traps", cell -> cell.recovery() == null ? Double.NaN : cell.recovery().traps(), SUM, 0),
            number("workers", cell -> cell.recovery() == null ? Double.NaN : cell.recovery().workers(), SUM, 0),
            number("recovery_p50_us", cell -> cell.recovery() == null ? Double.NaN : cell.recovery().p50Us(),
                    MEDIAN, 1),
            number("recovery_max_us", cell -> cell.recovery() == null ? Double.NaN : cell.recovery().maxUs(),
                    MAX, 1),
            // CPU over the measurement
            cpu("cpu_cores", CpuClock.CpuUse::processCores, 2),
            CPU_US_PER_REQUEST, WORKER_CPU_US_PER_REQUEST,
            cpu("worker_cpu_cores", CpuClock.CpuUse::workerCores, 2),
            cpu("clients_cpu_us_per_request", CpuClock.CpuUse::clientsUsPerRequest, 3),
            cpu("gc_ms", CpuClock.CpuUse::gcMillis, 0),
            cpu("jit_ms", CpuClock.CpuUse::jitMillis, 0),
            // where an answered request's time went
            QUEUE_WAIT_MEAN_US,
            stage("queue_wait_p50_us", CellResult.Stages::queueWait, LatencySummary::p50Us),
            stage("queue_wait_p99_us", CellResult.Stages::queueWait, LatencySummary::p99Us),
            SERVICE_MEAN_US,
            stage("service_p50_us", CellResult.Stages::service, LatencySummary::p50Us),
            stage("service_p99_us", CellResult.Stages::service, LatencySummary::p99Us),
            REPLY_MEAN_US,
            stage("reply_p50_us", CellResult.Stages::reply, LatencySummary::p50Us),
            stage("reply_p99_us", CellResult.Stages::reply, LatencySummary::p99Us),
            number("wake_mean_us", cell -> cell.stages() == null ? Double.NaN : cell.stages().wakeMeanUs(),
                    MEDIAN, 3),
            first("idle", cell -> cell.cell().idle()),
            // --pin-worker: the worker's CPU; blank when not pinned
            first("pinned", cell -> cell.affinity() == null ? null : cell.affinity().workerCpu()),
            PROFILED,
            // the warm-up actually used (--warmup=auto ends it when steady) and what Truffle compiled
            number("warmup_s", cell -> cell.warmup().seconds(), MEDIAN, 1),
            compilations("jit_compilations", EngineInfo.Compilations::compiled),
            compilations("jit_failures", EngineInfo.Compilations::failed),
            REDUCE_COMPILED,
            FORMAT_VERSION);

    /** The header, in file order. */
    public static final List<String> NAMES = SummaryColumn.names(ALL);

    private SummaryColumns() {
    }

    /** The column called {@code name}. */
    public static SummaryColumn named(String name) {
        return ALL.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(ResultLayout.SUMMARY_CSV + " has no column " + name));
    }

    private static EngineInfo.Compilations compilations(CellResult cell) {
        return cell.engine() == null ? null : cell.engine().compilations();
    }

    private static SummaryColumn compilations(String name, ToDoubleFunction<EngineInfo.Compilations> count) {
        return number(name, cell -> compilations(cell) == null ? Double.NaN : count.applyAsDouble(compilations(cell)),
                SUM, 0);
    }

    private static SummaryColumn latency(String name, ToDoubleFunction<LatencySummary> percentile) {
        return number(name, cell -> percentile.applyAsDouble(cell.throughput().latency()), MEDIAN, 1);
    }

    private static SummaryColumn count(String name, ToDoubleFunction<CellResult.Accounting> count) {
        return number(name, cell -> cell.accounting() == null ? Double.NaN : count.applyAsDouble(cell.accounting()),
                SUM, 0);
    }

    private static SummaryColumn openLoop(String name, ToDoubleFunction<CellResult.OpenLoop> value) {
        return number(name, cell -> cell.openLoop() == null ? Double.NaN : value.applyAsDouble(cell.openLoop()),
                MEDIAN, 1);
    }

    private static SummaryColumn cpu(String name, ToDoubleFunction<CpuClock.CpuUse> value, int decimals) {
        return number(name, cell -> cell.cpu() == null ? Double.NaN : value.applyAsDouble(cell.cpu()), MEDIAN,
                decimals);
    }

    private static SummaryColumn stage(String name, Function<CellResult.Stages, LatencySummary> stage,
                                       ToDoubleFunction<LatencySummary> statistic) {
        return number(name, cell -> {
            LatencySummary summary = cell.stages() == null ? null : stage.apply(cell.stages());
            return summary == null ? Double.NaN : statistic.applyAsDouble(summary);
        }, MEDIAN, 1);
    }
}
