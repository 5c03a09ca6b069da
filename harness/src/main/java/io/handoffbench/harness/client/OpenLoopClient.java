package io.handoffbench.harness.client;

import io.handoffbench.harness.cell.Arrivals;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * An open-loop client, as wrk2 drives a server: it sends each request at the time its schedule says, whether or
 * not earlier ones have been answered, and measures latency from that intended time, so a stall cannot hide behind
 * a client that stopped sending (coordinated omission). The latency from the actual send is recorded beside it.
 *
 * <p>A client may have many requests in flight. The worker hands each answered request to this client's reply
 * queue and unparks it; between sends the client takes the answers, records them, and gives up on the oldest
 * in-flight request once it is older than {@code --request-timeout}. Requests from one client are answered in the
 * order it sent them (the strategy keeps each producer's order), so the oldest in flight is the head of
 * {@link #inFlight}.
 *
 * <p>When a blocking strategy holds the client inside {@code submit} (a rendezvous waiting for the worker), later
 * sends leave late; their corrected latency counts the delay, the uncorrected does not.
 *
 * <p>wrk2's rule decides what is measured: a request is measured when its intended send time falls inside the
 * {@link MeasurementWindow}, however late it leaves. When the window closes the client stops sending and counts
 * every request due inside it that it never sent ({@code due_unsent}, with the lower bound of its latency: the end
 * of the window minus its intended time), then waits for what it has in flight.
 *
 * <p>A reply's latency ends when the worker answered it ({@link Request#doneNanos}): the client may take it from its
 * reply queue only later, after a {@code submit} that blocked, and that delay is the client's, not the reply's.
 *
 * <p>Threading: {@link #run} executes on the client's own thread; the reply queue is multi-producer (a worker, a
 * replacement worker, never two at once) and single-consumer (this thread).
 */
public final class OpenLoopClient implements LoadClient {

    private static final int REPLY_QUEUE_CHUNK = 256;

    private final int id;
    private final HandoffStrategy<Request> strategy;
    private final PrecomputedStreams.ClientStream stream;
    private final MeasurementWindow window;
    private final Admission admission;
    private final Arrivals.Gaps gaps;
    private final long firstSendOffsetNanos;
    private final long timeoutNanos;
    private final ClientLedger ledger;

    private final MpscUnboundedXaddArrayQueue<Request> replies = new MpscUnboundedXaddArrayQueue<>(REPLY_QUEUE_CHUNK);
    /** Sent, not yet settled, oldest first. Client thread only. */
    private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
    /** Answered requests ready to be prepared again. Client thread only. */
    private final ArrayDeque<Request> free = new ArrayDeque<>();
    /** Requests handed to the strategy so far: the next one's number. Client thread only. */
    private long nextSequence;

    /**
     * @param gaps                 this client's share of the schedule
     * @param firstSendOffsetNanos when its first send is due after it starts, so that clients interleave
     */
    public OpenLoopClient(int id, HandoffStrategy<Request> strategy, PrecomputedStreams.ClientStream stream,
                          MeasurementWindow window, Admission admission, Arrivals.Gaps gaps, long firstSendOffsetNanos,
                          Duration requestTimeout, ClientLedger ledger) {
        this.id = id;
        this.strategy = strategy;
        this.stream = stream;
        this.window = window;
        this.admission = admission;
        this.gaps = gaps;
        this.firstSendOffsetNanos = firstSendOffsetNanos;
        this.timeoutNanos = requestTimeout == null ? 0 : requestTimeout.toNanos();
        this.ledger = ledger;
    }

    @Override
    public void run() {
        long nextSend = System.nanoTime() + firstSendOffsetNanos;
        while (true) {
            settleAnswered();
            long clock = System.nanoTime();
            giveUpOnOverdue(clock);
            if (clock - nextSend < 0) {
                if (window.closed()) {
                    break;
                }
                LockSupport.parkNanos(this, Math.min(nextSend - clock, nextDeadline(clock)));
                continue;
            }
            MeasurementWindow.Due due = window.place(nextSend); // after the clock read: see MeasurementWindow
            if (due == MeasurementWindow.Due.CLOSED || !send(nextSend, due == MeasurementWindow.Due.MEASURED)) {
                break; // the window closed, or the strategy did (the worker failed): nextSend was not sent
            }
            nextSend += gaps.nextNanos();
        }
        countDueUnsent(nextSend);
        awaitInFlight();
    }

    /**
     * Once the window has closed: every request from {@code firstUnsent} on that was due inside it was never sent;
     * each is counted, with its latency's lower bound.
     */
    private void countDueUnsent(long firstUnsent) {
        if (!window.awaitClosed()) {
            return; // the runner gave up on this client; it reports what is left
        }
        long end = window.endNanos();
        for (long intended = firstUnsent; intended - end < 0; intended += gaps.nextNanos()) {
            if (window.contains(intended)) {
                ledger.dueUnsent(intended, end);
            }
        }
    }

    /** Sends one request meant to leave at {@code intendedNanos}; false if the strategy has been closed. */
    private boolean send(long intendedNanos, boolean measured) {
        Request request = free.pollFirst();
        if (request == null) {
            request = new Request(Thread.currentThread(), id, replies, null, admission);
        }
        request.prepare(nextSequence, stream.payload(nextSequence), measured, intendedNanos);
        ledger.submitted(request);
        if (!admission.tryAdmit()) {
            ledger.rejected(request, System.nanoTime());
            free.addFirst(request);
            return true;
        }
        request.stampSent();
        inFlight.addLast(request);
        try {
            strategy.submit(request);
        } catch (HandoffClosedException | InterruptedException stopped) {
            admission.cancelAdmit();
            inFlight.removeLast();
            ledger.withdrawn(request);
            return false;
        }
        nextSequence++;
        return true;
    }

    /** Takes every answer the worker has handed back, records it, and recycles the request. */
    private void settleAnswered() {
        Request answered;
        while ((answered = replies.relaxedPoll()) != null) {
            ledger.answered(answered, answered.doneNanos(), answered.doneNanos()); // when the reply arrived
            inFlight.remove(answered); // almost always the head: answers come in send order
            free.addFirst(answered);
        }
    }

    /** Gives up on in-flight requests older than the timeout; their late replies are discarded. */
    private void giveUpOnOverdue(long clock) {
        if (timeoutNanos == 0) {
            return;
        }
        Request oldest;
        while ((oldest = inFlight.peekFirst()) != null && clock - oldest.sentNanos() >= timeoutNanos) {
            if (!oldest.abandon()) {
                return; // answered just now; settleAnswered will take it
            }
            inFlight.removeFirst(); // never reused: the worker may still hold it
            ledger.timedOut(oldest, clock);
        }
    }

    /** How long until the oldest in-flight request times out, or a long time when none can. */
    private long nextDeadline(long clock) {
        Request oldest = inFlight.peekFirst();
        if (timeoutNanos == 0 || oldest == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, oldest.sentNanos() + timeoutNanos - clock);
    }

    /** After the last send: waits until every in-flight request is answered (or failed, or timed out). */
    private void awaitInFlight() {
        while (!inFlight.isEmpty()) {
            settleAnswered();
            long clock = System.nanoTime();
            giveUpOnOverdue(clock);
            if (!inFlight.isEmpty()) {
                LockSupport.parkNanos(this, Math.min(1_000_000, nextDeadline(clock)));
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // the runner gave up on this client; it reports what is left
            }
        }
    }
}
