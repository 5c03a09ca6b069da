package io.handoffbench.strategy;

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

    /** A new, unshared strategy instance, ready for {@code submit} and {@code drain}. */
    <T> HandoffStrategy<T> create();
}
