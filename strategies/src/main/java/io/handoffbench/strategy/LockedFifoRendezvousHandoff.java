package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A rendezvous shaped like flume's {@code bounded(0)}, the channel SpacetimeDB's JS worker used before PR #4704: one
 * mutex around the channel and a FIFO of waiting senders, each with its own signal.
 *
 * <ul>
 *   <li>A producer that finds the consumer waiting hands its request straight into the consumer's slot, signals it
 *       and returns: the consumer has it.</li>
 *   <li>Otherwise it appends a hook (its request and its thread) to the back of a deque and parks, outside the
 *       lock, until the consumer has taken that request ({@code push_back}, then wait on its own signal).</li>
 *   <li>The consumer takes the oldest hook under the lock ({@code pop_front}), marks it taken and, after the lock,
 *       unparks its producer; in one drain it takes up to {@code limit} hooks already waiting, as
 *       {@link SynchronousQueueHandoff} meets producers already blocked in {@code put}. The requests reach the sink
 *       after the lock is released, so the JS call never holds producers out of the channel.</li>
 * </ul>
 *
 * <p>Threading and memory ordering (the numbers are cited at the lines that rely on them):
 * <ol>
 *   <li>Every field marked "guarded by lock" is read and written only with {@link #lock} held, so a producer's
 *       writes before {@code submit(r)} (and {@code r} itself) happen-before the consumer's {@code sink.accept(r)}:
 *       the producer's unlock after publishing {@code r} comes before the consumer's lock that takes it.</li>
 *   <li>{@link Hook#taken} is written once, {@code false} to {@code true}, by the consumer with the lock held, after
 *       removing the hook from the deque; the producer reads it with or without the lock. So "not taken", read under
 *       the lock, means the hook is still in the deque and its request was never handed over.</li>
 *   <li>A producer parks only after its hook is in the deque, and re-reads {@code taken} (volatile) after every
 *       return from park. The consumer unparks after setting {@code taken}; an unpark that comes before the park
 *       leaves a permit ({@link LockSupport}), so the park returns at once. No wake-up of a producer is lost.</li>
 *   <li>The consumer reads {@link #closed} and the slot and the deque under the lock before it waits, and
 *       {@link #close} and every producer that hands over signal the condition under the same lock, so neither a
 *       close nor a handed request can slip in between the check and the wait. The wait's timeout is a safety net,
 *       not the mechanism.</li>
 *   <li>{@link #depth} is a volatile written under the lock and read by any thread: a momentary estimate.</li>
 * </ol>
 *
 * <p>Ignores {@code --idle}: the consumer waits on the lock's condition, as flume's receiver blocks on its own
 * signal; that wait is part of the channel this models. One hook is allocated per producer that has to wait, as
 * flume allocates one per blocking send.
 */
public final class LockedFifoRendezvousHandoff<T> implements HandoffStrategy<T> {

    /** A producer waiting in {@code submit}: its request, its thread, and whether the consumer took it (2). */
    private static final class Hook<T> {
        final T request;
        final Thread producer;
        volatile boolean taken;

        Hook(T request, Thread producer) {
            this.request = request;
            this.producer = producer;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** The consumer waits here while the slot and the deque are empty. */
    private final Condition requestArrived = lock.newCondition();
    /** Producers waiting for the consumer, oldest first. Guarded by lock. */
    private final ArrayDeque<Hook<T>> waitingProducers = new ArrayDeque<>();
    /** True while the consumer waits on {@link #requestArrived} with an empty slot. Guarded by lock. */
    private boolean consumerWaiting;
    /** A request handed straight to the waiting consumer; its producer has returned. Guarded by lock. */
    private T slot;
    /** Guarded by lock. */
    private boolean closed;
    /** Hooks in the deque plus a filled slot (5). */
    private volatile int depth;

    /** Consumer thread only: the hooks one drain took, released and delivered after the lock. */
    private final ArrayList<Hook<T>> taken = new ArrayList<>();
    /** How long the consumer's wait on {@link #requestArrived} lasts at most. */
    private final long waitSliceNanos;

    public LockedFifoRendezvousHandoff() {
        this(TimedPollDrain.WAIT_SLICE_NANOS);
    }

    /** With the consumer's wait lasting at most {@code waitSliceNanos}: tests make a lost wake-up hang. */
    LockedFifoRendezvousHandoff(long waitSliceNanos) {
        this.waitSliceNanos = waitSliceNanos;
    }

    @Override
    public void submit(T request) throws InterruptedException {
        Hook<T> hook;
        lock.lock();
        try {
            // Checked under the lock (4): a producer that got past it before close() is met by the consumer,
            // which keeps draining after close until every producer has returned (see HandoffStrategy).
            if (closed) {
                throw new HandoffClosedException();
            }
            if (consumerWaiting) {
                slot = request; // (1) read by the consumer under this lock
                consumerWaiting = false; // only one producer hands over per wait
                updateDepth();
                requestArrived.signal();
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException(); // would have to wait, and is interrupted: as SynchronousQueue.put
            }
            hook = new Hook<>(request, Thread.currentThread());
            waitingProducers.addLast(hook); // push_back: FIFO among waiting producers
            updateDepth();
        } finally {
            lock.unlock();
        }
        // (3) the hook is in the deque before this thread first parks; taken is re-read after every return.
        while (!hook.taken) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                withdrawOrAccept(hook);
                return;
            }
        }
    }

    /**
     * An interrupted producer: withdraws its request and throws if the consumer has not taken it, else returns as
     * a normal submit (the request is delivered) with the interrupt status set again.
     */
    private void withdrawOrAccept(Hook<T> hook) throws InterruptedException {
        lock.lock();
        try {
            if (!hook.taken) { // (2) not taken under the lock: still in the deque, never delivered
                waitingProducers.removeFirstOccurrence(hook);
                updateDepth();
                throw new InterruptedException();
            }
        } finally {
            lock.unlock();
        }
        Thread.currentThread().interrupt();
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        T handed;
        boolean wasClosed;
        lock.lock();
        try {
            wasClosed = closed;
            if (slot == null && waitingProducers.isEmpty() && !wasClosed) {
                // (4) checked under the lock; a producer or close() that comes now signals after we wait.
                consumerWaiting = true;
                try {
                    requestArrived.awaitNanos(waitSliceNanos);
                } finally {
                    consumerWaiting = false; // a timeout or an interrupt: producers append hooks again
                }
                wasClosed = closed;
            }
            handed = slot;
            slot = null;
            int budget = handed == null ? limit : limit - 1;
            Hook<T> hook;
            while (taken.size() < budget && (hook = waitingProducers.pollFirst()) != null) { // pop_front: oldest
                hook.taken = true; // (2) after its removal, with the lock held
                taken.add(hook);
            }
            updateDepth();
        } finally {
            lock.unlock();
        }
        // (3) after taken = true. Outside the lock, so that the wake-ups' system calls do not hold producers out;
        // before the sink, so that no producer waits for the JS calls of the batch.
        for (int i = 0; i < taken.size(); i++) {
            LockSupport.unpark(taken.get(i).producer);
        }
        int delivered = 0;
        if (handed != null) {
            sink.accept(handed); // the oldest: its producer handed over before any hook now taken was appended
            delivered++;
        }
        for (int i = 0; i < taken.size(); i++) {
            sink.accept(taken.get(i).request);
        }
        delivered += taken.size();
        taken.clear();
        return delivered == 0 && wasClosed ? CLOSED : delivered;
    }

    /** Under the lock (5). */
    private void updateDepth() {
        depth = waitingProducers.size() + (slot == null ? 0 : 1);
    }

    @Override
    public long depth() {
        return depth;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            requestArrived.signal(); // (4) a consumer waiting now returns at once
        } finally {
            lock.unlock();
        }
    }

    /** {@code rendezvous-flume}: flume's {@code bounded(0)}, one lock and a FIFO of waiting producers. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "rendezvous-flume";
        }

        @Override
        public String description() {
            return "flume bounded(0) shape: one lock, a FIFO of waiting clients each parked on its own signal;"
                    + " the worker waits on the lock's condition (ignores --idle)";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy ignored) {
            return new LockedFifoRendezvousHandoff<>();
        }
    }
}
