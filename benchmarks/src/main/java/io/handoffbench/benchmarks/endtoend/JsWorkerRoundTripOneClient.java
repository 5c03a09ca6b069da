package io.handoffbench.benchmarks.endtoend;

import io.handoffbench.benchmarks.support.JsChecks;
import io.handoffbench.benchmarks.support.RoundTripClient;
import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.benchmarks.support.Strategies;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.WorkerStats;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.idle.IdlePolicy;
import io.handoffbench.harness.worker.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One client's round trip through a strategy into the real GraalJS worker: the harness's {@link JsWorker} (its own
 * platform thread, one sandboxed, JIT-compiled context) serving a built-in workload.
 *
 * <pre>
 *   JMH thread ─ submit ─▶ [ strategy ] ─ drain ─▶ js-worker: reduce(payload) in GraalJS ─ reply, unpark ─▶ JMH thread
 * </pre>
 *
 * <p>One operation: prepare the request, {@code submit}, park until the reply, check it. With one client nothing
 * queues, so the time is the JS call ({@code baseline.ReducerCostDirect}) plus one handoff each way, including
 * waking the parked worker and the parked client: on a small virtual machine the wake-ups dominate.
 *
 * <p>Self-check: every reply passes the workload's check and came from the worker thread; the worker executed
 * exactly as many requests as the client completed, with no error and no failure; the script's {@code summary()}
 * agrees (and {@code transfer}'s total balance is unchanged). The setup refuses to measure when GraalJS runs
 * interpreted.
 *
 * <p>Run it alone: {@code scripts/jmh JsWorkerRoundTripOneClient -p workload=noop -p strategy=linked}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class JsWorkerRoundTripOneClient {

    /**
     * The strategy id: six of the built-ins at compile time; {@code BenchmarksMain} passes every registered id when
     * the command line names none (see {@code HandoffRoundTripNoJs#strategy}).
     */
    @Param({"rendezvous", "rendezvous-fifo", "rendezvous-flume", "linked", "mpsc", "disruptor"})
    public String strategy;

    @Param({Workloads.NOOP, Workloads.TRANSFER})
    public String workload;

    private JsWorker worker;
    private HandoffStrategy<Request> handoff;
    private RoundTripClient client;

    @Setup(Level.Trial)
    public void start() throws WorkloadException {
        Workload chosen = Workloads.resolve(workload);
        // One client and the worker each have a core: the policy the harness's --idle=auto picks for this case.
        handoff = Strategies.create(strategy, IdlePolicy.SPIN_PARK);
        worker = JsWorker.start(chosen, handoff);
        try {
            JsChecks.requireJit(worker.engineInfo().implementationName());
        } catch (IllegalStateException noJit) {
            stopQuietly();
            throw noJit;
        }
        client = new RoundTripClient(0, chosen.replyCheck());
    }

    /** With one client, the state's iteration setup runs on the measuring thread. */
    @Setup(Level.Iteration)
    public void bind() {
        client.bindTo(Thread.currentThread());
    }

    @Benchmark
    public String roundTrip() throws InterruptedException {
        return client.roundTrip(handoff, worker.thread());
    }

    @TearDown(Level.Trial)
    public void stopAndCheck() throws InterruptedException {
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));
        SelfCheck check = new SelfCheck("JsWorkerRoundTripOneClient[" + strategy + ", " + workload + "]");
        check.require(stats.failure() == null, "the worker failed: " + stats.failure());
        check.require(stats.errors() == 0, "the reducer threw for " + stats.errors() + " requests");
        RoundTripClient.check(List.of(client), stats.executed(), check);
        JsChecks.checkSummary(stats.summaryJson(), stats.executed(), check);
        check.throwIfFailed();
    }

    private void stopQuietly() {
        try {
            worker.finish(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // already failing for a better reason
        }
    }
}
