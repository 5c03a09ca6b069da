package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.testing.LiveHeap;
import io.handoffbench.harness.worker.Request;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client's own recording state is small and does not hold histograms: the cell's latency histograms are shared
 * over a fixed number of stripes ({@link StripedLatencyRecorder}), whatever the number of clients.
 */
class ClientLedgerFootprintTest {

    private static final int CLIENTS = 20_000;
    /** A client's stream length among 16,384 clients or more: the fewest slots a ledger counts. */
    private static final int STREAM_LENGTH = 16;
    /**
     * The ledger (ten counters and five references, about 120 bytes) and its good-replies array (80 bytes at 16
     * slots), with room for the heap's noise; one empty 3-digit HdrHistogram alone is 17 KB.
     */
    private static final long MAX_BYTES_PER_CLIENT = 512;

    @Test
    void shouldKeepEachClientsRecordingStateUnderHalfAKilobyte() {
        StripedLatencyRecorder latencies = new StripedLatencyRecorder(CLIENTS);
        Request request = answeredRequest();
        for (int id = 0; id < latencies.stripes(); id++) { // the stripes' histograms sized before the baseline
            answer(ledger(id, latencies), request);
        }
        long before = LiveHeap.bytes();

        List<ClientLedger> ledgers = new ArrayList<>(CLIENTS);
        for (int id = 0; id < CLIENTS; id++) {
            ClientLedger ledger = ledger(id, latencies);
            answer(ledger, request);
            ledgers.add(ledger);
        }
        long grown = LiveHeap.bytes() - before;
        Reference.reachabilityFence(ledgers);
        Reference.reachabilityFence(latencies);

        long perClient = grown / CLIENTS;
        assertThat(perClient).as("live heap bytes per client's ledger (%,d bytes for %,d clients)", grown, CLIENTS)
                .isLessThan(MAX_BYTES_PER_CLIENT);
    }

    private static ClientLedger ledger(int id, StripedLatencyRecorder latencies) {
        return new ClientLedger(false, Workload.ReplyCheck.ANY, thread -> true, STREAM_LENGTH, id, latencies);
    }

    /** A measured request the worker has answered, as a client sees it. */
    private static Request answeredRequest() {
        Request request = new Request(Thread.currentThread(), 0);
        request.prepare(0, "payload", true, System.nanoTime());
        request.stampSent();
        request.taken();
        request.complete("ok");
        return request;
    }

    private static void answer(ClientLedger ledger, Request request) {
        ledger.submitted(request);
        ledger.answered(request, request.doneNanos() + 1_000);
    }
}
