package io.handoffbench.benchmarks.handoff;

import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.benchmarks.support.Strategies;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The seed's load without JavaScript: one connection pipelines {@value #DEPTH} requests (SpacetimeDB's keynote
 * client's calls in flight per connection) through the strategy to the echo worker, then waits once for the batch.
 * One operation is one request ({@link OperationsPerInvocation}), so {@code -prof gc}'s {@code gc.alloc.rate.norm}
 * is the bytes the handoff and the reply path allocate per request, on every thread (JMH reads the JVM's total
 * allocated bytes, the worker's included); the reducer's own allocation is not in it, as the echo worker runs none.
 *
 * <pre>
 *   JMH thread ── submit x 16,384 ─▶ [ strategy ] ─ drain ─▶ echo-worker ─ complete; the last reply unparks ─▶ JMH thread
 * </pre>
 *
 * <p>Self-check ({@link #stopAndCheck}): every reply is its own request's payload (the same object) from the worker
 * thread, and the worker served exactly as many requests as the client had answered; a lost request fails the
 * batch after 10 s.
 *
 * <p>Run it alone: {@code scripts/jmh PipelinedHandoffNoJs -prof gc} (results/jmh/pipelined-allocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PipelinedHandoffNoJs {

    /** The seed's calls in flight per connection (the server's limit), fixed: JMH needs it at compile time. */
    static final int DEPTH = 16_384;

    /** As in {@link HandoffRoundTripNoJs}: without {@code -p strategy=...} every registered strategy runs. */
    @Param({"rendezvous", "rendezvous-fifo", "rendezvous-flume", "linked", "mpsc", "disruptor"})
    public String strategy;

    private HandoffStrategy<Request> handoff;
    private EchoWorker worker;
    private final Queue<PipelinedBatchClient> clients = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void start() {
        handoff = Strategies.factory(strategy).create(IdlePolicy.DEFAULT);
        worker = EchoWorker.start(handoff);
    }

    /** JMH runs this after the client thread has left its last operation (its pre-teardown barrier). */
    @TearDown(Level.Trial)
    public void stopAndCheck() throws InterruptedException {
        long served = worker.finish(Duration.ofSeconds(30));
        SelfCheck check = new SelfCheck("PipelinedHandoffNoJs[" + strategy + "]");
        PipelinedBatchClient.check(clients, served, check);
        check.throwIfFailed();
    }

    /** The connection: a JMH thread and its {@value #DEPTH} reused requests. */
    @State(Scope.Thread)
    public static class Connection {
        PipelinedBatchClient client;

        @Setup(Level.Trial)
        public void join(PipelinedHandoffNoJs benchmark, ThreadParams thread) {
            client = new PipelinedBatchClient(thread.getThreadIndex(), DEPTH, PipelinedBatchClient.REPLY_TIMEOUT);
            benchmark.clients.add(client);
        }

        @Setup(Level.Iteration)
        public void bind() {
            client.bindTo(Thread.currentThread());
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(DEPTH)
    public int oneConnection(Connection connection) throws InterruptedException {
        return connection.client.batch(handoff, worker.thread());
    }
}
