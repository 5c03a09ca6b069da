package io.handoffbench.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rendezvous's depth counts requests submitted and not yet taken: by the time the consumer's sink sees a request
 * (and the harness's admission control frees its place for the next one), the depth no longer counts it, even
 * though its producer has not yet returned from {@code put}.
 */
class RendezvousDepthTest {

    @Test
    @Timeout(20)
    void shouldNotCountARequestTheConsumerHasTakenWhileItsProducerIsStillInPut() throws Exception {
        for (boolean fair : new boolean[] {false, true}) {
            SynchronousQueueHandoff<String> handoff = new SynchronousQueueHandoff<>(fair);
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    handoff.submit("a");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handoff.depth() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            assertThat(handoff.depth()).as("the producer waits in put").isEqualTo(1);

            List<Long> depthSeenBySink = new ArrayList<>();
            int taken = 0;
            while (taken == 0) {
                taken = handoff.drain(request -> depthSeenBySink.add(handoff.depth()), 1);
            }
            producer.join();

            assertThat(depthSeenBySink).as("fair=" + fair).containsExactly(0L);
            assertThat(handoff.depth()).isZero();
        }
    }
}
