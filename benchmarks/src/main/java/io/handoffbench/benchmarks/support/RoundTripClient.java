package io.handoffbench.benchmarks.support;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.Collection;

/**
 * One benchmark thread's side of a round trip, as the harness's closed-loop client does it: fill the thread's one
 * {@link Request}, submit it through the strategy, park until the worker replies, check the reply.
 *
 * <p>The wait has a deadline ({@link #REPLY_TIMEOUT}): a strategy that loses a request fails the
 * benchmark instead of hanging it. Every other wrong answer (an error reply, a reply that does not answer this
 * request, a request served off the worker thread) is counted and reported by the benchmark's {@code @TearDown}
 * through {@link #check}.
 *
 * <p>Threading: one JMH thread at a time uses an instance. {@link #bindTo} (from a per-iteration {@code @Setup},
 * which JMH runs on the thread that then measures) keeps the request's owner right if JMH ever hands the state to
 * another thread. The counters are plain fields: the benchmark's trial {@code @TearDown} reads them after JMH's
 * pre-teardown barrier (a {@code CountDownLatch} every benchmark thread passes after its last operation), which
 * orders every write here before that read.
 */
public final class RoundTripClient {

    /** How long a client waits for a reply before it declares the request lost. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final int id;
    private final long replyTimeoutNanos;
    private final Payloads payloads;
    private final Workload.ReplyCheck replyCheck;

    private Request request;
    private Thread boundTo;

    private long roundTrips;
    private long wrongReplies;
    private String firstProblem;

    /**
     * @param id         the client id written into the payloads
     * @param replyCheck how a reply must relate to its request ({@code noop}: equal; {@code transfer}: a verdict)
     */
    public RoundTripClient(int id, Workload.ReplyCheck replyCheck) {
        this(id, replyCheck, REPLY_TIMEOUT);
    }

    /** With another deadline for a reply, for tests. */
    public RoundTripClient(int id, Workload.ReplyCheck replyCheck, Duration replyTimeout) {
        this.id = id;
        this.replyTimeoutNanos = replyTimeout.toNanos();
        this.payloads = new Payloads(id);
        this.replyCheck = replyCheck;
    }

    /** The measuring thread, before each iteration: the request wakes this thread when its reply comes. */
    public void bindTo(Thread thread) {
        if (boundTo != thread) {
            request = new Request(thread, id);
            boundTo = thread;
        }
    }

    /**
     * One round trip, on the bound thread. Returns the reply, for JMH to sink.
     *
     * @throws IllegalStateException when no reply comes within the deadline: the strategy lost the request
     */
    public String roundTrip(HandoffStrategy<Request> strategy, Thread worker) throws InterruptedException {
        String payload = payloads.next();
        request.prepare(roundTrips, payload, true);
        strategy.submit(request);
        if (!request.awaitReply(replyTimeoutNanos)) {
            throw new IllegalStateException("client " + id + " got no reply within "
                    + Duration.ofNanos(replyTimeoutNanos).toMillis() + " ms to " + payload
                    + ": the strategy lost it, or the worker is stuck");
        }
        roundTrips++;
        String reply = request.reply();
        if (request.failed() || request.servedBy() != worker || !replyCheck.accepts(payload, reply)) {
            wrongReply(payload, reply);
        }
        return reply;
    }

    private void wrongReply(String payload, String reply) {
        if (wrongReplies++ == 0) {
            firstProblem = request.failed()
                    ? "error reply '" + request.error() + "' to " + payload
                    : request.servedBy() == null || !replyCheck.accepts(payload, reply)
                            ? "reply '" + reply + "' does not answer " + payload
                            : "served on " + request.servedBy().getName() + ", not the worker";
        }
    }

    public long roundTrips() {
        return roundTrips;
    }

    /**
     * Adds to {@code check} what the clients saw: no wrong reply, and exactly {@code served} round trips in all,
     * the number of requests the worker says it handled (more would mean a request delivered twice).
     */
    public static void check(Collection<RoundTripClient> clients, long served, SelfCheck check) {
        long roundTrips = 0;
        for (RoundTripClient client : clients) {
            roundTrips += client.roundTrips;
            check.require(client.wrongReplies == 0,
                    "client " + client.id + ": " + client.wrongReplies + " wrong replies, first: " + client.firstProblem);
        }
        check.require(roundTrips == served,
                "the worker served " + served + " requests but the clients completed " + roundTrips + " round trips");
        check.require(roundTrips > 0, "no round trip completed");
    }
}
