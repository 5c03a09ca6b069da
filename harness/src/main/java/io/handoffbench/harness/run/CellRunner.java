package io.handoffbench.harness.run;

import io.handoffbench.harness.client.ClientLedger;
import io.handoffbench.harness.client.ClosedLoopClient;
import io.handoffbench.harness.client.LoadClient;
import io.handoffbench.harness.client.OpenLoopClient;
import io.handoffbench.harness.client.Phase;
import io.handoffbench.harness.client.TransferRequests;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.TrapSettings;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

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
 *
 * <p>Threading: {@link #run} is called by one controlling thread; it starts the client threads, the worker thread
 * and one sampler thread, and has joined all of them when it returns.
 */
public final class CellRunner {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Tags of the interval log's series besides the untagged end-to-end latency. */
    static final String UNCORRECTED = "uncorrected";
    static final String QUEUE_WAIT = "queue-wait";
    static final String SERVICE = "service";
    static final String REPLY = "reply";

    private final PrintStream progress;
    private final BooleanSupplier stopRequested;

    /**
     * @param progress      where one-line progress notes go (stderr)
     * @param stopRequested polled while the cell runs; true ends the cell early (Ctrl-C)
     */
    public CellRunner(PrintStream progress, BooleanSupplier stopRequested) {
        this.progress = progress;
        this.stopRequested = stopRequested;
    }

    /**
     * Runs {@code config}, writing its interval log to {@code hlog} (via a {@code .partial} file renamed only when
     * the cell passed its self-check).
     */
    public CellResult run(CellConfig config, Path hlog, String logComment)
            throws WorkloadException, IOException, InterruptedException {
        if (config.isCeiling()) {
            return new CeilingRunner(progress, stopRequested).run(config);
        }
        LoadSettings load = config.load();
        HandoffStrategy<Request> strategy = config.strategy().create(config.idle());
        Admission admission = Admission.of(load.maxQueue());
        JsWorker worker = JsWorker.start(config.workload(), strategy,
                new TrapSettings(load.reducerTimeout(), load.trapEvery()));
        PhaseSignal phase = new PhaseSignal();
        List<LoadClient> clients = new ArrayList<>(config.clients());
        for (int id = 0; id < config.clients(); id++) {
            clients.add(newClient(config, id, strategy, admission, phase,
                    new ClientLedger(load.openLoop(), config.workload().replyCheck(), worker::isWorkerThread)));
        }
        ThreadFactory clientThreads = config.virtualClients()
                ? Thread.ofVirtual().name("client-", 0).factory()
                : Thread.ofPlatform().name("client-", 0).daemon(true).factory();
        List<Thread> threads = new ArrayList<>(clients.size());
        for (LoadClient client : clients) {
            threads.add(clientThreads.newThread(client));
        }
        threads.forEach(Thread::start);

        List<String> problems = new ArrayList<>();
        Path partialHlog = hlog.resolveSibling(hlog.getFileName() + ".partial");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("latency-sampler").daemon(true).factory());
        BacklogSampler backlog = new BacklogSampler(strategy);
        LatencyLog log = null;
        List<Double> warmupTps = List.of();
        long measureStart = 0;
        CpuClock cpu = null;
        WorkerStats stats;
        try {
            note(config, "warming up for " + format(config.warmup()));
            warmupTps = watch(config.warmup(), worker, backlog, problems, clients);
            log = new LatencyLog(endToEnd(clients), partialHlog, logComment);
            LatencyLog intervals = log;
            measureStart = System.nanoTime();
            phase.set(Phase.MEASURE);
            sampler.scheduleAtFixedRate(() -> {
                intervals.collectInterval();
                backlog.sample();
            }, 1, 1, TimeUnit.SECONDS);
            note(config, "measuring for " + format(config.duration()));
            cpu = CpuClock.start(worker.thread());
            watch(config.duration(), worker, backlog, problems, List.of());
            cpu.stop();
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            backlog.sample(); // the backlog as the measurement ends: at least one sample, however short the cell
        } finally {
            phase.set(Phase.STOP);
            if (load.openLoop()) {
                admission.shedQueued(); // what is still queued is failed explicitly, not served for minutes
            }
            if (!joinAll(threads, STOP_TIMEOUT)) {
                problems.add("clients still waiting for replies " + STOP_TIMEOUT.toSeconds() + " s after the stop: "
                        + whereStuck(threads, worker.thread()));
                threads.forEach(Thread::interrupt);
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            stats = worker.finish(STOP_TIMEOUT);
            if (log != null) {
                log.collectInterval(); // everything recorded after the last tick; all clients have been joined
                appendStages(log, clients, load.openLoop());
                log.close();
            }
        }
        return result(config, worker.engineInfo(), clients, stats, log, admission, backlog, measureStart, cpu,
                warmupTps, problems, partialHlog, hlog);
    }

    private static LoadClient newClient(CellConfig config, int id, HandoffStrategy<Request> strategy,
                                        Admission admission, PhaseSignal phase, ClientLedger ledger) {
        LoadSettings load = config.load();
        TransferRequests payloads = new TransferRequests(id, config.alpha(), config.seed());
        if (!load.openLoop()) {
            return new ClosedLoopClient(id, strategy, payloads, phase::get, admission, load.requestTimeout(), ledger);
        }
        double perClient = load.rate() / config.clients();
        // Stagger the first sends across one client's gap, so a constant schedule is evenly spaced overall.
        long offset = Math.round(1e9 / load.rate() * id);
        return new OpenLoopClient(id, strategy, payloads, phase::get, admission,
                load.arrivals().gaps(perClient, id, config.seed()), offset, load.requestTimeout(), ledger);
    }

    private static List<SingleWriterRecorder> endToEnd(List<LoadClient> clients) {
        return clients.stream().map(client -> client.ledger().latency()).toList();
    }

    /** After every client has been joined: the time by stage (and the uncorrected latency) as whole-run series. */
    private static void appendStages(LatencyLog log, List<LoadClient> clients, boolean openLoop) {
        if (openLoop) {
            log.appendWholeRun(UNCORRECTED, sum(clients, ClientLedger::uncorrected));
        }
        log.appendWholeRun(QUEUE_WAIT, sum(clients, ClientLedger::queueWait));
        log.appendWholeRun(SERVICE, sum(clients, ClientLedger::service));
        log.appendWholeRun(REPLY, sum(clients, ClientLedger::reply));
    }

    private static Histogram sum(List<LoadClient> clients, Function<ClientLedger, Histogram> which) {
        Histogram total = new Histogram(3);
        clients.forEach(client -> total.add(which.apply(client.ledger())));
        return total;
    }

    private CellResult result(CellConfig config, JsWorker.EngineInfo engine, List<LoadClient> clients,
                              WorkerStats stats, LatencyLog log, Admission admission, BacklogSampler backlog,
                              long measureStart, CpuClock cpu, List<Double> warmupTps, List<String> problems,
                              Path partialHlog, Path hlog) throws IOException {
        long submitted = 0;
        long ok = 0;
        long errors = 0;
        long unserved = 0;
        long rejected = 0;
        long timeouts = 0;
        long received = 0;
        long lastAnswer = measureStart;
        for (LoadClient client : clients) {
            ClientLedger.Tally tally = client.ledger().tally();
            submitted += tally.submitted();
            ok += tally.ok();
            errors += tally.errors();
            unserved += tally.unserved();
            rejected += tally.rejected();
            timeouts += tally.timeouts();
            received += tally.received();
            lastAnswer = Math.max(lastAnswer, tally.lastAnswerNanos());
            if (tally.badReplies() > 0) {
                problems.add(tally.badReplies() + " wrong replies, first: " + tally.firstProblem());
            }
            if (tally.servedElsewhere() > 0) {
                problems.add(tally.servedElsewhere() + " requests served off the worker thread: " + tally.firstProblem());
            }
        }
        CellResult.Accounting accounting = new CellResult.Accounting(submitted, ok, errors, unserved, rejected,
                timeouts, admission.lateReplies());
        if (accounting.lost() != 0) {
            problems.add("accounting does not balance: submitted " + submitted + " != completed " + ok + " + errors "
                    + errors + " + rejected " + rejected + " + timeouts " + timeouts + " (" + accounting.lost()
                    + " lost)");
        }
        if (stats.failure() != null) {
            problems.add("the JS worker failed: " + stats.failure());
        }
        if (timeouts == 0 && stats.executedMeasured() != received) {
            // With timeouts some executed requests were never received; the balance above still holds.
            problems.add("the worker executed " + stats.executedMeasured() + " measured requests but clients received "
                    + received + " replies to executed requests");
        }
        long recorded = log.total(LatencyLog.END_TO_END).getTotalCount();
        if (recorded != ok) {
            problems.add("clients received " + ok + " good replies but recorded " + recorded + " latencies");
        }
        problems.addAll(stats.summaryProblems());
        if (stats.overlappingConsumers() > 0) {
            problems.add(stats.overlappingConsumers() + " times two worker generations drained the queue at once");
        }
        if (stats.traps() > 0) {
            progress.printf("  note: %d worker traps, %d workers started, %d reducer calls in contexts whose own "
                    + "count could not be read%n", stats.traps(), stats.generationsStarted(),
                    stats.unverifiedReducerCalls());
        }
        if (errors > 0) {
            progress.printf("  note: %d requests got an error reply (%d unserved at the end of the run)%n", errors,
                    unserved);
        }
        if (rejected > 0 || timeouts > 0) {
            progress.printf("  note: %d requests rejected (--max-queue), %d timed out (--request-timeout)%n", rejected,
                    timeouts);
        }

        double seconds = (lastAnswer - measureStart) / 1e9;
        double tps = seconds > 0 ? ok / seconds : 0;
        if (problems.isEmpty()) {
            Files.move(partialHlog, hlog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        LoadSettings load = config.load();
        CellResult.OpenLoop openLoop = load.openLoop()
                ? new CellResult.OpenLoop(load.rate(), load.arrivals().id(), seconds > 0 ? submitted / seconds : 0,
                        LatencySummary.of(log.total(UNCORRECTED)))
                : null;
        CellResult.Stages stages = new CellResult.Stages(LatencySummary.of(log.total(QUEUE_WAIT)),
                LatencySummary.of(log.total(SERVICE)), LatencySummary.of(log.total(REPLY)), stats.wakeMeanUs());
        double meanBatch = stats.batches() == 0 ? 0 : (double) stats.executed() / stats.batches();
        WarmupCheck.Verdict warm = WarmupCheck.of(warmupTps, config.steadyTolerance());
        return new CellResult(config.strategyId(), config.workload().name(), config.clients(),
                config.clientThreads(), config.trial(), engine.implementationName(), engine.version(), engine.jit(),
                ok, errors, seconds, tps, LatencySummary.of(log.total(LatencyLog.END_TO_END)), stats.executed(),
                stats.batches(), meanBatch, warmupTps, warm.steady(), warm.note(), stats.summaryJson(),
                problems.isEmpty() ? hlog.getFileName().toString() : null, List.copyOf(problems), accounting,
                openLoop, backlog.result(load.maxQueue()), recovery(stats), stages, config.idleId(),
                cpu == null ? null : cpu.use(stats.executedMeasured()));
    }

    private static CellResult.Recovery recovery(WorkerStats stats) {
        Histogram nanos = stats.recoveryNanos();
        boolean any = nanos.getTotalCount() > 0;
        return new CellResult.Recovery(stats.traps(), stats.generationsStarted(),
                any ? nanos.getValueAtPercentile(50) / 1e3 : Double.NaN, any ? nanos.getMaxValue() / 1e3 : Double.NaN);
    }

    /**
     * Waits for {@code length}, ending early if the worker fails (reported from its stats), the heap fills with a
     * backlog, or a stop is requested, and returns the TPS of {@code clients} in each whole second of it.
     */
    private List<Double> watch(Duration length, JsWorker worker, BacklogSampler backlog, List<String> problems,
                               List<LoadClient> clients) throws InterruptedException {
        RateSampler.Samples samples = RateSampler.sample(length, () -> settled(clients),
                () -> worker.failure() != null || backlog.heapNearlyFull() || stopRequested.getAsBoolean());
        if (backlog.heapNearlyFull()) {
            problems.add("stopped early: the backlog filled " + Math.round(BacklogSampler.HEAP_LIMIT * 100)
                    + "% of the heap (set --max-queue to bound it)");
        } else if (samples.endedEarly() && worker.failure() == null) {
            problems.add("interrupted before the measurement ended");
        }
        return samples.perSecond();
    }

    private static long settled(List<LoadClient> clients) {
        long sum = 0;
        for (LoadClient client : clients) {
            sum += client.ledger().settled();
        }
        return sum;
    }

    /** Where the clients that did not stop, and the worker, are: the evidence for a lost wake-up. */
    private static String whereStuck(List<Thread> clients, Thread worker) {
        List<Thread> alive = clients.stream().filter(Thread::isAlive).toList();
        StringBuilder where = new StringBuilder().append(alive.size()).append(" of ").append(clients.size())
                .append(" alive");
        alive.stream().limit(2).forEach(client -> where.append("; ").append(client.getName()).append(" at ")
                .append(topFrames(client)));
        return where.append("; worker ").append(worker.getState()).append(" at ").append(topFrames(worker)).toString();
    }

    private static String topFrames(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < Math.min(6, stack.length); i++) {
            frames.append(i == 0 ? "" : " < ").append(stack[i].getClassName().replaceAll(".*\\.", ""))
                    .append('.').append(stack[i].getMethodName()).append(':').append(stack[i].getLineNumber());
        }
        return frames.toString();
    }

    private static boolean joinAll(List<Thread> threads, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    private void note(CellConfig config, String what) {
        progress.printf("%s, %s: %s%n", config.label(), config.workload().name(), what);
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The phase every client reads before each request; written by the controlling thread. */
    private static final class PhaseSignal {
        private volatile Phase phase = Phase.WARMUP;

        Phase get() {
            return phase;
        }

        void set(Phase next) {
            phase = next;
        }
    }
}
