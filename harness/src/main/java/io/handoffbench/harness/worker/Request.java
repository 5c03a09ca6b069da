package io.handoffbench.harness.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

/**
 * One request and the slot its reply comes back in. A client owns it and reuses it once its reply has come: it
 * fills it, submits it, waits for the reply (or gives up on it), and fills it again.
 *
 * <p>Threading and ordering:
 * <ol>
 *   <li>The client writes the {@link #prepare} fields and {@link #stampSent}, then submits; the strategy's
 *       happens-before edge makes them visible to the worker.</li>
 *   <li>The worker writes the reply fields and time stamps, then settles {@code state} PENDING to DONE with a CAS
 *       (a full fence), then, if it won, hands the request to the client's reply queue (open loop) and unparks
 *       the client.</li>
 *   <li>The client's acquire load of {@code state} seeing {@code DONE} (or its poll of the reply queue) makes the
 *       reply fields visible; only then may it prepare the request again.</li>
 *   <li>A client that stops waiting settles PENDING to ABANDONED with a CAS. Exactly one of the two CASes wins: a
 *       late reply is then discarded (counted in {@link Admission#lateReplies}; ABANDONED becomes ANSWERED_LATE) and
 *       the client never reuses an abandoned request, so a late write cannot corrupt a later request.</li>
 *   <li>A second answer to one delivery finds DONE or ANSWERED_LATE: a double completion, counted in
 *       {@link Admission#doubleCompletions}, never a late reply. One that comes after the client prepared the
 *       request again finds PENDING and wins; the reply names the request it answers ({@link #answeredSequence}),
 *       so the client sees that it is not the reply to the request it sent.</li>
 * </ol>
 */
public final class Request {

    /**
     * The error of a request the worker took after an open-loop run ended (a warm-up one at once, a measured one
     * when the drain ended): failed unserved, not run.
     */
    public static final String RUN_ENDED = "not served: the run ended while it was queued";

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private static final int ANSWERED_LATE = 3;
    /** No answer yet: not a client id or a sequence number. */
    private static final int NOBODY = -1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Request.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread client;
    private final int clientId;
    /** Where the worker hands a settled request in an open loop; null in a closed loop (the client waits on it). */
    private final Queue<Request> replies;
    /** A pipelined client's batch count: the last reply of the batch wakes the client; null otherwise. */
    private final ReplyLatch latch;
    private final Admission admission;

    // Client-written, read by the worker.
    private long sequence;
    private String payload;
    private boolean measured;
    private long intendedNanos;
    private long sentNanos;

    // Worker-written, read by the client after DONE.
    private String reply;
    private String error;
    private Thread servedBy;
    private long takenNanos;
    private long doneNanos;
    /** The client and sequence number of the request the worker answered, as it read them when it took it. */
    private int answeredClient = NOBODY;
    private long answeredSequence = NOBODY;

    @SuppressWarnings("unused") // accessed through STATE
    private int state = DONE;

    /** A closed-loop request owned by {@code client}, the only thread that may prepare it and wait for its reply. */
    public Request(Thread client, int clientId) {
        this(client, clientId, null, null, Admission.UNLIMITED);
    }

    /**
     * @param replies   the owner's reply queue (open loop), or null when the owner waits on this request
     * @param latch     the owner's batch count (pipelined closed loop), or null
     * @param admission the cell's admission control, told when the worker takes this request
     */
    public Request(Thread client, int clientId, Queue<Request> replies, ReplyLatch latch, Admission admission) {
        this.client = client;
        this.clientId = clientId;
        this.replies = replies;
        this.latch = latch;
        this.admission = admission;
    }

    /** Client thread: fills the request before submitting it; it is meant to be sent now. */
    public void prepare(long sequence, String payload, boolean measured) {
        prepare(sequence, payload, measured, System.nanoTime());
    }

    /**
     * Client thread: fills the request before submitting it.
     *
     * @param sequence      this client's count of requests handed to the strategy before this one: the worker checks
     *                      that each client's requests arrive once each, in order
     * @param intendedNanos when the schedule meant it to be sent ({@link System#nanoTime()}); latency corrected for
     *                      coordinated omission counts from here
     */
    public void prepare(long sequence, String payload, boolean measured, long intendedNanos) {
        this.sequence = sequence;
        this.payload = payload;
        this.measured = measured;
        this.intendedNanos = intendedNanos;
        this.sentNanos = intendedNanos;
        this.reply = null;
        this.error = null;
        this.servedBy = null;
        this.takenNanos = 0;
        this.doneNanos = 0;
        this.answeredClient = NOBODY;
        this.answeredSequence = NOBODY;
        STATE.set(this, PENDING);
    }

