package io.handoffbench.benchmarks.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.benchmarks.support.RoundTripClient;
import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.LinkedBlockingQueueHandoff;
import io.handoffbench.strategy.MpscQueueHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The handoff benchmark's self-check, outside JMH: the echo worker and the clients' round trips against a sound
 * strategy and against broken ones, which must not pass.
 */
@Timeout(60)
class HandoffSelfCheckTest {

    private static final int CLIENTS = 4;
    private static final int ROUND_TRIPS = 2_000;

    /** Runs the clients' round trips through {@code strategy} to an echo worker; returns the self-check's verdict. */
    private static SelfCheck run(HandoffStrategy<Request> strategy, Workload.ReplyCheck replyCheck,
                                 ConcurrentLinkedQueue<Throwable> failures) throws InterruptedException {
        EchoWorker worker = EchoWorker.start(strategy);
        List<RoundTripClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            RoundTripClient client = new RoundTripClient(c, replyCheck, Duration.ofMillis(500));
            clients.add(client);
            threads.add(Thread.ofPlatform().start(() -> {
                client.bindTo(Thread.currentThread());
                try {
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        client.roundTrip(strategy, worker.thread());
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long served = worker.finish(Duration.ofSeconds(10));
        SelfCheck check = new SelfCheck("test");
        RoundTripClient.check(clients, served, check);
        return check;
    }

    @Test
    void shouldPassWhenEveryRequestIsAnsweredOnceByTheWorker() throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        SelfCheck check = run(new MpscQueueHandoff<>(), String::equals, failures);

        assertThat(failures).isEmpty();
        assertThat(check.problems()).isEmpty();
    }

    @Test
    void shouldFailWhenAStrategyDeliversARequestTwice() throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        SelfCheck check = run(new BrokenStrategies.Duplicating(new LinkedBlockingQueueHandoff<>()), String::equals, failures);

        // A duplicate echoes whatever the request holds by then, so the clients may not notice; the counts do.
        assertThat(check.problems()).anyMatch(p -> p.startsWith("the worker served"));
        assertThatThrownBy(check::throwIfFailed).hasMessageContaining("failed its self-check");
    }

    @Test
    void shouldFailAnOperationWhoseRequestIsLost() throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        run(new BrokenStrategies.LosingEvery(new LinkedBlockingQueueHandoff<>(), 500), String::equals, failures);

        assertThat(failures).isNotEmpty().allMatch(t -> t.getMessage().contains("got no reply within 500 ms"));
    }

    @Test
    void shouldCountRepliesThatDoNotAnswerTheirRequest() throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        SelfCheck check = run(new MpscQueueHandoff<>(), (request, reply) -> false, failures);

        assertThat(check.problems()).hasSize(CLIENTS).allMatch(p -> p.contains(ROUND_TRIPS + " wrong replies"));
    }
}
