package io.handoffbench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.MpscQueueHandoff;
import io.handoffbench.strategy.idle.ConsumerParker;
import io.handoffbench.strategy.idle.IdlePolicy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Close against park: {@code close()} writes the closed flag and then reads the announcement, the same handshake as
 * a publish. A close that lands while the consumer announces and parks must still end its wait.
 */
public final class ParkerCloseTest {

    private ParkerCloseTest() {
    }

    @JCStressTest(Mode.Termination)
    @Description("ConsumerParker(park) with nothing queued: awaitWork() against close().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer saw the close, or was unparked by it")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: parked after close")
    @State
    public static class Park {
        final ConsumerParker parker = new ConsumerParker(IdlePolicy.PARK, () -> false);

        @Actor
        public void consumer() {
            try {
                parker.awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void close() {
            parker.close();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("MpscQueueHandoff(park), empty: drain() until CLOSED, against close().")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "drain returned CLOSED")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the consumer kept waiting after close")
    @State
    public static class MpscHandoffPark {
        final MpscQueueHandoff<Object> handoff = new MpscQueueHandoff<>(IdlePolicy.PARK);

        @Actor
        public void consumer() {
            try {
                while (handoff.drain(request -> { }, 16) != HandoffStrategy.CLOSED) {
                    // a return of 0 (spurious wake-up) drains again
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void close() {
            handoff.close();
        }
    }
}
