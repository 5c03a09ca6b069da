package io.handoffbench.strategy;

import io.handoffbench.strategy.idle.IdlePolicy;

/**
 * Makes one kind of {@link HandoffStrategy}. The service interface found through {@link java.util.ServiceLoader}:
 * list an implementation in {@code META-INF/services/io.handoffbench.strategy.HandoffStrategyFactory} of any jar
 * on the class path and it appears in {@code --strategy} and {@code --help} with no change to the harness.
 *
 * <p>Implementations need a public no-argument constructor and must be safe to call from any thread.
 */
public interface HandoffStrategyFactory {

    /** The short, stable command-line id: lower case letters, digits and dashes, unique among all factories. */
    String id();

    /** One line for {@code --help}: the mechanism and how the consumer waits. */
    String description();

    /**
     * A new, unshared strategy instance, ready for {@code submit} and {@code drain}, whose consumer waits as
     * {@code idle} says when {@link #honours honours(idle)}; otherwise {@code idle} is ignored and the strategy
     * waits its own way (its {@link #description()} says which).
     */
    <T> HandoffStrategy<T> create(IdlePolicy idle);

    /** {@link #create(IdlePolicy)} with {@link IdlePolicy#DEFAULT}. */
    default <T> HandoffStrategy<T> create() {
        return create(IdlePolicy.DEFAULT);
    }

    /**
     * Whether {@link #create(IdlePolicy)} makes the consumer wait as {@code idle} says. False for strategies whose
     * wait is part of the mechanism they stand for (a JDK blocking queue's own condition); the harness reports
     * those as ignoring {@code --idle}, and the contract test runs them once.
     */
    default boolean honours(IdlePolicy idle) {
        return false;
    }
}
