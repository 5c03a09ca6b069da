package io.handoffbench.harness.client;

import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.ReplyLatch;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import java.util.function.Supplier;

/**
 * A pipelined closed-loop client, as SpacetimeDB's keynote client drives its server ({@code redis-benchmark -P}
 * likewise): it submits a batch of K requests back to back, waits until all K are answered, then sends the next K.
 * A strategy that blocks in {@code submit} (a rendezvous) blocks it there for each request, as the seed's channel
 * blocked its senders.
 *
 * <p>The worker wakes it once per batch, on the last reply ({@link ReplyLatch}). A request's latency runs from its
 * submit to the worker's answer; the batch's round trip (first submit to this thread running with the last reply)
 * is recorded apart ({@link ClientLedger#batch}). The reply stage of each request then includes the wait for the
 * rest of its batch.
 *
 * <p>Threading: {@link #run} executes on the client's own thread, the only writer of its ledger, its requests and
 * its latch.
 */
public final class PipelinedClient implements LoadClient {

    private final int id;
    private final HandoffStrategy<Request> strategy;
    private final PrecomputedStreams.ClientStream stream;
    private final Supplier<Phase> phase;
    private final Admission admission;
    private final int depth;
    private final ClientLedger ledger;
    /** Requests handed to the strategy so far: the next one's number. Client thread only. */
    private long nextSequence;

    /** @param depth K, the requests in one batch: at least 1 */
    public PipelinedClient(int id, HandoffStrategy<Request> strategy, PrecomputedStreams.ClientStream stream,
                           Supplier<Phase> phase, Admission admission, int depth, ClientLedger ledger) {
        if (depth < 1) {
            throw new IllegalArgumentException("a batch holds at least one request, not " + depth);
        }
        this.id = id;
        this.strategy = strategy;
        this.stream = stream;
        this.phase = phase;
        this.admission = admission;
        this.depth = depth;
        this.ledger = ledger;
    }

    @Override
    public void run() {
        Thread me = Thread.currentThread();
        ReplyLatch latch = new ReplyLatch(me);
        Request[] slots = new Request[depth];
        for (int i = 0; i < depth; i++) {
            slots[i] = new Request(me, id, null, latch, admission);
        }
        Request[] sent = new Request[depth];
        Phase now;
        while ((now = phase.get()) != Phase.STOP) {
            boolean measured = now == Phase.MEASURE;
            latch.expect(depth); // before the first submit: the worker may answer it before the second leaves
            int count = 0;
            long firstSent = 0;
            boolean closed = false;
            for (Request request : slots) {
                if (closed) {
                    latch.cancelOne();
                    continue;
                }
                request.prepare(nextSequence, stream.payload(nextSequence), measured);
                ledger.submitted(request);
                if (!admission.tryAdmit()) {
                    ledger.rejected(request, System.nanoTime());
                    latch.cancelOne();
                    continue;
                }
                long sentAt = request.stampSent();
                try {
                    strategy.submit(request);
                } catch (HandoffClosedException | InterruptedException stopped) {
                    admission.cancelAdmit();
                    ledger.withdrawn(request);
                    latch.cancelOne();
                    closed = true;
                    continue;
                }
                nextSequence++;
                if (count == 0) {
                    firstSent = sentAt;
                }
                sent[count++] = request;
            }
            if (!latch.await()) {
                return; // interrupted: the runner gave up on this client and reports what is left
            }
            long resumed = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ledger.answered(sent[i], sent[i].doneNanos(), resumed);
            }
            if (measured && count > 0) {
                ledger.batchAnswered(firstSent, resumed);
            }
            if (closed) {
                return;
            }
            if (count == 0) {
                Thread.yield(); // every request refused: a refused client must not spin the worker off its core
            }
        }
    }
}
