package io.handoffbench.harness.testing;

import io.handoffbench.strategy.TimedPollDrain;
import io.handoffbench.strategy.HandoffClosedException;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A strategy that exists only on the test class path, registered in this module's test resources: it proves a
 * strategy jar dropped on the class path shows up in {@code --strategy}, {@code --help} and the contract tests with
 * no change to the harness. A bounded {@link ArrayBlockingQueue}: one lock, producers block when it is full.
 */
public final class ArrayBlockingQueueHandoff<T> implements HandoffStrategy<T> {

    private final ArrayBlockingQueue<T> queue = new ArrayBlockingQueue<>(1024);
    private volatile boolean closed;

    @Override
    public void submit(T request) throws InterruptedException {
        while (!queue.offer(request, 10, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new HandoffClosedException();
            }
        }
        if (closed && queue.remove(request)) {
            throw new HandoffClosedException();
        }
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        return TimedPollDrain.drain(queue, closed, sink, limit);
    }

    @Override
    public long depth() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** {@code test-array}. */
    public static final class Factory implements HandoffStrategyFactory {
        @Override
        public String id() {
            return "test-array";
        }

        @Override
        public String description() {
            return "test only: bounded ArrayBlockingQueue, registered from test resources";
        }

        @Override
        public <T> HandoffStrategy<T> create(IdlePolicy ignored) {
            return new ArrayBlockingQueueHandoff<>();
        }
    }
}
