package io.handoffbench.harness.run;

import io.handoffbench.harness.affinity.WorkerPinning;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.client.PrecomputedStreams;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.worker.ReducerErrors;
import io.handoffbench.harness.worker.CompilationLog;
import io.handoffbench.harness.worker.SandboxedJs;
import io.handoffbench.harness.worker.ScriptGlobals;
import io.handoffbench.harness.worker.ScriptSummary;
import io.handoffbench.harness.worker.WorkloadException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The bare-worker ceiling: the workload's reducer called in a tight loop on one platform thread, with the same
 * sandboxed context as the worker, no handoff and no clients. No strategy can beat its TPS; a cell's efficiency
 * is its TPS over this one.
 *
 * <p>It replays the clients' own precomputed requests (the first {@value #REPLAYED_CLIENTS} clients' streams,
 * interleaved, cycled), made before the loop starts, so their cost is not in the ceiling, just as it is not on the
 * worker's thread. Each reply is converted to a Java string, as the worker
 * does; one in {@value #CHECK_EVERY} is checked against its request. A JS error the reducer throws is what the worker
 * makes of it, an error reply: counted, and the loop goes on; the ceiling's TPS counts the calls that answered.
 *
 * <p>Threading: {@link #run} is called by one controlling thread; it starts the loop thread and joins it. The loop
 * thread publishes its call and error counts with opaque stores; the controller reads them once a second.
 */
final class CeilingRunner {

    /** The clients whose precomputed streams the ceiling replays, interleaved: the same requests they send. */
    private static final int REPLAYED_CLIENTS = 16;
    private static final int CHECK_EVERY = 256;
    private static final VarHandle CALLS;
    private static final VarHandle ERRORS;
    private static final VarHandle STOP;

    static {
        try {
            CALLS = MethodHandles.lookup().findVarHandle(CeilingRunner.class, "calls", long.class);
            ERRORS = MethodHandles.lookup().findVarHandle(CeilingRunner.class, "errors", long.class);
            STOP = MethodHandles.lookup().findVarHandle(CeilingRunner.class, "stop", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PrintStream progress;
    private final BooleanSupplier stopRequested;
    /** {@code --pin-worker}: the loop thread is the worker; the controlling thread restores the masks. */
    private final WorkerPinning pinning;

    @SuppressWarnings("unused") // through CALLS: written by the loop thread only
    private long calls;
    @SuppressWarnings("unused") // through ERRORS: written by the loop thread only
    private long errors;
    @SuppressWarnings("unused") // through STOP: written by the controller
    private boolean stop;
    /** Truffle's compilations in the loop's engine; written by compiler threads. */
    private final CompilationLog compilations = SandboxedJs.newCompilationLog();
    // Loop thread only, read after join.
    private long badReplies;
    private String firstBadReply;
    private String summaryJson;
    private RuntimeException loopFailure;

    CeilingRunner(PrintStream progress, BooleanSupplier stopRequested, WorkerPinning pinning) {
        this.progress = progress;
        this.stopRequested = stopRequested;
        this.pinning = pinning;
    }

    CellResult run(CellConfig config) throws WorkloadException, InterruptedException {
        String[] payloads = payloads(config);
        CompletableFuture<Engine> started = new CompletableFuture<>();
        Workload workload = config.workload();
        Thread loop = Thread.ofPlatform().name("js-worker").unstarted(() -> callInALoop(workload,
                new ScriptGlobals(config.settings().requests().initialBalance()), payloads, started));
        loop.start();
        Engine engine;
        try {
            engine = started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkloadException workloadError) {
                throw workloadError;
            }
            throw new IllegalStateException("the ceiling loop failed to start: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            STOP.setOpaque(this, true);
            throw new WorkloadException("workload '" + workload.name() + "' did not load within 60 s");
        }
        pinning.moveOthersOff(); // the loop thread has pinned itself
        List<String> problems = new ArrayList<>();
        SweepSettings.Timing timing = config.settings().timing();
        progress.printf("%s, %s: %s%n", config.id().label(), workload.name(), CellRunner.warmingUp(timing));
        RateSampler.Samples warmup = sample(timing.warmup(), problems, timing.autoWarmup()
                ? CellRunner.steadyAndCompiled(timing, SandboxedJs.isJit(engine), compilations) : tps -> false);
        compilations.markMeasurementStart();
        pinning.moveOthersOff(); // threads the loop thread started while warming up
        long startErrors = (long) ERRORS.getOpaque(this);
        long startCalls = (long) CALLS.getOpaque(this);
        long start = System.nanoTime();
        CpuClock cpu = CpuClock.start(loop);
        progress.printf("%s, %s: measuring for %d ms%n", config.id().label(), workload.name(),
                timing.duration().toMillis());
        sample(timing.duration(), problems, tps -> false);
        long endErrors = (long) ERRORS.getOpaque(this);
        long endCalls = (long) CALLS.getOpaque(this);
        long end = System.nanoTime();
        cpu.stop();
        STOP.setOpaque(this, true);
        loop.join();

        if (loopFailure != null) {
            problems.add("the reducer loop failed: " + loopFailure);
        }
        if (badReplies > 0) {
            problems.add(badReplies + " sampled replies did not answer their request, first: " + firstBadReply);
        }
        problems.addAll(ScriptSummary.problems(summaryJson, (long) CALLS.getOpaque(this)));
        double seconds = (end - start) / 1e9;
        long measured = endCalls - startCalls;
        // Two counters read one after the other: at each edge an error may fall on the other side of its call.
        long measuredErrors = Math.min(measured, endErrors - startErrors);
        long answered = measured - measuredErrors;
        if (measuredErrors > 0) {
            progress.printf("  note: %d of the %d measured reducer calls threw an error (error replies, not counted "
                    + "in TPS)%n", measuredErrors, measured);
        }
        EngineInfo.Compilations compiled = compilations.result();
        return pinning.annotate(new CellResult(CellResult.Identity.of(config),
                SandboxedJs.engineInfo(engine).withCompilations(compiled),
                new CellResult.Throughput(answered, measuredErrors, seconds, answered / seconds,
                        LatencySummary.of(new Histogram(3))),
                WarmupCheck.of(warmup.perSecond(), timing.steadyTolerance(), warmup.seconds(), compiled),
                new CellResult.WorkerActivity((long) CALLS.getOpaque(this), 0, 0, summaryJson, null, answered), null, null,
                null, null, null, cpu.use(measured), null, null, List.copyOf(problems)));
    }

    /** The loop thread: owns the context from creation to close, like the worker. */
    private void callInALoop(Workload workload, ScriptGlobals globals, String[] payloads,
                             CompletableFuture<Engine> started) {
        try (Engine engine = pinnedEngine();
             Context js = SandboxedJs.newContext(engine)) {
            Value reduce = SandboxedJs.loadReducer(js, workload, globals);
            compilations.watchReducer(SandboxedJs.functionName(reduce));
            started.complete(engine);
            Workload.ReplyCheck check = workload.replyCheck();
            int mask = payloads.length - 1;
            long n = 0;
            while (!(boolean) STOP.getOpaque(this)) {
                String payload = payloads[(int) (n & mask)];
                String reply;
                try {
                    reply = SandboxedJs.replyOf(reduce.execute(payload));
                } catch (PolyglotException e) {
                    if (!ReducerErrors.isOrdinaryScriptError(e)) {
                        throw e; // a trap: the context cannot be trusted, and the ceiling has no replacement
                    }
                    reply = null; // an error reply, as the worker answers it
                    ERRORS.setOpaque(this, (long) ERRORS.getOpaque(this) + 1);
                }
                if (reply != null && (n & (CHECK_EVERY - 1)) == 0 && !check.accepts(payload, reply)) {
                    badReplies++;
                    firstBadReply = firstBadReply != null ? firstBadReply : "'" + reply + "' for " + payload;
                }
                CALLS.setOpaque(this, ++n);
            }
            summaryJson = SandboxedJs.summary(js);
            if (SandboxedJs.isJit(engine)) { // the loop has stopped: the compiler has the CPU to itself
                compilations.awaitFirstCompilation(CompilationLog.FIRST_COMPILATION_GRACE, stopRequested);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the engine closes; what compiled so far is the answer
        } catch (WorkloadException e) {
            started.completeExceptionally(e);
        } catch (RuntimeException e) {
            if (!started.completeExceptionally(e)) {
                loopFailure = e; // it had started: the measurement is broken
            }
        } finally {
            pinning.releaseCallingThread();
        }
    }

    /** The loop thread, first: onto the worker's CPU ({@code --pin-worker}) before the engine exists. */
    private Engine pinnedEngine() {
        pinning.pinCallingThread();
        return SandboxedJs.newEngine(compilations);
    }

    private RateSampler.Samples sample(java.time.Duration length, List<String> problems,
                                       Predicate<List<Double>> enough) throws InterruptedException {
        RateSampler.Samples samples = RateSampler.sample(length, () -> (long) CALLS.getOpaque(this), stopRequested,
                enough);
        if (samples.endedEarly()) {
            problems.add("interrupted before the measurement ended");
        }
        return samples;
    }

    /** The first {@value #REPLAYED_CLIENTS} clients' precomputed streams, interleaved request by request. */
    private static String[] payloads(CellConfig config) {
        PrecomputedStreams streams = PrecomputedStreams.generate(REPLAYED_CLIENTS, config.settings().requests());
        int length = streams.stream(0).length();
        String[] payloads = new String[REPLAYED_CLIENTS * length];
        for (int client = 0; client < REPLAYED_CLIENTS; client++) {
            for (int i = 0; i < length; i++) {
                payloads[i * REPLAYED_CLIENTS + client] = streams.stream(client).payload(i);
            }
        }
        return payloads;
    }
}
