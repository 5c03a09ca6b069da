package io.handoffbench.harness.run;

import io.handoffbench.harness.client.ClosedLoopClient;
import io.handoffbench.harness.client.Phase;
import io.handoffbench.harness.client.TransferRequests;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.ScriptSummary;
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
        if (config.isCeiling()) {
            return new CeilingRunner(progress, stopRequested).run(config);
        }
        HandoffStrategy<Request> strategy = config.strategy().create();
        JsWorker worker = JsWorker.start(config.workload(), strategy);
        PhaseSignal phase = new PhaseSignal();
        List<ClosedLoopClient> clients = new ArrayList<>(config.clients());
        for (int id = 0; id < config.clients(); id++) {
            clients.add(new ClosedLoopClient(id, strategy, new TransferRequests(id, config.alpha(), config.seed()),
                    config.workload().replyCheck(), phase::get, worker::isWorkerThread));
        }
        ThreadFactory clientThreads = config.virtualClients()
                ? Thread.ofVirtual().name("client-", 0).factory()
                : Thread.ofPlatform().name("client-", 0).daemon(true).factory();
        List<Thread> threads = new ArrayList<>(clients.size());
        for (ClosedLoopClient client : clients) {
            threads.add(clientThreads.newThread(client));
        }
        threads.forEach(Thread::start);

        List<String> problems = new ArrayList<>();
        Path partialHlog = hlog.resolveSibling(hlog.getFileName() + ".partial");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("latency-sampler").daemon(true).factory());
        LatencyLog log = null;
        List<Double> warmupTps = List.of();
        long measureStart = 0;
        JsWorker.Stats stats;
        try {
            note(config, "warming up for " + format(config.warmup()));
            warmupTps = watch(config.warmup(), worker, problems, clients);
            log = new LatencyLog(clients.stream().map(ClosedLoopClient::latencies).toList(), partialHlog, logComment);
            measureStart = System.nanoTime();
            phase.set(Phase.MEASURE);
            sampler.scheduleAtFixedRate(log::collectInterval, 1, 1, TimeUnit.SECONDS);
            note(config, "measuring for " + format(config.duration()));
            watch(config.duration(), worker, problems, List.of());
        } finally {
            phase.set(Phase.STOP);
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
                log.close();
            }
        }
        return result(config, worker.engineInfo(), clients, stats, log, measureStart, warmupTps, problems,
                partialHlog, hlog);
    }

    private CellResult result(CellConfig config, JsWorker.EngineInfo engine, List<ClosedLoopClient> clients,
                              JsWorker.Stats stats, LatencyLog log, long measureStart, List<Double> warmupTps,
                              List<String> problems, Path partialHlog, Path hlog) throws IOException {
        long ok = 0;
        long errors = 0;
        long received = 0;
        long lastReply = measureStart;
        for (ClosedLoopClient client : clients) {
            ClosedLoopClient.Tally tally = client.tally();
            ok += tally.ok();
            errors += tally.errors();
            received += tally.received();
            lastReply = Math.max(lastReply, tally.lastReplyNanos());
            if (tally.badReplies() > 0) {
                problems.add(tally.badReplies() + " wrong replies, first: " + tally.firstProblem());
            }
            if (tally.servedElsewhere() > 0) {
                problems.add(tally.servedElsewhere() + " requests served off the worker thread: " + tally.firstProblem());
            }
        }
        if (stats.failure() != null) {
            problems.add("the JS worker failed: " + stats.failure());
        }
        if (stats.executedMeasured() != received) {
            problems.add("the worker executed " + stats.executedMeasured() + " measured requests but clients received "
                    + received + " replies");
        }
        long recorded = log.total().getTotalCount();
        if (recorded != ok) {
            problems.add("clients received " + ok + " good replies but recorded " + recorded + " latencies");
        }
        problems.addAll(ScriptSummary.problems(stats.summaryJson(), stats.executed()));
        if (errors > 0) {
            progress.printf("  note: %d requests got an error reply from the reducer%n", errors);
        }

        double seconds = (lastReply - measureStart) / 1e9;
        double tps = seconds > 0 ? ok / seconds : 0;
        if (problems.isEmpty()) {
            Files.move(partialHlog, hlog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        double meanBatch = stats.batches() == 0 ? 0 : (double) stats.executed() / stats.batches();
        WarmupCheck.Verdict warm = WarmupCheck.of(warmupTps, config.steadyTolerance());
        return new CellResult(config.strategyId(), config.workload().name(), config.clients(),
                config.clientThreads(), config.trial(), engine.implementationName(), engine.version(), engine.jit(),
                ok, errors, seconds, tps, LatencySummary.of(log.total()), stats.executed(), stats.batches(),
                meanBatch, warmupTps, warm.steady(), warm.note(), stats.summaryJson(),
                problems.isEmpty() ? hlog.getFileName().toString() : null, List.copyOf(problems));
    }

    /**
     * Waits for {@code length}, ending early if the worker fails (reported from its stats) or a stop is requested,
     * and returns the TPS of {@code clients} in each whole second of it.
     */
    private List<Double> watch(Duration length, JsWorker worker, List<String> problems,
                               List<ClosedLoopClient> clients) throws InterruptedException {
        RateSampler.Samples samples = RateSampler.sample(length, () -> completed(clients),
                () -> worker.failure() != null || stopRequested.getAsBoolean());
        if (samples.endedEarly() && worker.failure() == null) {
            problems.add("interrupted before the measurement ended");
        }
        return samples.perSecond();
    }

    private static long completed(List<ClosedLoopClient> clients) {
        long sum = 0;
        for (ClosedLoopClient client : clients) {
            sum += client.completed();
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
