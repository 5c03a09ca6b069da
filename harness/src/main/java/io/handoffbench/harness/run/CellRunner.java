package io.handoffbench.harness.run;

import io.handoffbench.harness.affinity.WorkerPinning;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.client.MeasurementWindow;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.CompilationLog;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.ScriptGlobals;
import io.handoffbench.harness.worker.WorkerConfig;
import io.handoffbench.harness.worker.WorkerStats;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.strategy.HandoffStrategy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs one cell: starts the worker and the clients, discards the warm-up, measures, stops everything in order, and
 * checks its own answer.
 *
 * <pre>
 *   client 1 ─┐
 *   client 2 ─┼─ submit ─▶ [ HandoffStrategy ] ─ drain ─▶ js-worker (one GraalJS Context) ─ reply ─▶ client
 *   client N ─┘
 * </pre>
 *
 * <p>The stop order is what makes the counts exact: clients stop submitting and wait for their last reply (the
 * worker still serves), every client thread is joined, and only then is the strategy closed and the worker joined.
 * An open loop's clients may have a backlog far beyond what the worker can serve: when the measurement ends the
 * worker fails the warm-up's requests unserved at once and serves the measured ones for at most
 * {@link #drainTime}, then fails the rest (their latencies' lower bounds are recorded as {@code censored}).
 *
 * <p>Threading: {@link #run} is called by one controlling thread; it starts the client threads, the worker thread
 * and one sampler thread, and has joined all of them when it returns.
 */
public final class CellRunner {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** The longest an open loop's drain lasts, whatever the measurement's length. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    /** How often a drain looks for a stop request. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final PrintStream progress;
    private final BooleanSupplier stopRequested;
    private final MeasurementHook measurement;

    /**
     * @param progress      where one-line progress notes go (stderr)
     * @param stopRequested polled while the cell runs; true ends the cell early (Ctrl-C)
     */
    public CellRunner(PrintStream progress, BooleanSupplier stopRequested) {
        this(progress, stopRequested, MeasurementHook.NONE);
    }

    /** As above, with {@code measurement} told when a strategy cell's measurement starts and ends (--profile). */
    public CellRunner(PrintStream progress, BooleanSupplier stopRequested, MeasurementHook measurement) {
        this.progress = progress;
        this.stopRequested = stopRequested;
        this.measurement = measurement;
    }

    /**
     * Runs {@code config}, writing its interval log to {@code hlog} (via a {@code .partial} file renamed only when
     * the cell passed its self-check).
     */
    public CellResult run(CellConfig config, Path hlog, String logComment)
            throws WorkloadException, IOException, InterruptedException {
        WorkerPinning pinning = WorkerPinning.forCell(config.settings().pinWorker());
        try {
            return config.id().isCeiling() ? new CeilingRunner(progress, stopRequested, pinning).run(config)
                    : runStrategy(config, hlog, logComment, pinning);
        } finally {
            pinning.restore(); // every thread joined: back to the masks the cell began with
        }
    }

    private CellResult runStrategy(CellConfig config, Path hlog, String logComment, WorkerPinning pinning)
            throws WorkloadException, IOException, InterruptedException {
        SweepSettings settings = config.settings();
        LoadSettings load = settings.load();
        HandoffStrategy<Request> strategy = config.id().strategy().create(config.id().idle());
        Admission admission = Admission.of(load.maxQueue());
        JsWorker worker = JsWorker.start(settings.workload(), strategy, new WorkerConfig(settings.worker(),
                new ScriptGlobals(settings.requests().initialBalance()), config.id().clients(), pinning));
        pinning.moveOthersOff(); // the worker has pinned itself; this thread too leaves its CPU, and so the clients
        MeasurementWindow window = new MeasurementWindow();
        ClientGroup clients = ClientGroup.start(config, strategy, admission, window, worker);

        List<String> problems = new ArrayList<>();
        Path partialHlog = hlog.resolveSibling(hlog.getFileName() + ".partial");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("latency-sampler").daemon(true).factory());
        BacklogSampler backlog = new BacklogSampler(strategy);
        LatencyLog log = null;
        RateSampler.Samples warmup = null;
        long measureStart = 0;
        long measureEnd;
        CpuClock cpu = null;
        WorkerStats stats;
        try {
            SweepSettings.Timing timing = settings.timing();
            note(config, warmingUp(timing));
            warmup = watch(timing.warmup(), worker, backlog, problems, clients::settled,
                    timing.autoWarmup() ? steadyAndCompiled(timing, worker.engineInfo().jit(), worker.compilations())
                            : tps -> false);
            worker.compilations().markMeasurementStart();
            log = new LatencyLog(clients.endToEnd(), partialHlog, logComment);
            LatencyLog intervals = log;
            pinning.moveOthersOff(); // threads the worker started while warming up
            measurement.measurementStarted(); // before the clock: the profiler's start is not measured time
            measureStart = window.open();
            boolean perSecondLatency = !settings.timing().noSampling(); // off: collected once, after the stop
            sampler.scheduleAtFixedRate(() -> {
                if (perSecondLatency) {
                    intervals.collectInterval(); // swaps and adds the stripes' recorders: at most 64, whatever the clients
                }
                backlog.sample();
                pinning.moveOthersOff(); // threads the worker started since; never throws, which would end the ticks
            }, 1, 1, TimeUnit.SECONDS);
            note(config, "measuring for " + format(settings.timing().duration()));
            cpu = CpuClock.start(worker.thread());
            watch(settings.timing().duration(), worker, backlog, problems, () -> 0, tps -> false);
            cpu.stop();
            measurement.measurementEnded();
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            backlog.sample(); // the backlog as the measurement ends: at least one sample, however short the cell
        } finally {
            measureEnd = window.close();
            if (load.openLoop()) {
                drain(clients, admission, drainTime(settings.timing().duration()));
            }
            List<Integer> stuck = clients.join(STOP_TIMEOUT, () -> strategy.depth() == 0 && worker.parked());
            String where = stuck.isEmpty() ? null : clients.whereStuck(worker.thread());
            if (!stuck.isEmpty()) {
                clients.interrupt();
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            if (worker.engineInfo().jit() && stuck.isEmpty() && problems.isEmpty()) { // open until finish
                worker.compilations().awaitFirstCompilation(CompilationLog.FIRST_COMPILATION_GRACE, stopRequested);
            }
            stats = worker.finish(STOP_TIMEOUT);
            if (!stuck.isEmpty()) {
                problems.add(stuckProblem(stuck, stats, where));
            }
            if (log != null) {
                log.collectInterval(); // everything recorded after the last tick; all clients have been joined
                clients.appendWholeRunSeries(log, load);
                log.close();
            }
        }
        long goodAnswers = clients.goodRepliesPerSlot().stream().flatMapToInt(java.util.Arrays::stream)
                .asLongStream().sum();
        MeasuredCell measured = new MeasuredCell(config,
                worker.engineInfo().withCompilations(worker.compilations().result()), clients.tally(), goodAnswers, stats, log,
                admission.lateReplies(), admission.doubleCompletions(), backlog.result(load.maxQueue()), measureStart,
                measureEnd, cpu, warmup, problems, EndStateCheck.of(config, clients, stats));
        measured.printNotes(progress);
        CellResult result = pinning.annotate(measured.toResult(hlog.getFileName().toString()));
        if (result.passed()) {
            Files.move(partialHlog, hlog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return result;
    }

    /**
     * How long an open loop's worker goes on serving measured requests after the measurement: as long as the
     * measurement itself, so a request due at its end may wait as long as one due at its start had, at most
     * {@link #DRAIN_LIMIT}.
     */
    static Duration drainTime(Duration measurement) {
        return measurement.compareTo(DRAIN_LIMIT) < 0 ? measurement : DRAIN_LIMIT;
    }

    /**
     * An open loop's end: the warm-up's requests still queued are failed unserved at once (nobody records them), the
     * measured ones are served until every client has its answers, {@code drain} has passed or a stop is requested,
     * then every request still queued is failed unserved, and its client records it as censored. Clients that do
     * not return are the caller's next join's to name.
     */
    private void drain(ClientGroup clients, Admission admission, Duration drain) throws InterruptedException {
        admission.shedWarmup();
        long deadline = System.nanoTime() + drain.toNanos();
        long left;
        while (!stopRequested.getAsBoolean() && (left = deadline - System.nanoTime()) > 0
                && !clients.join(Duration.ofNanos(Math.min(left, DRAIN_POLL.toNanos())), () -> false).isEmpty()) {
            // each slice of the join returns early once every client has returned
        }
        admission.shedQueued();
    }

    /**
     * Clients that did not return after the stop. When the worker took each client's requests in order, the first
     * number it never took from a stuck client is the request that client waits for, lost in the handoff.
     */
    private static String stuckProblem(List<Integer> stuck, WorkerStats stats, String where) {
        long[] expected = stats.expectedSequences();
        StringBuilder problem = new StringBuilder().append(stuck.size()).append(" clients never got a reply after the "
                + "stop; ");
        if (expected.length > stuck.get(0)) {
            problem.append("client ").append(stuck.get(0)).append(" waits for its request ")
                    .append(expected[stuck.get(0)]).append(", which the worker never took: lost in the handoff");
        } else {
            problem.append("the handoff lost their requests or a wake-up");
        }
        return problem.append(" (").append(where).append(")").toString();
    }

    /**
     * Waits for {@code length}, ending early if the worker fails (reported from its stats), the heap fills with a
     * backlog, a stop is requested, or {@code enough} accepts the TPS so far, and returns the TPS of {@code clients}
     * in each whole second of it.
     */
    private RateSampler.Samples watch(Duration length, JsWorker worker, BacklogSampler backlog, List<String> problems,
                                      LongSupplier settled, Predicate<List<Double>> enough)
            throws InterruptedException {
        RateSampler.Samples samples = RateSampler.sample(length, settled,
                () -> worker.failure() != null || worker.handoffViolation() != null || backlog.heapNearlyFull()
                        || stopRequested.getAsBoolean(), enough);
        if (worker.handoffViolation() != null) {
            return samples; // ended at once; the self-check names the request
        }
        if (backlog.heapNearlyFull()) {
            problems.add("stopped early: the backlog filled " + Math.round(BacklogSampler.HEAP_LIMIT * 100)
                    + "% of the heap (set --max-queue to bound it)");
        } else if (samples.endedEarly() && worker.failure() == null) {
            problems.add("interrupted before the measurement ended");
        }
        return samples;
    }

    /** What the progress line says as the warm-up starts. */
    static String warmingUp(SweepSettings.Timing timing) {
        return timing.autoWarmup() ? "warming up until steady, at most " + format(timing.warmup())
                : "warming up for " + format(timing.warmup());
    }

    /**
     * {@code --warmup=auto}'s end: TPS steady within the tolerance, as {@link WarmupCheck} judges it at the end, and
     * the reducer compiled (unless nothing can compile: the interpreter, allowed).
     */
    static Predicate<List<Double>> steadyAndCompiled(SweepSettings.Timing timing, boolean jit,
                                                     CompilationLog compilations) {
        return tps -> WarmupCheck.steady(tps, timing.steadyTolerance()) && (!jit || compilations.reducerCompiled());
    }

    private void note(CellConfig config, String what) {
        progress.printf("%s, %s: %s%n", config.id().label(), config.workload().name(), what);
    }

    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
