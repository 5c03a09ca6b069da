package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.worker.Admission;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One open-loop client through a real FIFO rendezvous, with this test's thread as the worker: it decides when each
 * request is taken and answered, so the client is held in {@code put} exactly when the test says, and falls behind
 * its schedule (a request every millisecond) for as long as the test holds it.
 */
@Timeout(60)
class OpenLoopClientTest {

    private static final long GAP_NANOS = 1_000_000;
    /** How long the test keeps the client in {@code put} while an answer waits in its reply queue. */
    private static final Duration HOLD = Duration.ofMillis(50);

    private final MeasurementWindow window = new MeasurementWindow();
    private final HandoffStrategy<Request> rendezvous = TestCells.strategy("rendezvous-fifo")
            .create(IdlePolicy.DEFAULT);
    private final PrecomputedStreams.ClientStream stream =
            PrecomputedStreams.generate(1, SweepSettings.RequestStreams.of(1.5, 1)).stream(0);
    private final StripedLatencyRecorder latencies = new StripedLatencyRecorder(1);
    private final ClientLedger ledger = new ClientLedger(true, Workload.ReplyCheck.ANY, thread -> true,
            stream.length(), 0, latencies);
    private final OpenLoopClient client = new OpenLoopClient(0, rendezvous, stream, window, Admission.UNLIMITED,
            () -> GAP_NANOS, 0, null, ledger);

    /** What the worker saw of a request when it took it (the client reuses the object once answered). */
    private record Taken(boolean measured, long intendedNanos, long sentNanos) {
    }

    @Test
    void shouldMeasureARequestByWhenItWasDueNotByWhenItLeft() throws Exception {
        Thread thread = Thread.ofPlatform().name("open-loop-client").start(client);
        List<Taken> taken = new ArrayList<>();
        Request first = takeOne();
        taken.add(seen(first));
        awaitClientInPut();
        Thread.sleep(HOLD); // the client falls behind: the requests due meanwhile will leave after the window opens
        long start = window.open();
        first.taken();
        first.complete("ok");
        while (taken.stream().filter(Taken::measured).count() < 100) {
            serveOne(taken);
        }
        awaitClientInPut();
        Thread.sleep(HOLD); // behind again: the requests due meanwhile are never sent
        window.close();
        while (thread.isAlive()) {
            serveAvailable(taken);
        }
        thread.join();

        assertThat(taken).as("due before the window, sent in it").anyMatch(request -> !request.measured()
                && request.intendedNanos() - start < 0 && request.sentNanos() - start >= 0);
        assertThat(taken).as("measured exactly when due inside the window")
                .allMatch(request -> request.measured() == window.contains(request.intendedNanos()));
        long measuredSent = taken.stream().filter(Taken::measured).count();
        ClientLedger.Tally tally = ledger.tally();
        assertThat(tally.completed()).isEqualTo(measuredSent);
        assertThat(tally.dueUnsent()).as("due in the window, never sent").isPositive();
        assertThat(tally.due()).isEqualTo(measuredSent + tally.dueUnsent());
        assertThat(tally.accounting(0).lost()).isZero();
        assertThat(latencies.censored().getTotalCount()).isEqualTo(tally.dueUnsent());
        assertThat(latencies.censored().getMaxValue()).as("lower bounds: end minus intended, within the window")
                .isLessThanOrEqualTo(window.endNanos() - start);
    }

    @Test
    void shouldEndALatencyWhenTheWorkerAnsweredNotWhenTheClientCouldLook() throws Exception {
        window.open();
        Thread thread = Thread.ofPlatform().name("open-loop-client").start(client);
        List<Taken> taken = new ArrayList<>();
        Request first = takeOne();
        taken.add(seen(first));
        awaitClientInPut();
        first.taken();
        first.complete("ok");
        Thread.sleep(HOLD); // the answer is in the client's reply queue; the client is still in put
        window.close();
        while (thread.isAlive()) {
            serveAvailable(taken);
        }
        thread.join();

        assertThat(ledger.tally().completed()).isPositive();
        assertThat(latencies.reply().getMaxValue()).as("the reply stage, ns").isLessThan(HOLD.toNanos());
        assertThat(latencies.uncorrected().getMinValue()).as("the first answer's latency, ns")
                .isLessThan(HOLD.toNanos());
    }

    private Request takeOne() throws InterruptedException {
        Request[] one = new Request[1];
        while (one[0] == null) {
            rendezvous.drain(request -> one[0] = request, 1);
        }
        return one[0];
    }

    private void awaitClientInPut() throws InterruptedException {
        while (rendezvous.depth() == 0) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private void serveOne(List<Taken> taken) throws InterruptedException {
        Request request = takeOne();
        taken.add(seen(request));
        request.taken();
        request.complete("ok");
    }

    private void serveAvailable(List<Taken> taken) throws InterruptedException {
        rendezvous.drain(request -> {
            taken.add(seen(request));
            request.taken();
            request.complete("ok");
        }, 16);
    }

    private static Taken seen(Request request) {
        return new Taken(request.measured(), request.intendedNanos(), request.sentNanos());
    }
}
