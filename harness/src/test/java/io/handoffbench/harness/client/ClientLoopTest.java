package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many clients on one event loop through a real strategy, with this test's own consumer thread as the worker: it
 * checks every request it takes (each client's requests once each, in order, with the payload its stream names) and
 * answers it with its payload. The loop must keep every client going until the stop, then return with every reply
 * in and every ledger settled.
 */
@Timeout(120)
class ClientLoopTest {

    private static final Duration RUN = Duration.ofMillis(700);

    @ParameterizedTest(name = "{0}, {1} clients, {2} requests at a time")
    @CsvSource({"mpsc, 1000, 1", "linked, 3, 1", "rendezvous, 1000, 1", "mpsc, 50, 8", "rendezvous-fifo, 4, 16"})
    void shouldKeepEveryClientGoingAndSettleEveryReply(String strategyId, int clients, int depth) throws Exception {
        HandoffStrategy<Request> strategy = TestCells.strategy(strategyId).create(IdlePolicy.DEFAULT);
        PrecomputedStreams streams = PrecomputedStreams.generate(clients, SweepSettings.RequestStreams.of(1.5, 1));
        StripedLatencyRecorder latencies = new StripedLatencyRecorder(clients);
        MeasurementWindow window = new MeasurementWindow();
        ClientLoop loop = new ClientLoop(0, 1, strategy, window, Admission.of(0));
        List<ClientLedger> ledgers = new ArrayList<>();
        for (int id = 0; id < clients; id++) {
            ClientLedger ledger = new ClientLedger(false, Workload.ReplyCheck.ANY, thread -> true,
                    streams.stream(id).length(), id, latencies);
            ledgers.add(ledger);
            loop.add(id, streams.stream(id), ledger, depth);
        }
        EchoWorker worker = new EchoWorker(strategy, streams);
        Thread consumer = Thread.ofPlatform().name("test-worker").start(worker);
        Thread loopThread = Thread.ofVirtual().name("client-loop-0").start(loop);

        Thread.sleep(RUN.toMillis() / 2);
        window.open();
        Thread.sleep(RUN.toMillis() / 2);
        window.close();
        loopThread.join(Duration.ofSeconds(30));
        strategy.close();
        consumer.join(Duration.ofSeconds(30));

        assertThat(loopThread.isAlive()).as("the loop returns once every reply is in").isFalse();
        assertThat(worker.problem.get()).isNull();
        assertThat(loop.unfinishedClients()).isEmpty();
        long settled = ledgers.stream().mapToLong(ClientLedger::settled).sum();
        assertThat(settled).as("every request the worker answered reached its client").isEqualTo(worker.answered);
        for (int id = 0; id < clients; id++) {
            long sent = worker.nextSequence[id];
            assertThat(sent).as("client %d kept sending, whole batches", id).isGreaterThan(depth);
            assertThat(sent % depth).isZero();
        }
        ClientLedger.Tally tally = ledgers.stream().map(ClientLedger::tally)
                .reduce(ClientLedger.Tally.NONE, ClientLedger.Tally::plus);
        assertThat(tally.completed()).as("measured requests answered").isPositive().isEqualTo(tally.submitted());
        assertThat(latencies.queueWait().getTotalCount()).as("stages recorded once each").isEqualTo(tally.completed());
        if (depth > 1) {
            assertThat(latencies.batch().getTotalCount()).as("a batch recorded per measured batch")
                    .isEqualTo(tally.completed() / depth);
        }
    }

    @Test
    void shouldStopAClientWhoseStrategyClosedAndStillReturn() throws Exception {
        HandoffStrategy<Request> strategy = TestCells.strategy("mpsc").create(IdlePolicy.DEFAULT);
        PrecomputedStreams streams = PrecomputedStreams.generate(2, SweepSettings.RequestStreams.of(1.5, 1));
        StripedLatencyRecorder latencies = new StripedLatencyRecorder(2);
        ClientLoop loop = new ClientLoop(0, 1, strategy, () -> Phase.MEASURE, Admission.of(0));
        List<ClientLedger> ledgers = new ArrayList<>();
        for (int id = 0; id < 2; id++) {
            ledgers.add(new ClientLedger(false, Workload.ReplyCheck.ANY, thread -> true,
                    streams.stream(id).length(), id, latencies));
            loop.add(id, streams.stream(id), ledgers.get(id), 1);
        }
        EchoWorker worker = new EchoWorker(strategy, streams);
        worker.closeAfter = 10_000;
        Thread consumer = Thread.ofPlatform().name("test-worker").start(worker);
        Thread loopThread = Thread.ofVirtual().start(loop);

        loopThread.join(Duration.ofSeconds(30));
        consumer.join(Duration.ofSeconds(30));

        assertThat(loopThread.isAlive()).as("a closed strategy ends the loop, not only the stop").isFalse();
        assertThat(worker.problem.get()).isNull();
        assertThat(ledgers.stream().mapToLong(ClientLedger::settled).sum()).isEqualTo(worker.answered);
    }

    @Test
    void shouldRefuseABoundedAdmissionAndAClientOutOfTurn() {
        HandoffStrategy<Request> strategy = TestCells.strategy("mpsc").create(IdlePolicy.DEFAULT);
        assertThatThrownBy(() -> new ClientLoop(0, 1, strategy, () -> Phase.STOP, Admission.of(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without admission control");
        ClientLoop loop = new ClientLoop(1, 2, strategy, () -> Phase.STOP, Admission.of(0));
        PrecomputedStreams streams = PrecomputedStreams.generate(4, SweepSettings.RequestStreams.of(1.5, 1));
        assertThatThrownBy(() -> loop.add(2, streams.stream(2), null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("client 2 is not this loop's next, 1");
    }

    /**
     * The test's worker: drains the strategy, checks each request against its client's stream and order, answers
     * with the payload. After {@code closeAfter} answers it closes the strategy and serves what was accepted.
     */
    private static final class EchoWorker implements Runnable {
        private final HandoffStrategy<Request> strategy;
        private final PrecomputedStreams streams;
        private final long[] nextSequence;
        private final AtomicReference<String> problem = new AtomicReference<>();
        private long closeAfter = Long.MAX_VALUE;
        /** Consumer thread only; read after its join. */
        private long answered;

        EchoWorker(HandoffStrategy<Request> strategy, PrecomputedStreams streams) {
            this.strategy = strategy;
            this.streams = streams;
            this.nextSequence = new long[streams.clients()];
        }

        @Override
        public void run() {
            try {
                while (strategy.drain(this::serve, 64) != HandoffStrategy.CLOSED) {
                    if (answered >= closeAfter) {
                        strategy.close();
                    }
                }
            } catch (InterruptedException e) {
                problem.compareAndSet(null, "consumer interrupted");
            }
        }

        private void serve(Request request) {
            int client = request.clientId();
            if (request.sequence() != nextSequence[client]) {
                problem.compareAndSet(null, "client " + client + " sent " + request.sequence() + ", expected "
                        + nextSequence[client]);
            }
            if (!request.payload().equals(streams.stream(client).payload(request.sequence()))) {
                problem.compareAndSet(null, "client " + client + " request " + request.sequence() + " carries "
                        + request.payload());
            }
            nextSequence[client] = request.sequence() + 1;
            request.taken();
            request.complete(request.payload());
            answered++;
        }
    }
}
