package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.client.ClientLedger;
import io.handoffbench.harness.client.ClosedLoopClient;
import io.handoffbench.harness.client.LoadClient;
import io.handoffbench.harness.client.OpenLoopClient;
import io.handoffbench.harness.client.Phase;
import io.handoffbench.harness.client.PayloadStream;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
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
        if (config.id().isCeiling()) {
            return new CeilingRunner(progress, stopRequested).run(config);
        }
        SweepSettings settings = config.settings();
        LoadSettings load = settings.load();
        HandoffStrategy<Request> strategy = config.id().strategy().create(config.id().idle());
        Admission admission = Admission.of(load.maxQueue());
        JsWorker worker = JsWorker.start(settings.workload(), strategy, settings.worker());
        PhaseSignal phase = new PhaseSignal();
        List<LoadClient> clients = new ArrayList<>(config.id().clients());
        for (int id = 0; id < config.id().clients(); id++) {
            clients.add(newClient(config, id, strategy, admission, phase,
                    new ClientLedger(load.openLoop(), config.workload().replyCheck(), worker::isWorkerThread)));
        }
        ThreadFactory clientThreads = settings.virtualClients()
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
            note(config, "warming up for " + format(settings.timing().warmup()));
            warmupTps = watch(settings.timing().warmup(), worker, backlog, problems, clients);
            log = new LatencyLog(endToEnd(clients), partialHlog, logComment);
            LatencyLog intervals = log;
            measureStart = System.nanoTime();
            phase.set(Phase.MEASURE);
            sampler.scheduleAtFixedRate(() -> {
                intervals.collectInterval();
                backlog.sample();
            }, 1, 1, TimeUnit.SECONDS);
            note(config, "measuring for " + format(settings.timing().duration()));
            cpu = CpuClock.start(worker.thread());
            watch(settings.timing().duration(), worker, backlog, problems, List.of());
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
        MeasuredCell measured = new MeasuredCell(config, worker.engineInfo(), tallies(clients), stats, log,
                admission.lateReplies(), backlog.result(load.maxQueue()), measureStart, cpu, warmupTps, problems);
        measured.printNotes(progress);
        CellResult result = measured.toResult(hlog.getFileName().toString());
        if (result.passed()) {
            Files.move(partialHlog, hlog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return result;
    }

    private static LoadClient newClient(CellConfig config, int id, HandoffStrategy<Request> strategy,
                                        Admission admission, PhaseSignal phase, ClientLedger ledger) {
        LoadSettings load = config.settings().load();
        SweepSettings.RequestStreams streams = config.settings().requests();
        PayloadStream payloads = new PayloadStream(id, streams.alpha(), streams.seed());
        if (!load.openLoop()) {
            return new ClosedLoopClient(id, strategy, payloads, phase::get, admission, load.requestTimeout(), ledger);
        }
        double perClient = load.rate() / config.id().clients();
        // Stagger the first sends across one client's gap, so a constant schedule is evenly spaced overall.
        long offset = Math.round(1e9 / load.rate() * id);
        return new OpenLoopClient(id, strategy, payloads, phase::get, admission,
                load.arrivals().gaps(perClient, id, streams.seed()), offset, load.requestTimeout(), ledger);
    }

    private static ClientLedger.Tally tallies(List<LoadClient> clients) {
        ClientLedger.Tally sum = ClientLedger.Tally.NONE;
        for (LoadClient client : clients) {
            sum = sum.plus(client.ledger().tally());
        }
        return sum;
    }

    private static List<SingleWriterRecorder> endToEnd(List<LoadClient> clients) {
        return clients.stream().map(client -> client.ledger().latency()).toList();
    }

    /** After every client has been joined: the time by stage (and the uncorrected latency) as whole-run series. */
    private static void appendStages(LatencyLog log, List<LoadClient> clients, boolean openLoop) {
        if (openLoop) {
            log.appendWholeRun(LatencyLog.UNCORRECTED, sum(clients, ClientLedger::uncorrected));
        }
        log.appendWholeRun(LatencyLog.QUEUE_WAIT, sum(clients, ClientLedger::queueWait));
        log.appendWholeRun(LatencyLog.SERVICE, sum(clients, ClientLedger::service));
        log.appendWholeRun(LatencyLog.REPLY, sum(clients, ClientLedger::reply));
    }

    private static Histogram sum(List<LoadClient> clients, Function<ClientLedger, Histogram> which) {
        Histogram total = new Histogram(3);
        clients.forEach(client -> total.add(which.apply(client.ledger())));
        return total;
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
        progress.printf("%s, %s: %s%n", config.id().label(), config.workload().name(), what);
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
