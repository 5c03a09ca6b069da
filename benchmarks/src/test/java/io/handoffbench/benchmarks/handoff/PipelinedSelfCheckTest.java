package io.handoffbench.benchmarks.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.benchmarks.support.SelfCheck;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.LinkedBlockingQueueHandoff;
import io.handoffbench.strategy.MpscQueueHandoff;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipelined benchmark's self-check, outside JMH: one connection's batches through the echo worker, against a
 * sound strategy and against broken ones, which must not pass.
 */
@Timeout(60)
class PipelinedSelfCheckTest {

    private static final int DEPTH = 1_000;
    private static final int BATCHES = 20;

    /** Runs the batches on this thread; returns the self-check's verdict, or throws what a batch threw. */
    private static SelfCheck run(HandoffStrategy<Request> strategy) throws InterruptedException {
        EchoWorker worker = EchoWorker.start(strategy);
        PipelinedBatchClient client = new PipelinedBatchClient(0, DEPTH, Duration.ofMillis(500));
        client.bindTo(Thread.currentThread());
        try {
            for (int i = 0; i < BATCHES; i++) {
                client.batch(strategy, worker.thread());
            }
        } catch (IllegalStateException lost) {
            worker.finish(Duration.ofSeconds(10));
            throw lost;
        }
        long served = worker.finish(Duration.ofSeconds(10));
        SelfCheck check = new SelfCheck("test");
        PipelinedBatchClient.check(List.of(client), served, check);
        return check;
    }

    @Test
    void shouldPassWhenEveryRequestOfEveryBatchIsAnsweredOnce() throws InterruptedException {
        assertThat(run(new MpscQueueHandoff<>()).problems()).isEmpty();
    }

    @Test
    void shouldFailWhenAStrategyDeliversARequestTwice() throws InterruptedException {
        SelfCheck check = run(new BrokenStrategies.Duplicating(new LinkedBlockingQueueHandoff<>()));

        assertThat(check.problems()).anyMatch(p -> p.startsWith("the worker served " + 2L * DEPTH * BATCHES));
        assertThatThrownBy(check::throwIfFailed).hasMessageContaining("failed its self-check");
    }

    @Test
    void shouldFailTheBatchWhoseRequestIsLost() {
        assertThatThrownBy(() -> run(new BrokenStrategies.LosingEvery(new LinkedBlockingQueueHandoff<>(), 700)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 of " + DEPTH + " requests got no reply within 500 ms");
    }
}
