package io.handoffbench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The handshake {@code ConsumerParker} rests on, as decisions without the park itself (so a lost wake-up shows as an
 * outcome instead of a hang):
 * <pre>
 *   producer: publish (P1);            r1 = announcement seen ? 1 (will unpark) : 0 (will not)     (P2)
 *   consumer: announce the park (C1);  r2 = request seen      ? 1 (won't park)  : 0 (will park)    (C2)
 * </pre>
 * "0, 0" is the lost wake-up: the consumer parks and nobody unparks it. Each side is store-then-load, so only
 * sequentially consistent (volatile) accesses forbid it; the release/acquire control shows that weaker ones do not.
 */
public final class DekkerHandshakeTest {

    private DekkerHandshakeTest() {
    }

    /** The model: two volatile fields, as {@code ConsumerParker}'s announcement and a queue's producer index. */
    @JCStressTest
    @Description("Volatile publish then volatile read of the announcement, against volatile announce then re-check.")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: consumer parks, producer does not unpark")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "consumer parks, producer unparks it")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "consumer sees the request and does not park")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both see each other: one unpark spare, harmless")
    @State
    public static class Volatile {
        volatile boolean published;
        volatile boolean announced;

        @Actor
        public void producer(II_Result r) {
            published = true;
            r.r1 = announced ? 1 : 0;
        }

        @Actor
        public void consumer(II_Result r) {
            announced = true;
            r.r2 = published ? 1 : 0;
        }
    }

    /**
     * The real publish and re-check: JCTools' {@code offer} (an atomic add on the producer index, then an ordered
     * store of the element) and {@code isEmpty} (volatile loads of both indices), with a volatile announcement, as
     * in {@code MpscQueueHandoff}.
     */
    @JCStressTest
    @Description("MpscUnboundedXaddArrayQueue.offer then volatile read, against volatile write then isEmpty().")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: consumer parks, producer does not unpark")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "consumer parks, producer unparks it")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "consumer sees the request and does not park")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both see each other: one unpark spare, harmless")
    @State
    public static class XaddQueue {
        final MpscUnboundedXaddArrayQueue<Object> queue = new MpscUnboundedXaddArrayQueue<>(16);
        volatile Thread announced;

        @Actor
        public void producer(II_Result r) {
            queue.offer(Boolean.TRUE);
            r.r1 = announced != null ? 1 : 0;
        }

        @Actor
        public void consumer(II_Result r) {
            announced = Thread.currentThread();
            r.r2 = queue.isEmpty() ? 0 : 1;
        }
    }

    /**
     * Control: release stores and acquire loads do not order a store before a later load (x86 reorders exactly
     * that through its store buffer), so "0, 0" may appear. Why the parker uses volatile on both sides.
     */
    @JCStressTest
    @Description("Control: setRelease then getAcquire on each side; the lost wake-up is allowed and may be seen.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "lost wake-up: why release/acquire is not enough")
    @Outcome(id = {"1, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "at least one side saw the other")
    @State
    public static class ReleaseAcquireControl {
        private static final VarHandle PUBLISHED;
        private static final VarHandle ANNOUNCED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                PUBLISHED = lookup.findVarHandle(ReleaseAcquireControl.class, "published", boolean.class);
                ANNOUNCED = lookup.findVarHandle(ReleaseAcquireControl.class, "announced", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        boolean published;
        boolean announced;

        @Actor
        public void producer(II_Result r) {
            PUBLISHED.setRelease(this, true);
            r.r1 = (boolean) ANNOUNCED.getAcquire(this) ? 1 : 0;
        }

        @Actor
        public void consumer(II_Result r) {
            ANNOUNCED.setRelease(this, true);
            r.r2 = (boolean) PUBLISHED.getAcquire(this) ? 1 : 0;
        }
    }
}
