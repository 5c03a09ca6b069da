package io.handoffbench.strategy.idle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared wait and wake-up, with a real JCTools queue as the work a producer publishes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerParkerTest {

    private final MpscUnboundedXaddArrayQueue<String> queue = new MpscUnboundedXaddArrayQueue<>(64);

    private ConsumerParker parker(IdlePolicy policy) {
        return new ConsumerParker(policy, () -> !queue.isEmpty());
    }

    /** The consumer thread's outcome: "work", "closed", "interrupted" or the failure. */
    private static Thread waitingConsumer(ConsumerParker parker, AtomicReference<String> outcome) {
        return Thread.ofPlatform().name("consumer").start(() -> {
            try {
                parker.awaitWork();
                outcome.set(parker.isClosed() ? "closed" : "work");
            } catch (InterruptedException e) {
                outcome.set("interrupted");
            } catch (Throwable t) {
                outcome.set(t.toString());
            }
        });
    }

    @Test
    void shouldReturnAtOnceWhenWorkIsAlreadyQueued() throws Exception {
        ConsumerParker parker = parker(IdlePolicy.PARK);
        queue.offer("r");

        parker.awaitWork(); // the class timeout catches a park here

        assertThat(parker.isConsumerParked()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IdlePolicy.class, names = {"PARK", "SPIN_PARK"})
    void shouldAnnounceTheParkAndBeWokenByAProducerThatPublishes(IdlePolicy policy) throws Exception {
        ConsumerParker parker = parker(policy);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread consumer = waitingConsumer(parker, outcome);
        awaitParked(parker, consumer);

        queue.offer("r");
        parker.wakeIfParked();
        consumer.join(Duration.ofSeconds(10));

        assertThat(consumer.isAlive()).as("consumer still parked 10 s after a publish and wake-up").isFalse();
        assertThat(outcome).hasValue("work");
        assertThat(parker.isConsumerParked()).as("announcement withdrawn after the wait").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IdlePolicy.class, names = {"YIELD", "SPIN"})
    void shouldSeeWorkWithoutBeingUnparkedWhenNeverParking(IdlePolicy policy) throws Exception {
        ConsumerParker parker = parker(policy);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread consumer = waitingConsumer(parker, outcome);
        Thread.sleep(20);

        assertThat(parker.isConsumerParked()).as("a spinning consumer never announces a park").isFalse();
        queue.offer("r"); // no wakeIfParked: a spinning consumer must not need one
        consumer.join(Duration.ofSeconds(10));

        assertThat(consumer.isAlive()).isFalse();
        assertThat(outcome).hasValue("work");
    }

    @Test
    void shouldStayParkedWhenUnparkedWithoutWork() throws Exception {
        ConsumerParker parker = parker(IdlePolicy.PARK);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread consumer = waitingConsumer(parker, outcome);
        awaitParked(parker, consumer);

        parker.wakeIfParked(); // a wake-up with nothing published: a spurious return must re-check and park again
        Thread.sleep(50);

        assertThat(consumer.isAlive()).isTrue();
        assertThat(parker.isConsumerParked()).isTrue();
        parker.close();
        consumer.join(Duration.ofSeconds(10));
        assertThat(outcome).hasValue("closed");
    }

    @ParameterizedTest
    @EnumSource(IdlePolicy.class)
    void shouldEndTheWaitWhenClosed(IdlePolicy policy) throws Exception {
        ConsumerParker parker = parker(policy);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread consumer = waitingConsumer(parker, outcome);
        if (policy.parks()) {
            awaitParked(parker, consumer);
        } else {
            Thread.sleep(20);
        }

        parker.close();
        consumer.join(Duration.ofSeconds(10));

        assertThat(consumer.isAlive()).as("consumer still waiting 10 s after close").isFalse();
        assertThat(outcome).hasValue("closed");
    }

    @ParameterizedTest
    @EnumSource(IdlePolicy.class)
    void shouldThrowInterruptedExceptionWhenInterruptedWhileWaiting(IdlePolicy policy) throws Exception {
        ConsumerParker parker = parker(policy);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread consumer = waitingConsumer(parker, outcome);
        if (policy.parks()) {
            awaitParked(parker, consumer);
        } else {
            Thread.sleep(20);
        }

        consumer.interrupt();
        consumer.join(Duration.ofSeconds(10));

        assertThat(consumer.isAlive()).as("consumer still waiting 10 s after an interrupt").isFalse();
        assertThat(outcome).hasValue("interrupted");
        assertThat(parker.isConsumerParked()).isFalse();
    }

    /** Waits until the consumer has announced its park and is parked (or blocked) in it. */
    private static void awaitParked(ConsumerParker parker, Thread consumer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(parker.isConsumerParked() && consumer.getState() == Thread.State.WAITING)) {
            assertThat(System.nanoTime() - deadline).as("consumer parked within 10 s").isNegative();
            Thread.sleep(1);
        }
    }
}