    /** Client thread, just before {@code submit}: the actual send time, returned. */
    public long stampSent() {
        sentNanos = System.nanoTime();
        return sentNanos;
    }

    /**
     * Client thread: parks until the worker replies; false if the thread was interrupted first (the runner gave up
     * on the client), with the interrupt status kept.
     */
    public boolean awaitReply() {
        while ((int) STATE.getAcquire(this) != DONE) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                return (int) STATE.getAcquire(this) == DONE;
            }
        }
        return true;
    }

    /**
     * Client thread: parks until the worker replies or {@code timeoutNanos} have passed; true if it replied. After
     * {@code false} the request may still be in flight: {@link #abandon} it, or at least do not prepare it again.
     */
    public boolean awaitReply(long timeoutNanos) {
        if ((int) STATE.getAcquire(this) == DONE) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while ((int) STATE.getAcquire(this) != DONE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    /**
     * Client thread: stops waiting for the reply. True if the request is now abandoned (its reply, if one ever
     * comes, is discarded); false if the reply won the race and is here to read.
     */
    public boolean abandon() {
        return STATE.compareAndSet(this, PENDING, ABANDONED);
    }

    /** Client thread, after the reply: true if the worker (or the runner, at shutdown) answered with an error. */
    public boolean failed() {
        return error != null;
    }

    public String reply() {
        return reply;
    }

    public String error() {
        return error;
    }

    /** The thread that served it: a worker's, if every handoff is correct. */
    public Thread servedBy() {
        return servedBy;
    }

    public int clientId() {
        return clientId;
    }

    /** The client's number for this request: 0, 1, 2, ... in the order it handed them to the strategy. */
    public long sequence() {
        return sequence;
    }

    public String payload() {
        return payload;
    }

    public boolean measured() {
        return measured;
    }

    public long intendedNanos() {
        return intendedNanos;
    }

    public long sentNanos() {
        return sentNanos;
    }

    /** When a worker took it from the strategy; 0 if none did (refused or failed at shutdown). */
    public long takenNanos() {
        return takenNanos;
    }

    /** When it was answered. */
    public long doneNanos() {
        return doneNanos;
    }

    /** Client thread, after the reply: the client id the answer names; -1 when none came. */
    public int answeredClient() {
        return answeredClient;
    }

    /** Client thread, after the reply: the sequence number the answer names; -1 when none came. */
    public long answeredSequence() {
        return answeredSequence;
    }

    /**
     * Client thread, after the reply: true when it names this request, the one the client sent as {@code sequence}.
     * The client compares with its own record, not a field the worker could have written.
     */
    public boolean answers(int client, long sequence) {
        return answeredClient == client && answeredSequence == sequence;
    }

    /**
     * Worker thread: the worker has taken this request from the strategy. Called once per delivery, before the
     * reducer.
     *
     * @return true to run it; false when the run has ended and queued requests are to be failed, not served
     */
    public boolean taken() {
        takenNanos = System.nanoTime();
        return admission.release(measured);
    }

    /** Worker thread: replies to the request as it is now and wakes the client; for code that serves it at once. */
    public void complete(String reply) {
        complete(clientId, sequence, reply);
    }

    /**
     * Worker thread: replies and wakes the client. The request must not be touched after this.
     *
     * @param client   the client id the worker read when it took the request
     * @param sequence the sequence number it read then: the reply names the request it answers
     */
    public void complete(int client, long sequence, String reply) {
        this.reply = reply;
        finish(client, sequence);
    }

    /** Worker thread: replies with an error to the request as it is now and wakes the client. */
    public void fail(String error) {
        fail(clientId, sequence, error);
    }

    /** Worker thread (or the runner failing what is left at shutdown): replies with an error and wakes the client. */
    public void fail(int client, long sequence, String error) {
        this.error = error;
        finish(client, sequence);
    }

    private void finish(int answersClient, long answersSequence) {
        answeredClient = answersClient;
        answeredSequence = answersSequence;
        doneNanos = System.nanoTime();
        servedBy = Thread.currentThread();
        Thread waiter = client; // read before the CAS: after it the client may reuse this request
        Queue<Request> queue = replies;
        ReplyLatch batch = latch;
        if (!STATE.compareAndSet(this, PENDING, DONE)) {
            if (!STATE.compareAndSet(this, ABANDONED, ANSWERED_LATE)) {
                admission.doubleCompletion(); // DONE or ANSWERED_LATE: this delivery was answered already
            } else if (measured) {
                admission.lateReply(); // the client gave up on it; discard
            }
            return;
        }
        if (queue != null) {
            queue.offer(this);
            LockSupport.unpark(waiter);
        } else if (batch != null) {
            batch.arrived(); // wakes the client on the batch's last reply
        } else {
            LockSupport.unpark(waiter);
        }
    }
}
