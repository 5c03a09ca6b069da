package io.handoffbench.harness.client;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.Request;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * One client's account of its requests: what it submitted and how each ended (answered, error, rejected, timed
 * out); the latencies of the answered ones, end to end and by stage, go to the cell's shared
 * {@link StripedLatencyRecorder}, so that a client's own state stays small.
 *
 * <p>Latency is from the intended send time (open loop: the schedule's; closed loop: just before {@code submit})
 * to the moment the client's thread runs again with the reply. In an open loop the latency from the actual send
 * is recorded beside it ({@code uncorrected}): the difference is what coordinated omission would hide. The stages
 * split an answered request's time: queue wait (sent to taken by the worker), service (the reducer), and reply
 * (answered to the client running again).
 *
 * <p>An open loop also counts what has no latency to record: measured requests due but never sent, and those sent but
 * failed unanswered when the drain after the measurement ended ({@code censored}). Each has a lower bound of its
 * latency, kept apart in the cell's {@code censored} series: the time from its intended send to the end of the
 * measurement (never sent) or to the moment the worker gave up on it (sent).
 *
 * <p>Memory per client: this object (about 120 bytes: ten counters, a few references) and its good-replies array
 * (4 bytes per slot of the client's stream, 16 + 4 x length bytes; the streams hold 2^18 slots in all, at least 16
 * per client). {@code ClientLedgerFootprintTest} measures it.
 *
 * <p>Threading: written by the client's thread only (the latencies through its stripe's monitor, see
 * {@link StripedLatencyRecorder}). {@link #settled()} may be read by any thread at any time, the rest only after
 * the client's thread has been joined.
 */
public final class ClientLedger {

    private static final VarHandle SETTLED;

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
    /** This client's share of the cell's latency histograms. */
    private final StripedLatencyRecorder.Stripe latencies;
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
     * @param clientId     which of the cell's clients this is: it picks the client's stripe of {@code latencies}
     * @param latencies    the cell's latency histograms; this client records into its stripe
     */
    public ClientLedger(boolean openLoop, Workload.ReplyCheck replyCheck, Predicate<Thread> isWorkerThread,
                        int streamLength, int clientId, StripedLatencyRecorder latencies) {
        this.openLoop = openLoop;
        this.replyCheck = replyCheck;
        this.isWorkerThread = isWorkerThread;
        this.goodRepliesPerSlot = new int[streamLength];
        this.slotMask = streamLength - 1;
        this.latencies = latencies.stripeFor(clientId);
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
        latencies.censored(endNanos - intendedNanos);
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
            latencies.censored(request.doneNanos() - request.intendedNanos());
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
            latencies.answered(answeredNanos - request.intendedNanos(),
                    openLoop ? answeredNanos - request.sentNanos() : StripedLatencyRecorder.NOT_OPEN_LOOP,
                    Math.max(0, request.takenNanos() - request.sentNanos()),
                    Math.max(0, request.doneNanos() - request.takenNanos()),
                    Math.max(0, resumedNanos - request.doneNanos()));
        }
    }

    /** A pipelined client's measured batch: from its first send to the client running with its last reply. */
    void batchAnswered(long firstSentNanos, long resumedNanos) {
        latencies.batch(Math.max(0, resumedNanos - firstSentNanos));
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
