package io.handoffbench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.handoffbench.strategy.MpscQueueHandoff;
import io.handoffbench.strategy.idle.ConsumerParker;
import io.handoffbench.strategy.idle.IdlePolicy;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The real {@link ConsumerParker} with a real queue: the consumer waits in {@code awaitWork()} while one producer
 * publishes and calls {@code wakeIfParked()}. jcstress starts the consumer and then delivers the producer's signal,
 * so the publish lands before, during or after the consumer's announcement and park. "STALE" (the consumer never
 * returns) is a lost wake-up.
 */
public final class ParkerWakeUpTest {

    private ParkerWakeUpTest() {
    }

    /** The consumer side of {@code MpscQueueHandoff}'s wait, under one policy. */
    abstract static class ParkerAndQueue {
        final MpscUnboundedXaddArrayQueue<Object> queue = new MpscUnboundedXaddArrayQueue<>(16);
        final ConsumerParker parker;

        ParkerAndQueue(IdlePolicy idle) {
            parker = new ConsumerParker(idle, () -> !queue.isEmpty());
        }

        void awaitWork() {
            try {
                parker.awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // jcstress interrupts a stale actor; it is recorded as STALE
            }
        }

        void publishAndWake() {
            queue.offer(Boolean.TRUE);
            parker.wakeIfParked();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("ConsumerParker(park): awaitWork() against offer() + wakeIfParked().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer saw the request, or was unparked")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: parked with a request queued")
    @State
    public static class Park extends ParkerAndQueue {
        public Park() {
            super(IdlePolicy.PARK);
        }

        @Actor
        public void consumer() {
            awaitWork();
        }

        @Signal
        public void producer() {
            publishAndWake();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("ConsumerParker(spin-park): awaitWork() against offer() + wakeIfParked().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer saw the request, or was unparked")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: parked with a request queued")
    @State
    public static class SpinPark extends ParkerAndQueue {
        public SpinPark() {
            super(IdlePolicy.SPIN_PARK);
        }

        @Actor
        public void consumer() {
            awaitWork();
        }

        @Signal
        public void producer() {
            publishAndWake();
        }
    }

    /**
     * As {@link Park}, with a consumer whose re-check dawdles after its volatile read of the queue (allowed: only the
     * read must follow the announcement). It widens the window in which a parker that checks before it announces
     * would lose the wake-up from nanoseconds to microseconds, so that such a mistake shows up in a quick run: with
     * the announcement moved after the check, this test reports STALE where {@link Park} may not.
     */
    @JCStressTest(Mode.Termination)
    @Description("ConsumerParker(park), slow re-check: awaitWork() against offer() + wakeIfParked().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer saw the request, or was unparked")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: parked with a request queued")
    @State
    public static class ParkSlowRecheck {
        /** Spins after the queue read in each re-check: a few microseconds. */
        private static final int DAWDLE_SPINS = 2_000;

        final MpscUnboundedXaddArrayQueue<Object> queue = new MpscUnboundedXaddArrayQueue<>(16);
        final ConsumerParker parker = new ConsumerParker(IdlePolicy.PARK, () -> {
            boolean hasWork = !queue.isEmpty();
            for (int i = 0; i < DAWDLE_SPINS; i++) {
                Thread.onSpinWait();
            }
            return hasWork;
        });

        @Actor
        public void consumer() {
            try {
                parker.awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void producer() {
            queue.offer(Boolean.TRUE);
            parker.wakeIfParked();
        }
    }

    /** The whole strategy: {@code drain} until the one request is delivered, against {@code submit}. */
    @JCStressTest(Mode.Termination)
    @Description("MpscQueueHandoff(park): drain() until one request arrives, against submit().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the request was delivered")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the consumer parked with the request queued")
    @State
    public static class MpscHandoffPark {
        final MpscQueueHandoff<Object> handoff = new MpscQueueHandoff<>(IdlePolicy.PARK);

        @Actor
        public void consumer() {
            int[] delivered = {0};
            try {
                while (delivered[0] == 0) {
                    handoff.drain(request -> delivered[0]++, 16);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void producer() {
            handoff.submit(Boolean.TRUE);
        }
    }
}
