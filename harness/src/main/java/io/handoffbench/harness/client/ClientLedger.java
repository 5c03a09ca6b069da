package io.handoffbench.harness.client;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.Request;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One client's account of its requests: what it submitted and how each ended (answered, error, rejected, timed
 * out), and the latency histograms of the answered ones, end to end and by stage.
 *
 * <p>Latency is from the intended send time (open loop: the schedule's; closed loop: just before {@code submit})
 * to the moment the client's thread runs again with the reply. In an open loop the latency from the actual send
 * is recorded beside it ({@code uncorrected}): the difference is what coordinated omission would hide. The stages
 * split an answered request's time: queue wait (sent to taken by the worker), service (the reducer), and reply
 * (answered to the client running again).
 *
 * <p>An open loop also counts what has no latency to record: measured requests due but never sent, and those sent but
 * failed unanswered when the drain after the measurement ended ({@code censored}). Each has a lower bound of its
 * latency, kept apart in {@link #censored()}: the time from its intended send to the end of the measurement (never
 * sent) or to the moment the worker gave up on it (sent).
 *
 * <p>Threading: written by the client's thread only. The end-to-end recorder is a {@link SingleWriterRecorder},
 * read once a second by the sampler thread; the other histograms are plain, read only after the client's thread has
 * been joined, so the sampler never copies them (at 512 clients, copying five histograms per client each second
 * cost the cell a third of its throughput). {@link #settled()} may be read by any thread at any time, the rest only
 * after the client's thread has been joined.
 */
public final class ClientLedger {

    private static final VarHandle SETTLED;
    private static final int STAGE_DIGITS = 2;

    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(ClientLedger.class, "settled", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean openLoop;
    private final Workload.ReplyCheck replyCheck;
    private final Predicate<Thread> isWorkerThread;
    private final SingleWriterRecorder latency = new SingleWriterRecorder(3);
    private final Histogram uncorrected = new Histogram(3);
    /** Open loop: lower bounds of the latencies of measured requests never answered, sent or not. */
    private final Histogram censored = new Histogram(3);
    // Two significant digits: means and percentiles of a breakdown, a seventh of the memory of three.
    private final Histogram queueWait = new Histogram(STAGE_DIGITS);
    private final Histogram service = new Histogram(STAGE_DIGITS);
    private final Histogram reply = new Histogram(STAGE_DIGITS);
    /** Pipelined clients: each measured batch's round trip, first send to the client running with the last reply. */
    private final Histogram batch = new Histogram(3);
    /**
     * Good replies per slot of the client's precomputed stream, warm-up included, for the end-state check.
     */
    private final int[] goodRepliesPerSlot;
    private final int slotMask;

    @SuppressWarnings("unused") // accessed through SETTLED: every answer, warm-up included
    private long settled;
    private long due;
    private long submitted;
    private long completed;
    private long errors;
    private long censoredCount;
    private long dueUnsent;
    private long rejected;
    private long timeouts;
    private long badReplies;
    private long servedElsewhere;
    private String firstProblem;
    private long lastAnswerNanos;

    /**
     * @param streamLength the length of the client's precomputed stream (a power of two): the ledger counts the good
     *                     replies to each of its slots, for the end-state check
     */
    public ClientLedger(boolean openLoop, Workload.ReplyCheck replyCheck, Predicate<Thread> isWorkerThread,
                        int streamLength) {
        this.openLoop = openLoop;
        this.replyCheck = replyCheck;
        this.isWorkerThread = isWorkerThread;
        this.goodRepliesPerSlot = new int[streamLength];
        this.slotMask = streamLength - 1;
    }

    /** The client meant to send a measured request (whether it is then admitted or rejected). */
    void submitted(Request request) {
        if (request.measured()) {
            due++;
            submitted++;
        }
    }

    /** The strategy was closed before the request left (the worker failed, or the run is stopping): not sent. */
    void withdrawn(Request request) {
        if (request.measured()) {
            due--;
            submitted--;
        }
    }

    /**
     * Open loop: a measured request due at {@code intendedNanos} was never sent before the measurement ended at
     * {@code endNanos}; its latency is at least the difference.
     */
    void dueUnsent(long intendedNanos, long endNanos) {
        due++;
        dueUnsent++;
        censored.recordValue(endNanos - intendedNanos);
    }

    /** Admission control refused the request: it never reached the strategy. */
    void rejected(Request request, long nowNanos) {
        if (request.measured()) {
            rejected++;
            lastAnswerNanos = nowNanos;
        }
        countSettled();
    }

    /** The client stopped waiting for it (the reply, if one comes, is discarded). */
    void timedOut(Request request, long nowNanos) {
        if (request.measured()) {
            timeouts++;
            lastAnswerNanos = nowNanos;
        }
        countSettled();
    }

    /** The worker's answer reached the client's thread at {@code resumedNanos}; its latency ends there too. */
    void answered(Request request, long resumedNanos) {
        answered(request, resumedNanos, resumedNanos);
    }

    /**
     * The worker's answer reached the client's thread at {@code resumedNanos}; its latency ends at
     * {@code answeredNanos} (a pipelined client's: when the worker answered, not when the batch's last reply woke it).
     */
    void answered(Request request, long answeredNanos, long resumedNanos) {
        countSettled();
        // The request's client id and sequence are this client's own writes; the answer's are the worker's.
        boolean answersIt = request.answers(request.clientId(), request.sequence());
        if (answersIt && !request.failed()) {
            goodRepliesPerSlot[(int) (request.sequence() & slotMask)]++;
        }
        if (!request.measured()) {
            return;
        }
        if (request.takenNanos() != 0 && !isWorkerThread.test(request.servedBy())) {
            servedElsewhere++;
            noteProblem("request served on thread " + request.servedBy() + ", not a worker");
        }
        if (answersIt && Request.RUN_ENDED.equals(request.error())) {
            // Failed unanswered when the drain ended (open loop): its latency is at least the time until then.
            censoredCount++;
            censored.recordValue(request.doneNanos() - request.intendedNanos());
            return;
        }
        lastAnswerNanos = resumedNanos;
        if (!answersIt) {
            badReplies++; // whatever it says, it is not the answer to this request
            noteProblem("client " + request.clientId() + " request " + request.sequence() + " got the answer to client "
                    + request.answeredClient() + " request " + request.answeredSequence());
        } else if (request.failed()) {
            errors++;
            noteProblem(request.error());
        } else if (!replyCheck.accepts(request.payload(), request.reply())) {
            badReplies++;
            noteProblem("reply '" + request.reply() + "' does not answer request " + request.payload());
        } else {
            completed++;
            latency.recordValue(answeredNanos - request.intendedNanos());
            if (openLoop) {
                uncorrected.recordValue(answeredNanos - request.sentNanos());
            }
            queueWait.recordValue(Math.max(0, request.takenNanos() - request.sentNanos()));
            service.recordValue(Math.max(0, request.doneNanos() - request.takenNanos()));
            reply.recordValue(Math.max(0, resumedNanos - request.doneNanos()));
        }
    }

    /** A pipelined client's measured batch: from its first send to the client running with its last reply. */
    void batchAnswered(long firstSentNanos, long resumedNanos) {
        batch.recordValue(Math.max(0, resumedNanos - firstSentNanos));
    }

    private void countSettled() {
        SETTLED.setOpaque(this, settled + 1);
    }

    private void noteProblem(String problem) {
        if (firstProblem == null) {
            firstProblem = problem;
        }
    }

    /** Requests settled so far (answered, rejected or timed out), warm-up included. Any thread. */
    public long settled() {
        return (long) SETTLED.getOpaque(this);
    }

    /** End-to-end latency of answered requests, from the intended send time. */
    public SingleWriterRecorder latency() {
        return latency;
    }

    /** Open loop only: latency from the actual send time, blind to coordinated omission. After the join. */
    public Histogram uncorrected() {
        return uncorrected;
    }

    /** Open loop only: lower bounds of the latencies of measured requests never answered. After the join. */
    public Histogram censored() {
        return censored;
    }

    /** Submitted to taken by the worker. After the join. */
    public Histogram queueWait() {
        return queueWait;
    }

    /** Taken to answered: the reducer. After the join. */
    public Histogram service() {
        return service;
    }

    /** Answered to the client's thread running again. After the join. */
    public Histogram reply() {
        return reply;
    }

    /** Pipelined clients' measured batches, first send to last reply. After the join. */
    public Histogram batch() {
        return batch;
    }

    /**
     * Good replies to each slot of the client's stream, warm-up included. After the join.
     */
    public int[] goodRepliesPerSlot() {
        return goodRepliesPerSlot;
    }

    /** What the client saw while measuring. Only after its thread has been joined. */
    public Tally tally() {
        return new Tally(submitted, completed, errors, censoredCount, rejected, timeouts, badReplies, servedElsewhere,
                firstProblem, lastAnswerNanos, due, dueUnsent);
    }

    /**
     * Measured requests only: those whose send was due while measuring (open loop: by intended time; closed loop:
     * sent while measuring). When nothing was lost, {@code due == completed + errors + rejected + timeouts + censored
     * + dueUnsent} (a bad reply is in none of these, so it shows as lost too).
     *
     * @param submitted       requests sent (handed to admission control, admitted or not)
     * @param completed       answered correctly (their latencies are recorded)
     * @param errors          answered with an error: by the reducer, or a trap
     * @param censored        sent but never answered: failed unserved when the drain after an open-loop run ended
     * @param rejected        refused by admission control ({@code --max-queue})
     * @param timeouts        given up on after {@code --request-timeout}
     * @param badReplies      replies that do not answer their request: a broken handoff
     * @param servedElsewhere requests not served on a worker thread: a broken worker
     * @param lastAnswerNanos {@link System#nanoTime()} of the last measured answer, 0 if none
     * @param due             requests due: {@code submitted} plus {@code dueUnsent}
     * @param dueUnsent       open loop: due inside the window but never sent (the client was behind its schedule)
     */
    public record Tally(long submitted, long completed, long errors, long censored, long rejected, long timeouts,
                        long badReplies, long servedElsewhere, String firstProblem, long lastAnswerNanos, long due,
                        long dueUnsent) {

        /** Replies the worker delivered to this client. */
        public long received() {
            return completed + errors + badReplies;
        }

        /** How the measured requests ended, as results report it; {@code lateReplies} are counted apart. */
        public CellResult.Accounting accounting(long lateReplies) {
            return new CellResult.Accounting(submitted, completed, errors, censored, rejected, timeouts, lateReplies,
                    due, dueUnsent);
        }

        /** Nothing yet: the start of a sum over clients. */
        public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0);

        /** This client's tally and {@code other}'s together: counts summed, the first problem seen, the last answer. */
        public Tally plus(Tally other) {
            return new Tally(submitted + other.submitted, completed + other.completed, errors + other.errors,
                    censored + other.censored, rejected + other.rejected, timeouts + other.timeouts,
                    badReplies + other.badReplies, servedElsewhere + other.servedElsewhere,
                    firstProblem != null ? firstProblem : other.firstProblem,
                    Math.max(lastAnswerNanos, other.lastAnswerNanos), due + other.due, dueUnsent + other.dueUnsent);
        }
    }
}
