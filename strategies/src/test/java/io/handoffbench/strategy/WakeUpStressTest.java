package io.handoffbench.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.strategy.idle.ConsumerParker;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hunts lost wake-ups with real strategies under the parking idle policies: {@value #PRODUCERS} producers each do
 * round trips (submit, wait for the consumer to complete the request) separated by short random pauses, so the
 * queue empties and the consumer parks again and again, and a request often arrives just as it parks.
 *
 * <p>Why round trips: with fire-and-forget producers, a lost wake-up is hidden by the next submit, which unparks the
 * consumer anyway. Here, once every producer waits for its own request, nobody will submit again: a request whose
 * wake-up was lost stays queued behind a parked consumer, and its producer's wait times out. Detection is that
 * timeout ({@value #STUCK_SECONDS} s for a round trip that normally takes microseconds), not any timing claim.
 *
 * <p>Strategies whose own wait has a timeout ({@code linked}, {@code ltq}, {@code mpsc-blocking} and the rendezvous
 * ones wait in slices of {@link TimedPollDrain#WAIT_SLICE_NANOS}) would recover from a lost wake-up by themselves,
 * hiding it. Here they are built with a wait of {@value #LONG_WAIT_HOURS} hour, so that only a wake-up can end it: a
 * lost one hangs, and its producer's {@value #STUCK_SECONDS} s timeout finds it. {@code mpsc} (the shared
 * {@code ConsumerParker}) and the Disruptor's blocking strategy park without a timeout anyway.
 * {@link #shouldCatchAWakeUpThatOnlyATimedWaitWouldHaveBrought} shows the test failing on a strategy that never wakes
 * its consumer, which the production slice would have hidden.
 *
 * <p>Strategies that ignore the idle policy run once, with their own wait. The rendezvous ones' producers also park
 * in {@code submit} until the consumer takes the request, with no timeout: a producer's lost wake-up fails the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WakeUpStressTest {

    private static final int PRODUCERS = 8;
    private static final Duration RUN_TIME_PER_CASE = Duration.ofMillis(1_200);
    private static final long STUCK_SECONDS = 5;
    /** Pauses between round trips: none, a few spins, or a park of up to this long (longer than the spin phase). */
    private static final long MAX_PAUSE_NANOS = 100_000;
    /** The timed waits' slice in this test: far beyond {@link #STUCK_SECONDS}, so no round trip can rely on it. */
    private static final long LONG_WAIT_HOURS = 1;
    private static final long LONG_WAIT_NANOS = TimeUnit.HOURS.toNanos(LONG_WAIT_HOURS);

    /**
     * A strategy under test; {@code closeWakesConsumer} is false for those whose {@code close} only sets a flag that
     * the consumer reads after its (here endless) wait: the test interrupts it instead.
     */
    record Subject(HandoffStrategy<Request> strategy, boolean closeWakesConsumer) {}

    /** A request the consumer completes; its producer waits for that. */
    record Request(int producer, long sequence, CompletableFuture<Thread> servedBy) {}

    /** The contract test's cases that may park: each honoured parking policy, and each strategy's own wait. */
    static Stream<HandoffStrategyContractTest.Case> parkingCases() {
        return HandoffStrategyContractTest.strategies().filter(strategyCase -> strategyCase.idle().parks()
                || !strategyCase.factory().honours(strategyCase.idle()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parkingCases")
    void shouldNeverLeaveARequestQueuedBehindAParkedConsumer(HandoffStrategyContractTest.Case strategyCase)
            throws Exception {
        runRoundTrips(withEndlessWait(strategyCase));
    }

    /**
     * Each strategy, its timed wait made endless. A strategy added later that waits in a timed poll of its own needs
     * a line here, or this test cannot see its lost wake-ups.
     */
    private static Subject withEndlessWait(HandoffStrategyContractTest.Case strategyCase) {
        return switch (strategyCase.factory()) {
            case LinkedBlockingQueueHandoff.Factory f -> new Subject(new LinkedBlockingQueueHandoff<>(LONG_WAIT_NANOS),
                    false);
            case SynchronousQueueHandoff.Factory f -> new Subject(new SynchronousQueueHandoff<>(false, LONG_WAIT_NANOS),
                    false);
            case SynchronousQueueHandoff.FairFactory f -> new Subject(new SynchronousQueueHandoff<>(true,
                    LONG_WAIT_NANOS), false);
            case LockedFifoRendezvousHandoff.Factory f -> new Subject(new LockedFifoRendezvousHandoff<>(
                    LONG_WAIT_NANOS), true);
            case LinkedTransferQueueHandoff.Factory f -> new Subject(new LinkedTransferQueueHandoff<>(
                    strategyCase.idle(), LONG_WAIT_NANOS), true);
            case MpscBlockingConsumerQueueHandoff.Factory f -> new Subject(new MpscBlockingConsumerQueueHandoff<>(
                    strategyCase.idle(), LONG_WAIT_NANOS), true);
            default -> new Subject(strategyCase.create(), true); // mpsc, disruptor: their parking has no timeout
        };
    }

    /**
     * The test's own check: producers that never wake the consumer leave every wake-up to the consumer's timed wait,
     * which with the production slice (20 ms) would pass every round trip, slowly; with the endless wait it must fail.
     */
    @Test
    void shouldCatchAWakeUpThatOnlyATimedWaitWouldHaveBrought() {
        assertThatThrownBy(() -> runRoundTrips(new Subject(new NeverWakingHandoff(LONG_WAIT_NANOS), false)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lost wake-ups or failures")
                .hasMessageContaining("not served within " + STUCK_SECONDS + " s");
    }

    /** A queue whose producers never unpark the consumer: it wakes only when its timed park expires. */
    private static final class NeverWakingHandoff implements HandoffStrategy<Request> {
        private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
        private final long waitNanos;
        private volatile boolean closed;

        NeverWakingHandoff(long waitNanos) {
            this.waitNanos = waitNanos;
        }

        @Override
        public void submit(Request request) {
            if (closed) {
                throw new HandoffClosedException();
            }
            queue.offer(request); // and no wake-up: the defect under test
        }

        @Override
        public int drain(Consumer<? super Request> sink, int limit) throws InterruptedException {
            boolean wasClosed = closed;
            Request next = queue.poll();
            if (next == null && !wasClosed) {
                LockSupport.parkNanos(this, waitNanos);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                next = queue.poll();
            }
            int delivered = 0;
            for (; next != null; next = delivered < limit ? queue.poll() : null) {
                sink.accept(next);
                delivered++;
            }
            return delivered == 0 && wasClosed ? CLOSED : delivered;
        }

        @Override
        public long depth() {
            return queue.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * The shared parker under a consumer whose re-check is slow: {@code hasWork} reads the queue, then dawdles for a
     * random moment before answering. The contract allows that (only the read must follow the announcement), and it
     * widens the window in which a wrongly ordered parker (check, then announce) loses a wake-up from nanoseconds to
     * microseconds, so this test catches such a mistake within its run, where the real strategies may not.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = IdlePolicy.class, names = {"PARK", "SPIN_PARK"})
    void shouldNeverLoseAWakeUpWhenTheConsumersRecheckIsSlow(IdlePolicy idle) throws Exception {
        runRoundTrips(new Subject(new SlowRecheckHandoff(idle), true));
    }

    /** {@code mpsc}'s queue and the shared parker, with a {@code hasWork} that pauses after its volatile read. */
    private static final class SlowRecheckHandoff implements HandoffStrategy<Request> {
        private final MpscUnboundedXaddArrayQueue<Request> queue = new MpscUnboundedXaddArrayQueue<>(256);
        private final ConsumerParker parker;

        SlowRecheckHandoff(IdlePolicy idle) {
            parker = new ConsumerParker(idle, () -> {
                boolean hasWork = !queue.isEmpty();
                for (int i = ThreadLocalRandom.current().nextInt(2_000); i > 0; i--) {
                    Thread.onSpinWait();
                }
                return hasWork;
            });
        }

        @Override
        public void submit(Request request) {
            if (parker.isClosed()) {
                throw new HandoffClosedException();
            }
            queue.offer(request);
            parker.wakeIfParked();
        }

        @Override
        public int drain(Consumer<? super Request> sink, int limit) throws InterruptedException {
            int delivered = queue.drain(sink::accept, limit);
            if (delivered == 0 && !parker.isClosed()) {
                parker.awaitWork();
                delivered = queue.drain(sink::accept, limit);
            }
            return delivered == 0 && parker.isClosed() && queue.isEmpty() ? CLOSED : delivered;
        }

        @Override
        public long depth() {
            return queue.size();
        }

        @Override
        public void close() {
            parker.close();
        }
    }

    private static void runRoundTrips(Subject subject) throws Exception {
        HandoffStrategy<Request> strategy = subject.strategy();
        AtomicLong delivered = new AtomicLong();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            try {
                while (strategy.drain(request -> {
                    delivered.incrementAndGet();
                    request.servedBy().complete(Thread.currentThread());
                }, 256) != HandoffStrategy.CLOSED) {
                    // keep draining: producers have all returned before close() below
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long stopAt = System.nanoTime() + RUN_TIME_PER_CASE.toNanos();
        List<String> stuck = new ArrayList<>();
        long[] roundTrips = new long[PRODUCERS];
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    for (long sequence = 0; System.nanoTime() < stopAt; sequence++) {
                        pause(random);
                        Request request = new Request(producer, sequence, new CompletableFuture<>());
                        strategy.submit(request);
                        try {
                            assertThat(request.servedBy().get(STUCK_SECONDS, TimeUnit.SECONDS)).isSameAs(consumer);
                        } catch (TimeoutException e) {
                            synchronized (stuck) {
                                stuck.add("producer " + producer + " request " + sequence + ": not served within "
                                        + STUCK_SECONDS + " s; depth " + strategy.depth() + ", consumer "
                                        + consumer.getState() + " at " + Arrays.toString(consumer.getStackTrace()));
                            }
                            return;
                        }
                        roundTrips[producer]++;
                    }
                } catch (Exception | AssertionError e) {
                    synchronized (stuck) {
                        stuck.add("producer " + producer + ": " + e);
                    }
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        strategy.close();
        if (!subject.closeWakesConsumer()) {
            consumer.interrupt(); // its wait is endless and close() does not end it; drain throws, the loop ends
        }
        consumer.join(Duration.ofSeconds(STUCK_SECONDS));

        assertThat(stuck).as("lost wake-ups or failures").isEmpty();
        assertThat(consumer.isAlive()).as("consumer returned after close").isFalse();
        long total = Arrays.stream(roundTrips).sum();
        // The joins above order the producers' and the consumer's writes before these reads.
        assertThat(delivered.get()).as("requests delivered").isEqualTo(total);
        assertThat(total).as("round trips done; each one an idle-to-busy transition to get right").isPositive();
    }

    /** Nothing, a few spins, or a park: varies where the next submit lands relative to the consumer's park. */
    private static void pause(ThreadLocalRandom random) {
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> {
                for (int i = random.nextInt(200); i > 0; i--) {
                    Thread.onSpinWait();
                }
            }
            default -> LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
        }
    }
}
