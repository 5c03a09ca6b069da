package io.handoffbench.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered strategy must keep, run against the real queue of each, under every
 * {@link IdlePolicy} it honours (once, with its own wait, if it honours none). A new strategy listed in a services
 * file on the test class path is tested here with no new code.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandoffStrategyContractTest {

    private static final int PRODUCERS = 64;
    private static final int REQUESTS_PER_PRODUCER = 1_600; // 102,400 in all
    private static final int BATCH_LIMIT = 256;
    /** Bounds what an unbounded queue can pile up while a close races the producers. */
    private static final int MAX_REQUESTS_BEFORE_CLOSE = 50_000;
    private static final int CLOSED_LOOP_CLIENTS = 16;
    private static final int DEPTH_SAMPLING_MILLIS = 500;

    record Message(int producer, int sequence) {}

    /** One strategy under one idle policy. */
    record Case(HandoffStrategyFactory factory, IdlePolicy idle) {
        <T> HandoffStrategy<T> create() {
            return factory.create(idle);
        }

        @Override
        public String toString() {
            return factory.honours(idle) ? factory.id() + " --idle=" + idle.id() : factory.id() + " (own wait)";
        }
    }

    static Stream<Case> strategies() {
        return HandoffStrategies.load().all().stream().flatMap(factory -> {
            List<Case> cases = Arrays.stream(IdlePolicy.values()).filter(factory::honours)
                    .map(idle -> new Case(factory, idle)).toList();
            return cases.isEmpty() ? Stream.of(new Case(factory, IdlePolicy.DEFAULT)) : cases.stream();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldDeliverEveryRequestExactlyOnceInEachProducersOrder(Case strategyCase) throws Exception {
        HandoffStrategy<Message> strategy = strategyCase.create();
        int[] nextExpected = new int[PRODUCERS];
        List<String> violations = new ArrayList<>();
        long[] delivered = {0};
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> drainUntilClosed(strategy, message -> {
            if (message.sequence() != nextExpected[message.producer()] && violations.size() < 10) {
                violations.add("producer " + message.producer() + ": expected " + nextExpected[message.producer()]
                        + " got " + message.sequence());
            }
            nextExpected[message.producer()] = message.sequence() + 1;
            delivered[0]++;
        }, () -> true));

        List<Thread> producers = startProducers(producer -> {
            for (int sequence = 0; sequence < REQUESTS_PER_PRODUCER; sequence++) {
                strategy.submit(new Message(producer, sequence));
            }
        });
        joinAll(producers, Duration.ofSeconds(90));
        strategy.close();
        consumer.join(Duration.ofSeconds(10));

        assertThat(consumer.isAlive()).as("consumer returned after close").isFalse();
        // The join above orders the consumer's plain writes before these reads.
        assertThat(violations).as("order or duplicate violations").isEmpty();
        assertThat(delivered[0]).isEqualTo((long) PRODUCERS * REQUESTS_PER_PRODUCER);
        for (int producer = 0; producer < PRODUCERS; producer++) {
            assertThat(nextExpected[producer]).as("requests delivered from producer %d", producer)
                    .isEqualTo(REQUESTS_PER_PRODUCER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldWakeAWaitingConsumerWhenClosed(Case strategyCase) throws Exception {
        HandoffStrategy<Message> strategy = strategyCase.create();
        AtomicReference<Integer> lastResult = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread consumer = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            try {
                int result;
                do {
                    result = strategy.drain(message -> {}, BATCH_LIMIT);
                } while (result != HandoffStrategy.CLOSED);
                lastResult.set(result);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.await();
        Thread.sleep(100); // let it reach its wait: a park, a condition, a timed poll
        strategy.close();
        consumer.join(Duration.ofSeconds(5));

        assertThat(consumer.isAlive()).as("consumer still waiting 5 s after close").isFalse();
        assertThat(lastResult.get()).isEqualTo(HandoffStrategy.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldReportAcceptedButUntakenRequestsAsDepth(Case strategyCase) throws Exception {
        HandoffStrategy<Message> strategy = strategyCase.create();
        int waiting = 8;
        // One request per producer thread, so a rendezvous has eight producers blocked in put.
        List<Thread> producers = new ArrayList<>();
        for (int producer = 0; producer < waiting; producer++) {
            Message message = new Message(producer, 0);
            producers.add(Thread.ofPlatform().start(() -> {
                try {
                    strategy.submit(message);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (strategy.depth() < waiting && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(strategy.depth()).as("depth with %d requests submitted and none taken", waiting).isEqualTo(waiting);

        List<Message> taken = new ArrayList<>();
        while (taken.size() < waiting && System.nanoTime() < deadline) {
            strategy.drain(taken::add, waiting);
        }
        joinAll(producers, Duration.ofSeconds(5));
        assertThat(taken).hasSize(waiting);
        assertThat(strategy.depth()).as("depth once everything was taken").isZero();
        strategy.close();
    }

    /**
     * Under a closed loop of {@value #CLOSED_LOOP_CLIENTS} clients, at most that many requests can be waiting, so no
     * {@code depth()} read may report more: a depth summed from two counters read at different moments (a queue and
     * a batch the consumer drained into) counts a request twice when it moves, or is answered and replaced, between
     * the reads. The sampler reads as fast as it can, beside the clients, so such a moment turns up.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldNeverReportMoreWaitingRequestsThanAClosedLoopHasInFlight(Case strategyCase) throws Exception {
        HandoffStrategy<Message> strategy = strategyCase.create();
        Semaphore[] replies = new Semaphore[CLOSED_LOOP_CLIENTS];
        Arrays.setAll(replies, client -> new Semaphore(0));
        AtomicBoolean clientsDone = new AtomicBoolean();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> drainUntilClosed(strategy,
                message -> replies[message.producer()].release(), clientsDone::get));
        long stopAt = System.nanoTime() + Duration.ofMillis(DEPTH_SAMPLING_MILLIS).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLOSED_LOOP_CLIENTS; client++) {
            int id = client;
            clients.add(Thread.ofPlatform().name("client-" + id).start(() -> {
                try {
                    for (int sequence = 0; System.nanoTime() < stopAt; sequence++) {
                        strategy.submit(new Message(id, sequence));
                        replies[id].acquire(); // one request in flight per client
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long peak = 0;
        long reads = 0;
        while (System.nanoTime() < stopAt) {
            peak = Math.max(peak, strategy.depth());
            reads++;
        }
        joinAll(clients, Duration.ofSeconds(10));
        clientsDone.set(true);
        strategy.close();
        consumer.join(Duration.ofSeconds(10));

        assertThat(reads).as("depth reads").isPositive();
        assertThat(peak).as("%s: the largest of %d depth reads, %d clients with one request each", strategyCase, reads,
                CLOSED_LOOP_CLIENTS).isBetween(0L, (long) CLOSED_LOOP_CLIENTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldRefuseSubmitAfterClose(Case strategyCase) {
        HandoffStrategy<Message> strategy = strategyCase.create();
        strategy.close();
        strategy.close(); // idempotent

        assertThatThrownBy(() -> strategy.submit(new Message(0, 0))).isInstanceOf(HandoffClosedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldReleaseBlockedProducersOnCloseWithoutLosingAnAcceptedRequest(Case strategyCase)
            throws Exception {
        HandoffStrategy<Message> strategy = strategyCase.create();
        AtomicLong accepted = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        List<Thread> producers = startProducers(producer -> {
            for (int sequence = 0; sequence < MAX_REQUESTS_BEFORE_CLOSE; sequence++) {
                try {
                    strategy.submit(new Message(producer, sequence));
                } catch (HandoffClosedException closed) {
                    return;
                }
                accepted.incrementAndGet();
            }
        });
        // A slow consumer keeps producers blocked (rendezvous) or queues growing (the rest) when close() comes.
        Thread consumer = Thread.ofPlatform().start(() -> drainUntilClosed(strategy, message -> {
            delivered.incrementAndGet();
            if (message.sequence() % 256 == 0) {
                LockSupport.parkNanos(20_000);
            }
        }, () -> producers.stream().noneMatch(Thread::isAlive)));
        Thread.sleep(200);
        strategy.close();
        joinAll(producers, Duration.ofSeconds(20));
        consumer.join(Duration.ofSeconds(20));

        assertThat(producers).as("producers released by close").noneMatch(Thread::isAlive);
        assertThat(consumer.isAlive()).as("consumer returned after close").isFalse();
        assertThat(accepted.get()).as("requests accepted").isPositive();
        assertThat(delivered.get()).as("every accepted request delivered").isEqualTo(accepted.get());
    }

    /** The consumer loop the harness's worker runs: drain until closed, then until every producer has returned. */
    private static void drainUntilClosed(HandoffStrategy<Message> strategy, Consumer<Message> sink,
                                         BooleanSupplier producersDone) {
        try {
            while (true) {
                boolean done = producersDone.getAsBoolean();
                if (strategy.drain(sink, BATCH_LIMIT) == HandoffStrategy.CLOSED && done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface ProducerBody {
        void run(int producer) throws InterruptedException;
    }

    private static List<Thread> startProducers(ProducerBody body) {
        List<Thread> producers = new ArrayList<>();
        for (int producer = 0; producer < PRODUCERS; producer++) {
            int id = producer;
            producers.add(Thread.ofPlatform().name("producer-" + id).start(() -> {
                try {
                    body.run(id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return producers;
    }

    private static void joinAll(List<Thread> threads, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }
}
