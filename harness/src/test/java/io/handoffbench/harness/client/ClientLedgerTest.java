package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.Workloads;
import org.junit.jupiter.api.Test;

/** The client takes a reply only when it names the request the client sent, whatever the workload's reply check. */
class ClientLedgerTest {

    @Test
    void shouldRefuseAStaleAnswerThatNamesTheRequestBeforeEvenWhenTheReplyLooksRight() throws Exception {
        // transfer accepts any "ok": only the request's name tells a stale answer from the right one
        ClientLedger ledger = new ClientLedger(false, Workloads.resolve(Workloads.TRANSFER).replyCheck(),
                thread -> true, 16, 3, new StripedLatencyRecorder(1));
        Request request = new Request(Thread.currentThread(), 3, null, null, Admission.of(0));
        request.prepare(5, "{\"client\":3,\"seq\":5}", true);
        ledger.submitted(request);
        request.complete(3, 5, "ok");
        ledger.answered(request, System.nanoTime());

        request.prepare(6, "{\"client\":3,\"seq\":6}", true);
        ledger.submitted(request);
        request.complete(3, 5, "ok"); // request 5 answered a second time, after the client sent request 6
        ledger.answered(request, System.nanoTime());

        ClientLedger.Tally tally = ledger.tally();
        assertThat(tally.completed()).isEqualTo(1);
        assertThat(tally.badReplies()).isEqualTo(1);
        assertThat(tally.firstProblem()).isEqualTo("client 3 request 6 got the answer to client 3 request 5");
        assertThat(ledger.goodRepliesPerSlot()[6]).as("not applied to the end state's expectation").isZero();
    }
}
