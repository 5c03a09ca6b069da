package io.handoffbench.benchmarks.baseline;

import io.handoffbench.benchmarks.support.JsChecks;
import io.handoffbench.benchmarks.support.Payloads;
import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.harness.worker.SandboxedJs;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.harness.worker.Workloads;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The worker's ceiling: a built-in workload's {@code reduce(request)} called directly on one thread, with no
 * handoff at all. One operation is what the JS worker does per request: call the reducer with the payload, turn the
 * result into the reply string, and (as the client would) check it. Subtract it from
 * {@code endtoend.JsWorkerRoundTripOneClient} to see what the handoff adds around the JS call.
 *
 * <pre>
 *   one JMH thread ─ reduce(payload) ─▶ GraalJS Context (sandboxed, JIT-compiled) ─ reply ─▶ Blackhole
 * </pre>
 *
 * <p>The engine, the context, the script and the reply are made by {@link SandboxedJs}, exactly as the worker makes
 * its own, and the payloads are the clients' ({@link Payloads}), made before measuring.
 * The setup refuses to measure when GraalJS runs interpreted ({@link JsChecks#requireJit}).
 *
 * <p>Self-check: every reply passes the workload's reply check ({@code noop} echoes the payload; {@code transfer}
 * answers {@code ok} or {@code insufficient_funds}), and the script's own {@code summary()} counted every call
 * ({@code transfer} also keeps the total balance).
 *
 * <p>Run it alone: {@code scripts/jmh ReducerCostDirect -p workload=transfer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1) // a Context allows one thread at a time: the worker's own situation
public class ReducerCostDirect {

    @Param({Workloads.TRANSFER, Workloads.NOOP})
    public String workload;

    private Engine engine;
    private Context js;
    private Value reduce;
    private Workload.ReplyCheck replyCheck;
    private Payloads payloads;

    private long calls;
    private long wrongReplies;
    private String firstProblem;

    @Setup(Level.Trial)
    public void load() throws WorkloadException {
        Workload chosen = Workloads.resolve(workload);
        replyCheck = chosen.replyCheck();
        payloads = new Payloads(0);
        engine = SandboxedJs.newEngine();
        JsChecks.requireJit(engine.getImplementationName());
        js = SandboxedJs.newContext(engine);
        reduce = SandboxedJs.loadReducer(js, chosen);
    }

    @Benchmark
    public void reduce(Blackhole blackhole) {
        String payload = payloads.next();
        Value result = reduce.execute(payload);
        String reply = SandboxedJs.replyOf(result); // as the worker turns it into a reply
        calls++;
        if (!replyCheck.accepts(payload, reply) && wrongReplies++ == 0) {
            firstProblem = "reply '" + reply + "' to " + payload;
        }
        blackhole.consume(reply);
    }

    @TearDown(Level.Trial)
    public void check() {
        try {
            SelfCheck check = new SelfCheck("ReducerCostDirect[" + workload + "]");
            check.require(wrongReplies == 0, wrongReplies + " wrong replies, first: " + firstProblem);
            check.require(calls > 0, "no call completed");
            JsChecks.checkSummary(SandboxedJs.summary(js), calls, check);
            check.throwIfFailed();
        } finally {
            js.close();
            engine.close();
        }
    }
}
