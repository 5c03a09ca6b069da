package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.client.ClientLedger;
import io.handoffbench.harness.client.ClientLoop;
import io.handoffbench.harness.client.ClosedLoopClient;
import io.handoffbench.harness.client.LoadClient;
import io.handoffbench.harness.client.MeasurementWindow;
import io.handoffbench.harness.client.OpenLoopClient;
import io.handoffbench.harness.client.PipelinedClient;
import io.handoffbench.harness.client.PrecomputedStreams;
import io.handoffbench.harness.client.StripedLatencyRecorder;
import io.handoffbench.harness.launch.ClientCarriers;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A cell's clients: their precomputed request streams, their kind (closed loop, pipelined, open loop), their threads
 * (one each, or event loops that serve them all), and how they are stopped.
 *
 * <p>Threading: made, started and joined by the controlling thread; {@link #settled} may be read while they run,
 * everything else of the ledgers only after {@link #join} returned with every thread joined.
 */
final class ClientGroup {

    /** Nothing settled, nothing queued and the worker parked for this long after the stop: a request was lost. */
    static final Duration LOST_AFTER = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 100;

    private final PrecomputedStreams streams;
    private final StripedLatencyRecorder latencies;
    /** Every client's ledger, by client id. */
    private final List<ClientLedger> ledgers;
    /** A thread per client (by client id), or per event loop. */
    private final List<Thread> threads;
    /** The event loops, beside their threads; empty when every client has a thread of its own. */
    private final List<ClientLoop> loops;

    private ClientGroup(PrecomputedStreams streams, StripedLatencyRecorder latencies, List<ClientLedger> ledgers,
                        List<Thread> threads, List<ClientLoop> loops) {
        this.streams = streams;
        this.latencies = latencies;
        this.ledgers = ledgers;
        this.threads = threads;
        this.loops = loops;
    }

    /**
     * Makes every client's request stream (before anything is timed), then the clients, and starts their threads.
     * The ledgers count the good replies per stream slot, for the end-state check: one int per precomputed request.
     */
    static ClientGroup start(CellConfig config, HandoffStrategy<Request> strategy, Admission admission,
                             MeasurementWindow window, JsWorker worker) {
        int count = config.id().clients();
        PrecomputedStreams streams = PrecomputedStreams.generate(count, config.settings().requests());
        LoadSettings load = config.settings().load();
        StripedLatencyRecorder latencies = new StripedLatencyRecorder(count);
        List<ClientLedger> ledgers = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            ledgers.add(new ClientLedger(load.openLoop(), config.workload().replyCheck(), worker::isWorkerThread,
                    streams.stream(id).length(), id, latencies));
        }
        ClientThreads kind = config.settings().clientThreads();
        if (kind == ClientThreads.EVENT_LOOP) {
            return startLoops(config, strategy, admission, window, streams, latencies, ledgers);
        }
        ThreadFactory factory = kind == ClientThreads.VIRTUAL
                ? Thread.ofVirtual().name("client-", 0).factory()
                : Thread.ofPlatform().name("client-", 0).daemon(true).factory();
        List<Thread> threads = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            threads.add(factory.newThread(newClient(config, id, streams.stream(id), strategy, admission, window,
                    ledgers.get(id))));
        }
        threads.forEach(Thread::start);
        return new ClientGroup(streams, latencies, ledgers, threads, List.of());
    }

    /**
     * {@code --client-threads=event-loop}: a loop per carrier thread (at most one per client), each a virtual thread
     * serving every loop-count-th client, so that each loop has a carrier to itself.
     */
    private static ClientGroup startLoops(CellConfig config, HandoffStrategy<Request> strategy, Admission admission,
                                          MeasurementWindow window, PrecomputedStreams streams,
                                          StripedLatencyRecorder latencies, List<ClientLedger> ledgers) {
        int count = ledgers.size();
        int loopCount = Math.min(count, ClientCarriers.inThisJvm());
        List<ClientLoop> loops = new ArrayList<>(loopCount);
        for (int first = 0; first < loopCount; first++) {
            loops.add(new ClientLoop(first, loopCount, strategy, window, admission));
        }
        for (int id = 0; id < count; id++) {
            loops.get(id % loopCount).add(id, streams.stream(id), ledgers.get(id), config.settings().load().pipeline());
        }
        ThreadFactory factory = Thread.ofVirtual().name("client-loop-", 0).factory();
        List<Thread> threads = loops.stream().map(factory::newThread).toList();
        threads.forEach(Thread::start);
        return new ClientGroup(streams, latencies, ledgers, threads, loops);
    }

    private static LoadClient newClient(CellConfig config, int id, PrecomputedStreams.ClientStream stream,
                                        HandoffStrategy<Request> strategy, Admission admission,
                                        MeasurementWindow window, ClientLedger ledger) {
        LoadSettings load = config.settings().load();
        if (load.openLoop()) {
            double perClient = load.rate() / config.id().clients();
            // Stagger the first sends across one client's gap, so a constant schedule is evenly spaced overall.
            long offset = Math.round(1e9 / load.rate() * id);
            return new OpenLoopClient(id, strategy, stream, window, admission,
                    load.arrivals().gaps(perClient, id, config.settings().requests().seed()), offset,
                    load.requestTimeout(), ledger);
        }
        if (load.pipeline() > 1) {
            return new PipelinedClient(id, strategy, stream, window, admission, load.pipeline(), ledger);
        }
        return new ClosedLoopClient(id, strategy, stream, window, admission, load.requestTimeout(), ledger);
    }

    PrecomputedStreams streams() {
        return streams;
    }

    /** Requests settled so far by every client, warm-up included; any time. */
    long settled() {
        long sum = 0;
        for (ClientLedger ledger : ledgers) {
            sum += ledger.settled();
        }
        return sum;
    }

    /** Every client's tally, summed. After {@link #join}. */
    ClientLedger.Tally tally() {
        ClientLedger.Tally sum = ClientLedger.Tally.NONE;
        for (ClientLedger ledger : ledgers) {
            sum = sum.plus(ledger.tally());
        }
        return sum;
    }

    /** Each client's good replies per stream slot, by client id. After {@link #join}. */
    List<int[]> goodRepliesPerSlot() {
        return ledgers.stream().map(ClientLedger::goodRepliesPerSlot).toList();
    }

    /** Every client's end-to-end latencies, for the interval log. */
    StripedLatencyRecorder endToEnd() {
        return latencies;
    }

    /**
     * After {@link #join}: the time by stage, the uncorrected latency, the censored lower bounds and the batches as
     * whole-run series.
     */
    void appendWholeRunSeries(LatencyLog log, LoadSettings load) {
        if (load.openLoop()) {
            log.appendWholeRun(LatencyLog.UNCORRECTED, latencies.uncorrected());
            log.appendWholeRun(LatencyLog.CENSORED, latencies.censored());
        }
        if (load.pipeline() > 1) {
            log.appendWholeRun(LatencyLog.BATCH, latencies.batch());
        }
        log.appendWholeRun(LatencyLog.QUEUE_WAIT, latencies.queueWait());
        log.appendWholeRun(LatencyLog.SERVICE, latencies.service());
        log.appendWholeRun(LatencyLog.REPLY, latencies.reply());
    }

    /**
     * After the stop: waits until every client has returned. Gives up after {@code timeout}, or sooner when nothing
     * has settled for {@link #LOST_AFTER} while nothing is queued and the worker is parked: the clients still
     * waiting then wait for requests the handoff lost.
     *
     * @return the ids of the clients still running (empty when all returned)
     */
    List<Integer> join(Duration timeout, BooleanSupplier nothingQueuedAndWorkerParked) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastSettled = settled();
        long quietSince = System.nanoTime();
        while (true) {
            List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
            long now = System.nanoTime();
            if (alive.isEmpty()) {
                return List.of();
            }
            if (now - deadline >= 0) {
                return unfinishedClients();
            }
            long settledNow = settled();
            if (settledNow != lastSettled || !nothingQueuedAndWorkerParked.getAsBoolean()) {
                lastSettled = settledNow;
                quietSince = now;
            } else if (now - quietSince >= LOST_AFTER.toNanos()) {
                return unfinishedClients();
            }
            alive.get(0).join(Duration.ofMillis(POLL_MILLIS));
        }
    }

    /** Interrupts the clients still running, after a failed {@link #join}. */
    void interrupt() {
        threads.forEach(Thread::interrupt);
    }

    /** The ids of the clients whose thread, or whose loop's thread, is still running; never empty while one is. */
    private List<Integer> unfinishedClients() {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            if (!threads.get(i).isAlive()) {
                continue;
            }
            if (loops.isEmpty()) {
                running.add(i); // a thread per client, by id
                continue;
            }
            List<Integer> waiting = loops.get(i).unfinishedClients();
            running.addAll(waiting.isEmpty() ? List.of(i) : waiting); // a loop's first client has its index as id
        }
        return running;
    }

    /** Where the clients that did not stop, and the worker, are: the evidence for a lost wake-up. */
    String whereStuck(Thread worker) {
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        StringBuilder where = new StringBuilder().append(alive.size()).append(" of ").append(threads.size())
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
}
