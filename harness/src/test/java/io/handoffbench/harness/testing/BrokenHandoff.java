package io.handoffbench.harness.testing;

import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A real strategy that breaks the {@link HandoffStrategy} contract on purpose, once in every {@code every} submits:
 * it loses the request (returns from {@code submit} without handing it over) or delivers it twice. For tests that
 * the harness catches it; never registered, so no other test or sweep meets it.
 *
 * <p>Thread-safe as its delegate is: the count is one atomic add per submit.
 */
public final class BrokenHandoff<T> implements HandoffStrategy<T> {

    /** What it does to one request in {@code every}. */
    public enum Fault { LOSE, DUPLICATE }

    private final HandoffStrategy<T> delegate;
    private final Fault fault;
    private final long every;
    private final AtomicLong submits = new AtomicLong();

    private BrokenHandoff(HandoffStrategy<T> delegate, Fault fault, long every) {
        this.delegate = delegate;
        this.fault = fault;
        this.every = every;
    }

    /** A factory of {@code id}'s strategy that commits {@code fault} once in {@code every} submits. */
    public static HandoffStrategyFactory factory(String id, Fault fault, long every) {
        HandoffStrategyFactory real = TestCells.strategy(id);
        return new HandoffStrategyFactory() {
            @Override
            public String id() {
                return id + "-" + fault.name().toLowerCase(java.util.Locale.ROOT) + "s";
            }

            @Override
            public String description() {
                return real.description() + ", but " + fault + " one request in " + every;
            }

            @Override
            public <R> HandoffStrategy<R> create(IdlePolicy idle) {
                return new BrokenHandoff<>(real.create(idle), fault, every);
            }

            @Override
            public boolean honours(IdlePolicy idle) {
                return real.honours(idle);
            }
        };
    }

    @Override
    public void submit(T request) throws InterruptedException {
        if (submits.incrementAndGet() % every != 0) {
            delegate.submit(request);
        } else if (fault == Fault.DUPLICATE) {
            delegate.submit(request);
            delegate.submit(request);
        }
        // Fault.LOSE: returns as if it had handed the request over
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) throws InterruptedException {
        return delegate.drain(sink, limit);
    }

    @Override
    public long depth() {
        return delegate.depth();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
