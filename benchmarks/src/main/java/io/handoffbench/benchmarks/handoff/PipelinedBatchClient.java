package io.handoffbench.benchmarks.handoff;

import io.handoffbench.benchmarks.support.Payloads;
import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.ReplyLatch;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;

/**
 * One pipelined connection, as the harness's {@code PipelinedClient} drives the worker at {@code --pipeline=K}:
 * submit K requests back to back from K reused {@link Request} slots, wait once for the batch's last reply (one
 * wake-up per batch), check every reply, repeat. Payloads are made before measuring, so a batch allocates nothing
 * of its own: what a batch allocates is the handoff's and the reply path's.
 *
 * <p>The wait has a deadline ({@link #REPLY_TIMEOUT}): a strategy that loses a request fails the batch instead of
 * hanging the benchmark. Wrong replies are counted and reported through {@link #check}.
 *
 * <p>Threading: one thread at a time runs {@link #batch}; {@link #bindTo} makes it the thread the worker wakes. The
 * counters are plain fields read by {@link #check} after that thread has stopped (JMH's pre-teardown barrier, or a
 * join in tests).
 */
final class PipelinedBatchClient {

    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final int id;
    private final int depth;
    private final long replyTimeoutNanos;
    private final String[] payloads;

    private Request[] slots;
    private ReplyLatch latch;
    private Thread boundTo;

    private long nextSequence;
    private long answered;
    private long wrongReplies;
    private String firstProblem;

    /** @param depth K, the requests in one batch */
    PipelinedBatchClient(int id, int depth, Duration replyTimeout) {
        this.id = id;
        this.depth = depth;
        this.replyTimeoutNanos = replyTimeout.toNanos();
        Payloads ring = new Payloads(id);
        this.payloads = new String[depth];
        for (int i = 0; i < depth; i++) {
            payloads[i] = new String(ring.next()); // a distinct object per slot: a reply is checked by identity
        }
    }

    /** The thread about to run batches: the worker's last reply of each batch wakes it. */
    void bindTo(Thread thread) {
        if (boundTo != thread) {
            latch = new ReplyLatch(thread);
            slots = new Request[depth];
            for (int i = 0; i < depth; i++) {
                slots[i] = new Request(thread, id, null, latch, Admission.UNLIMITED);
            }
            boundTo = thread;
        }
    }

    /**
     * One batch on the bound thread: K submits, one wait, K checks. Returns the number of requests answered.
     *
     * @throws IllegalStateException when the batch is not fully answered within the deadline: a request was lost
     */
    int batch(HandoffStrategy<Request> strategy, Thread worker) throws InterruptedException {
        latch.expect(depth); // before the first submit: the worker may answer it before the second leaves
        for (int i = 0; i < depth; i++) {
            slots[i].prepare(nextSequence++, payloads[i], true);
            strategy.submit(slots[i]);
        }
        if (!latch.await(replyTimeoutNanos)) {
            throw new IllegalStateException("client " + id + ": " + latch.outstanding() + " of " + depth
                    + " requests got no reply within " + Duration.ofNanos(replyTimeoutNanos).toMillis()
                    + " ms: the strategy lost them, or the worker is stuck");
        }
        for (int i = 0; i < depth; i++) {
            Request request = slots[i];
            if (request.failed() || request.servedBy() != worker || request.reply() != payloads[i]) {
                wrongReply(request, payloads[i]);
            }
        }
        answered += depth;
        return depth;
    }

    private void wrongReply(Request request, String payload) {
        if (wrongReplies++ == 0) {
            firstProblem = request.failed() ? "error reply '" + request.error() + "' to " + payload
                    : request.reply() != payload ? "reply '" + request.reply() + "' does not answer " + payload
                    : "served on " + request.servedBy() + ", not the worker";
        }
    }

    /** Adds what this client saw to {@code check}: no wrong reply, and as many answers as the worker served. */
    static void check(Iterable<PipelinedBatchClient> clients, long served, SelfCheck check) {
        long answered = 0;
        for (PipelinedBatchClient client : clients) {
            answered += client.answered;
            check.require(client.wrongReplies == 0,
                    "client " + client.id + ": " + client.wrongReplies + " wrong replies, first: " + client.firstProblem);
        }
        check.require(answered == served,
                "the worker served " + served + " requests but the clients had " + answered + " answered");
        check.require(answered > 0, "no batch completed");
    }
}
