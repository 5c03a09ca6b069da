package io.handoffbench.harness.client;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.Workload;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A closed-loop client: builds a request, stamps it, submits it through the strategy, waits for the reply, records
 * the latency, and only then sends the next. Latency is from just before {@code submit} to the moment this thread
 * runs again with the reply, in nanoseconds; it includes any time blocked inside {@code submit}.
 *
 * <p>Threading: {@link #run} executes on the client's own thread (virtual or platform), the only writer of every
 * field here. Its recorder is a {@link SingleWriterRecorder}: no lock is shared with other clients on the hot path.
 * {@link #completed()} may be read by a sampler thread at any time; the other counters only after the client's
 * thread has been joined.
 */
public final class ClosedLoopClient implements Runnable {

    private static final VarHandle COMPLETED;

    static {
        try {
            COMPLETED = MethodHandles.lookup().findVarHandle(ClosedLoopClient.class, "completed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;
    private final HandoffStrategy<Request> strategy;
    private final TransferRequests payloads;
    private final Workload.ReplyCheck replyCheck;
    private final Supplier<Phase> phase;
    private final Predicate<Thread> isWorkerThread;
    private final SingleWriterRecorder latencies = new SingleWriterRecorder(3);

    @SuppressWarnings("unused") // accessed through COMPLETED: every reply, warm-up included
    private long completed;
    private long measuredOk;
    private long measuredErrors;
    private long badReplies;
    private long servedElsewhere;
    private String firstProblem;
    private long lastMeasuredReplyNanos;

    public ClosedLoopClient(int id, HandoffStrategy<Request> strategy, TransferRequests payloads,
                            Workload.ReplyCheck replyCheck, Supplier<Phase> phase, Predicate<Thread> isWorkerThread) {
        this.id = id;
        this.strategy = strategy;
        this.payloads = payloads;
        this.replyCheck = replyCheck;
        this.phase = phase;
        this.isWorkerThread = isWorkerThread;
    }

    @Override
    public void run() {
        Request request = new Request(Thread.currentThread(), id);
        Phase now;
        while ((now = phase.get()) != Phase.STOP) {
            boolean measured = now == Phase.MEASURE;
            request.prepare(payloads.next(), measured);
            long start = System.nanoTime();
            try {
                strategy.submit(request);
            } catch (HandoffClosedException | InterruptedException stopped) {
                return;
            }
            request.awaitReply();
            long end = System.nanoTime();
            if (measured) {
                account(request, end - start);
                lastMeasuredReplyNanos = end;
            }
            COMPLETED.setOpaque(this, completed + 1);
        }
    }

    private void account(Request request, long latencyNanos) {
        if (!isWorkerThread.test(request.servedBy())) {
            servedElsewhere++;
            noteProblem("request served on thread " + request.servedBy() + ", not the worker");
        }
        if (request.failed()) {
            measuredErrors++;
            noteProblem(request.error());
        } else if (!replyCheck.accepts(request.payload(), request.reply())) {
            badReplies++;
            noteProblem("reply '" + request.reply() + "' does not answer request " + request.payload());
        } else {
            measuredOk++;
            latencies.recordValue(latencyNanos);
        }
    }

    private void noteProblem(String problem) {
        if (firstProblem == null) {
            firstProblem = problem;
        }
    }

    /** Replies received so far, warm-up included. Any thread. */
    public long completed() {
        return (long) COMPLETED.getOpaque(this);
    }

    /** This client's latency recorder; the sampler takes interval histograms from it. */
    public SingleWriterRecorder latencies() {
        return latencies;
    }

    /** What the client saw while measuring. Only after its thread has been joined. */
    public Tally tally() {
        return new Tally(measuredOk, measuredErrors, badReplies, servedElsewhere, firstProblem, lastMeasuredReplyNanos);
    }

    /**
     * @param ok               measured requests answered correctly (their latencies are recorded)
     * @param errors           measured requests answered with an error by the reducer
     * @param badReplies       measured replies that do not answer their request: a broken handoff
     * @param servedElsewhere  measured requests not served on the worker thread: a broken worker
     * @param lastReplyNanos   {@link System#nanoTime()} of the last measured reply, 0 if none
     */
    public record Tally(long ok, long errors, long badReplies, long servedElsewhere, String firstProblem,
                        long lastReplyNanos) {
        public long received() {
            return ok + errors + badReplies;
        }
    }
}
