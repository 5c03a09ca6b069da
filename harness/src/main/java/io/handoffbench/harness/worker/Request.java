package io.handoffbench.harness.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One request and the slot its reply comes back in. A closed-loop client owns one and reuses it: it fills it,
 * submits it, waits for the reply, and fills it again.
 *
 * <p>Threading and ordering:
 * <ol>
 *   <li>The client writes {@link #prepare} fields, then submits; the strategy's happens-before edge makes them
 *       visible to the worker.</li>
 *   <li>The worker writes the reply fields, then the release store of {@code state}, then unparks the client.</li>
 *   <li>The client's acquire load of {@code state} seeing {@code DONE} makes the reply fields visible; only then
 *       may it prepare the request again.</li>
 * </ol>
 */
public final class Request {

    private static final int PENDING = 0;
    private static final int DONE = 1;
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

    // Client-written, read by the worker.
    private String payload;
    private boolean measured;

    // Worker-written, read by the client after DONE.
    private String reply;
    private String error;
    private Thread servedBy;
    private long takenNanos;

    @SuppressWarnings("unused") // accessed through STATE
    private int state = DONE;

    /** A request owned by {@code client}, the only thread that may prepare it and wait for its reply. */
    public Request(Thread client, int clientId) {
        this.client = client;
        this.clientId = clientId;
    }

    /** Client thread: fills the request before submitting it. */
    public void prepare(String payload, boolean measured) {
        this.payload = payload;
        this.measured = measured;
        this.reply = null;
        this.error = null;
        this.servedBy = null;
        STATE.set(this, PENDING);
    }

    /** Client thread: parks until the worker replies. */
    public void awaitReply() {
        while ((int) STATE.getAcquire(this) != DONE) {
            LockSupport.park(this);
        }
    }

    /**
     * Client thread: parks until the worker replies or {@code timeoutNanos} have passed; true if it replied. For
     * callers that must not hang on a request a broken strategy lost (the JMH benchmarks). After {@code false}
     * the request may still be in flight: do not prepare it again.
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

    /** Client thread, after {@link #awaitReply}: true if the worker answered with an error. */
    public boolean failed() {
        return error != null;
    }

    public String reply() {
        return reply;
    }

    public String error() {
        return error;
    }

    /** The thread that served it: the worker's, if every handoff is correct. */
    public Thread servedBy() {
        return servedBy;
    }

    public int clientId() {
        return clientId;
    }

    public String payload() {
        return payload;
    }

    public boolean measured() {
        return measured;
    }

    /**
     * Worker thread: the worker has taken this request from the strategy and is about to run it. Called once per
     * delivery, before the reducer.
     */
    public void taken() {
        takenNanos = System.nanoTime();
    }

    /** Worker-written when taken; read by the client after DONE. */
    public long takenNanos() {
        return takenNanos;
    }

    /** Worker thread: replies and wakes the client. The request must not be touched after this. */
    public void complete(String reply) {
        this.reply = reply;
        finish();
    }

    /** Worker thread: replies with an error and wakes the client. */
    public void fail(String error) {
        this.error = error;
        finish();
    }

    private void finish() {
        this.servedBy = Thread.currentThread();
        Thread waiter = client; // read before the release store: after it the client may reuse this request
        STATE.setRelease(this, DONE);
        LockSupport.unpark(waiter);
    }
}
