package io.handoffbench.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code linked}'s depth counts what {@code drainTo} moved into the consumer's batch until the sink takes it. */
class LinkedBlockingQueueHandoffTest {

    @Test
    void shouldCountTheRequestsInTheConsumersBatchUntilEachIsTaken() throws InterruptedException {
        LinkedBlockingQueueHandoff<Integer> linked = new LinkedBlockingQueueHandoff<>();
        for (int request = 0; request < 10; request++) {
            linked.submit(request);
        }
        List<Long> depthAsEachIsTaken = new ArrayList<>();

        int delivered = linked.drain(request -> depthAsEachIsTaken.add(linked.depth()), 1024);

        assertThat(delivered).isEqualTo(10);
        // Each request taken leaves the rest waiting: the first from the queue itself, the others from the batch.
        assertThat(depthAsEachIsTaken).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
        assertThat(linked.depth()).isZero();
    }
}
