package io.handoffbench.benchmarks.handoff;

import io.handoffbench.benchmarks.support.RoundTripClient;
import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.benchmarks.support.Strategies;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * What one handoff costs, without JavaScript: N client threads each submit a request through the strategy and wait
 * for its reply, while one worker thread drains the strategy and answers every request with its own payload.
 *
 * <pre>
 *   JMH thread 1 ─┐
 *   JMH thread 2 ─┼─ submit ─▶ [ strategy ] ─ drain ─▶ echo-worker ─ complete, unpark ─▶ the waiting client
 *   JMH thread N ─┘             (the @Param)          (one platform thread, started in @Setup)
 * </pre>
 *
 * <p>One operation is one round trip of one client: prepare its {@link Request}, {@code submit}, park until the
 * reply, check it. Throughput mode reports the round trips of all N clients per unit of time (the worker's service
 * rate once it is the bottleneck); sample-time mode the distribution of single round trips, the latency a client
 * sees. The JS call is what {@code baseline.ReducerCostDirect} measures and {@code endtoend.JsWorkerRoundTripOneClient}
 * adds back.
 *
 * <p>Why the worker is not a JMH thread ({@code @Group} / {@code @GroupThreads}, as in JMHSample_15_Asymmetric): JMH
 * ends an iteration by letting every thread of a group finish its current operation and stop, and a stopped worker
 * would leave clients parked on replies that never come. So the worker is the harness's kind of thread, started with
 * the trial and joined after the last client has left, and only the clients are JMH threads. The measured path is
 * the same: N producers, one consumer.
 *
 * <p>Clients 1, 4 and 16 are three methods with {@code @Threads}, so one run covers all three. JMH's {@code -t}
 * would override all three; use {@code clients1|clients4|clients16} in the benchmark regex to choose instead.
 * With more clients than cores (4 and 16 on a 2-core machine, plus the worker) the round trip includes the OS
 * scheduler's wake-ups: that is the regime the harness measures, and the setup says so once per fork.
 *
 * <p>Self-check ({@link #stopAndCheck}): every reply answers its own request and came from the worker thread, and
 * the worker served exactly as many requests as clients completed; a lost request fails the operation after 10 s.
 *
 * <p>Run it alone: {@code scripts/jmh 'HandoffRoundTripNoJs.clients16' -p strategy=mpsc,linked -prof gc}; compare
 * the worker's idle policies with {@code -p idle=park,spin-park,yield,spin} (see
 * {@code results/jmh/idle-policies/README.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HandoffRoundTripNoJs {

    /**
     * The strategy id. JMH needs {@code @Param} values at compile time, so these are six of the built-ins; when the
     * command line names no {@code -p strategy=...}, {@code BenchmarksMain} passes every id the ServiceLoader
     * registry finds, so a strategy added on the class path is benchmarked with no edit here.
     */
    @Param({"rendezvous", "rendezvous-fifo", "rendezvous-flume", "linked", "mpsc", "disruptor"})
    public String strategy;

    /**
     * How the worker waits when nothing is queued: an {@link IdlePolicy} id ({@code park}, {@code spin-park},
     * {@code yield}, {@code spin}), or {@value #DEFAULT_IDLE} for {@link IdlePolicy#DEFAULT}. One value by default,
     * so a plain run is not four times longer; sweep with {@code -p idle=park,spin-park,yield,spin}. A strategy that
     * does not honour the policy (the three rendezvous, linked) waits its own way whatever this says; the setup
     * prints a note.
     */
    @Param({DEFAULT_IDLE})
    public String idle;

    static final String DEFAULT_IDLE = "default";

    private HandoffStrategy<Request> handoff;
    private EchoWorker worker;
    /** Every client state of this trial, for the self-check. */
    private final Queue<RoundTripClient> clients = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (params.getThreads() + 1 > cores) {
            System.out.printf("note: %d clients + 1 worker on %d cores: threads share cores, so round trips include"
                    + " the OS scheduler's wake-ups%n", params.getThreads(), cores);
        }
        IdlePolicy policy = idle.equals(DEFAULT_IDLE) ? IdlePolicy.DEFAULT : IdlePolicy.fromId(idle);
        HandoffStrategyFactory factory = Strategies.factory(strategy);
        if (!factory.honours(policy)) {
            System.out.printf("note: strategy %s ignores idle=%s and waits its own way%n", strategy, policy);
        }
        handoff = factory.create(policy);
        worker = EchoWorker.start(handoff);
    }

    /** JMH runs this after every client thread has left its last operation (its pre-teardown barrier). */
    @TearDown(Level.Trial)
    public void stopAndCheck() throws InterruptedException {
        long served = worker.finish(Duration.ofSeconds(30));
        SelfCheck check = new SelfCheck("HandoffRoundTripNoJs[" + strategy + "]");
        RoundTripClient.check(clients, served, check);
        check.throwIfFailed();
    }

    /** One client: a JMH thread and its request. */
    @State(Scope.Thread)
    public static class Client {
        RoundTripClient client;

        @Setup(Level.Trial)
        public void join(HandoffRoundTripNoJs benchmark, ThreadParams thread) {
            client = new RoundTripClient(thread.getThreadIndex(), String::equals);
            benchmark.clients.add(client);
        }

        @Setup(Level.Iteration)
        public void bind() {
            client.bindTo(Thread.currentThread());
        }
    }

    @Benchmark
    @Threads(1)
    public String clients1(Client client) throws InterruptedException {
        return client.client.roundTrip(handoff, worker.thread());
    }

    @Benchmark
    @Threads(4)
    public String clients4(Client client) throws InterruptedException {
        return client.client.roundTrip(handoff, worker.thread());
    }

    @Benchmark
    @Threads(16)
    public String clients16(Client client) throws InterruptedException {
        return client.client.roundTrip(handoff, worker.thread());
    }
}
