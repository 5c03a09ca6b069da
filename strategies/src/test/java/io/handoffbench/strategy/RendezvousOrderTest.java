package io.handoffbench.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order in which a rendezvous meets producers that are all waiting: the oldest first for the FIFO ones
 * ({@code rendezvous-fifo}, {@code rendezvous-flume}), the newest first for {@code rendezvous}. Producers enter
 * {@code submit} one at a time, each only after the one before it is parked there, so their arrival order is known;
 * then the consumer drains.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RendezvousOrderTest {

    private static final int PRODUCERS = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Both drain shapes: one request per drain, and the whole backlog in one. */
    @ParameterizedTest(name = "{0}, limit {1}")
    @CsvSource({"rendezvous-fifo, 1", "rendezvous-fifo, 8", "rendezvous-flume, 1", "rendezvous-flume, 8"})
    void shouldMeetTheOldestWaitingProducerFirst(String id, int limit) throws Exception {
        assertThat(orderMet(id, limit)).containsExactlyElementsOf(IntStream.range(0, PRODUCERS).boxed().toList());
    }

    /**
     * {@code rendezvous}, the JDK's non-fair mode, is a stack: the newest waiting producer first. The JDK does not
     * specify that order; this pins what the JDK 25 implementation does with producers that are all parked, the
     * LIFO that the README's reading of {@code rendezvous}'s latencies rests on.
     */
    @ParameterizedTest(name = "rendezvous, limit {0}")
    @CsvSource({"1", "8"})
    void shouldMeetTheNewestWaitingProducerFirstWhenNonFair(int limit) throws Exception {
        assertThat(orderMet("rendezvous", limit))
                .containsExactlyElementsOf(IntStream.range(0, PRODUCERS).map(i -> PRODUCERS - 1 - i).boxed().toList());
    }

    /** Producers 0, 1, ... enter submit in that order, each parked before the next starts; the order drained. */
    private static List<Integer> orderMet(String id, int limit) throws Exception {
        HandoffStrategy<Integer> strategy = HandoffStrategies.load().find(id).orElseThrow().create();
        List<Thread> producers = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int producer = 0; producer < PRODUCERS; producer++) {
            int request = producer;
            Thread thread = Thread.ofPlatform().name("producer-" + producer).start(() -> {
                try {
                    strategy.submit(request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producers.add(thread);
            // Counted, and parked: counted alone is not enough for rendezvous, which counts before its put.
            while (!(strategy.depth() == producer + 1 && thread.getState() == Thread.State.WAITING)) {
                assertThat(System.nanoTime()).as("producer %d parked in submit", producer).isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        List<Integer> met = new ArrayList<>();
        while (met.size() < PRODUCERS) {
            assertThat(System.nanoTime()).as("all %d producers met", PRODUCERS).isLessThan(deadline);
            assertThat(strategy.drain(met::add, limit)).isBetween(0, limit);
        }
        for (Thread thread : producers) {
            thread.join(PATIENCE);
            assertThat(thread.isAlive()).as("%s returned from submit", thread.getName()).isFalse();
        }
        strategy.close();
        return met;
    }
}
