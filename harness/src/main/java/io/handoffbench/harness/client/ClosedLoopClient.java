package io.handoffbench.harness.client;

import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A closed-loop client: takes its next request from its precomputed stream, submits it through the strategy, waits
 * for the reply, and only then sends the next. Latency is from just before {@code submit} to the moment this thread
 * runs again with the reply; it includes any time blocked inside {@code submit}.
 *
 * <p>With {@code --max-queue} a request the admission control refuses is counted as rejected and the client yields
 * before its next one; with {@code --request-timeout} the client gives up waiting, counts a timeout and sends its
 * next request in a fresh {@link Request} (the abandoned one may still be answered; its reply is discarded).
 *
 * <p>Threading: {@link #run} executes on the client's own thread (virtual or platform), the only writer of its
 * ledger.
 */
public final class ClosedLoopClient implements LoadClient {

    private final int id;
    private final HandoffStrategy<Request> strategy;
    private final PrecomputedStreams.ClientStream stream;
    private final Supplier<Phase> phase;
    private final Admission admission;
    /** 0 for no timeout. */
    private final long timeoutNanos;
    private final ClientLedger ledger;
    /** Requests handed to the strategy so far: the next one's number. Client thread only. */
    private long nextSequence;

    public ClosedLoopClient(int id, HandoffStrategy<Request> strategy, PrecomputedStreams.ClientStream stream,
                            Supplier<Phase> phase, Admission admission, Duration requestTimeout,
                            ClientLedger ledger) {
        this.id = id;
        this.strategy = strategy;
        this.stream = stream;
        this.phase = phase;
        this.admission = admission;
        this.timeoutNanos = requestTimeout == null ? 0 : requestTimeout.toNanos();
        this.ledger = ledger;
    }

    @Override
    public void run() {
        Request request = new Request(Thread.currentThread(), id, null, null, admission);
        Phase now;
        while ((now = phase.get()) != Phase.STOP) {
            request.prepare(nextSequence, stream.payload(nextSequence), now == Phase.MEASURE);
            ledger.submitted(request);
            if (!admission.tryAdmit()) {
                ledger.rejected(request, System.nanoTime());
                Thread.yield(); // a refused client must not spin the worker off its core
                continue;
            }
            request.stampSent();
            try {
                strategy.submit(request);
            } catch (HandoffClosedException | InterruptedException stopped) {
                admission.cancelAdmit();
                ledger.withdrawn(request);
                return;
            }
            nextSequence++;
            if (timeoutNanos == 0) {
                if (!request.awaitReply()) {
                    return; // interrupted: the runner gave up on this client and reports what is left
                }
            } else if (!request.awaitReply(timeoutNanos) && request.abandon()) {
                ledger.timedOut(request, System.nanoTime());
                // The old one may still be answered: never reuse it.
                request = new Request(Thread.currentThread(), id, null, null, admission);
                continue;
            }
            ledger.answered(request, System.nanoTime());
        }
    }
}
