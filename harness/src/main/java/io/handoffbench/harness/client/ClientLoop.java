package io.handoffbench.harness.client;

import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * Many closed-loop clients on one thread, event-driven, as wrk's threads serve their connections: each client sends
 * a request (or a batch of K, pipelined), and sends the next when its reply comes back through the loop's reply
 * queue. A client is a few fields and its requests, not a thread with a stack, so what a request touches stays small
 * however many clients there are; with a thread per client, every reply wakes a thread that last ran a whole round
 * of the clients ago.
 *
 * <p>Each client means what a {@link ClosedLoopClient} (K = 1) or a {@link PipelinedClient} means: the phase is read
 * at each send, a request's latency runs from just before its {@code submit} to the loop taking its reply (pipelined:
 * to the worker's answer, the batch's round trip recorded apart), and a strategy that blocks in {@code submit} (a
 * rendezvous) blocks the whole loop there, as it blocks a thread per client.
 *
 * <p>Threading: {@link #run} executes on the loop's own thread, the only writer of its clients' ledgers, requests and
 * fields. Workers (or the runner failing queued requests at shutdown) hand each answered request to the reply queue
 * and unpark the loop ({@link Request}'s ordering rules: the queue's offer publishes the reply fields). An unpark
 * given while the loop is busy leaves a permit, so its next park returns at once and it polls again: no wake-up is
 * lost. {@link #unfinishedClients} reads the clients' fields racily, for diagnostics only.
 */
public final class ClientLoop implements Runnable {

    /** Replies are queued in chunks of this many slots; a chunk is reused once drained. */
    private static final int REPLY_QUEUE_CHUNK = 1024;

    private final HandoffStrategy<Request> strategy;
    private final Supplier<Phase> phase;
    private final Admission admission;
    private final List<Client> clients = new ArrayList<>();
    /** Client id to its place in {@link #clients}: ids are assigned round robin, {@code id = first + place x step}. */
    private final int firstClient;
    private final int step;
    private final MpscUnboundedXaddArrayQueue<Request> replies = new MpscUnboundedXaddArrayQueue<>(REPLY_QUEUE_CHUNK);

    /**
     * @param firstClient the id of this loop's first client; the others follow every {@code step} ids
     * @param admission   the cell's, told by the worker when it takes a request; unbounded (it never refuses, so the
     *                    loop does not ask): a refused client would need a retry schedule, which only the
     *                    thread-per-client kinds have
     */
    public ClientLoop(int firstClient, int step, HandoffStrategy<Request> strategy, Supplier<Phase> phase,
                      Admission admission) {
        if (admission.bounded()) {
            throw new IllegalArgumentException("an event loop's clients run without admission control");
        }
        this.firstClient = firstClient;
        this.step = step;
        this.strategy = strategy;
        this.phase = phase;
        this.admission = admission;
    }

    /**
     * Adds the client with the next id of this loop ({@code firstClient + clients x step}); before {@link #run}.
     *
     * @param depth K, the requests the client sends at once and waits for: 1 for a plain closed loop
     */
    public void add(int id, PrecomputedStreams.ClientStream stream, ClientLedger ledger, int depth) {
        if (id != firstClient + clients.size() * step) {
            throw new IllegalArgumentException("client " + id + " is not this loop's next, "
                    + (firstClient + clients.size() * step));
        }
        if (depth < 1) {
            throw new IllegalArgumentException("a client sends at least one request at a time, not " + depth);
        }
        clients.add(new Client(id, stream, ledger, depth));
    }

    @Override
    public void run() {
        Thread me = Thread.currentThread();
        for (Client client : clients) {
            client.makeRequests(me, replies, admission);
        }
        long inFlight = 0;
        for (Client client : clients) {
            inFlight += send(client);
        }
        while (inFlight > 0) {
            Request answered = replies.relaxedPoll();
            if (answered == null) {
                if (me.isInterrupted()) {
                    return; // the runner gave up on these clients and reports what is left
                }
                LockSupport.park(this);
                continue;
            }
            inFlight--;
            long resumed = System.nanoTime();
            Client client = clients.get((answered.clientId() - firstClient) / step);
            if (--client.outstanding > 0) {
                continue; // a pipelined batch still waits for other replies
            }
            client.settle(resumed);
            inFlight += send(client);
        }
    }

    /** Sends the client's next request (or batch) unless the run is stopping; returns how many left. */
    private int send(Client client) {
        Phase now = phase.get();
        if (now == Phase.STOP || client.stopped) {
            client.stopped = true;
            return 0;
        }
        boolean measured = now == Phase.MEASURE;
        int sent = 0;
        for (Request request : client.requests) {
            request.prepare(client.nextSequence, client.stream.payload(client.nextSequence), measured);
            client.ledger.submitted(request);
            long sentAt = request.stampSent();
            try {
                strategy.submit(request);
            } catch (HandoffClosedException | InterruptedException stopped) {
                if (stopped instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // the run loop sees it at its next park and returns
                }
                client.ledger.withdrawn(request);
                client.stopped = true;
                break;
            }
            client.nextSequence++;
            if (sent == 0) {
                client.firstSent = sentAt;
            }
            sent++;
        }
        client.sent = sent;
        client.outstanding = sent;
        client.measured = measured;
        return sent;
    }

    /**
     * The ids of the clients still running: those waiting for replies or not yet stopped. Any thread, racily, for
     * naming the clients of a loop that did not return.
     */
    public List<Integer> unfinishedClients() {
        List<Integer> unfinished = new ArrayList<>();
        for (Client client : clients) {
            if (client.outstanding > 0 || !client.stopped) {
                unfinished.add(client.id);
            }
        }
        return unfinished;
    }

    /**
     * One client of the loop: about 64 bytes here (a 12-byte header, four ints, three references, two longs, two
     * booleans), plus its requests (K of them, about 100 bytes each) and its ledger. Loop thread only.
     */
    private static final class Client {

        private final int id;
        private final PrecomputedStreams.ClientStream stream;
        private final ClientLedger ledger;
        private final int depth;
        private Request[] requests;
        /** Requests handed to the strategy so far: the next one's number. */
        private long nextSequence;
        /** The requests of the last send, the first {@code sent} of {@link #requests}. */
        private int sent;
        /** Replies of the last send still to come. */
        private int outstanding;
        private long firstSent;
        private boolean measured;
        /** It sends nothing more: the run is stopping, or the strategy was closed. */
        private boolean stopped;

        Client(int id, PrecomputedStreams.ClientStream stream, ClientLedger ledger, int depth) {
            this.id = id;
            this.stream = stream;
            this.ledger = ledger;
            this.depth = depth;
        }

        /** On the loop's thread, whose id the requests carry as their owner's. */
        void makeRequests(Thread loop, MpscUnboundedXaddArrayQueue<Request> replies, Admission admission) {
            requests = new Request[depth];
            for (int i = 0; i < depth; i++) {
                requests[i] = new Request(loop, id, replies, null, admission);
            }
        }

        /** Every reply of the last send has come; the loop took the last at {@code resumed}. */
        void settle(long resumed) {
            if (depth == 1) {
                ledger.answered(requests[0], resumed);
                return;
            }
            for (int i = 0; i < sent; i++) {
                ledger.answered(requests[i], requests[i].doneNanos(), resumed);
            }
            if (measured && sent > 0) {
                ledger.batchAnswered(firstSent, resumed);
            }
        }
    }
}
