package io.handoffbench.benchmarks.support;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.List;

/**
 * The strategy {@code @Param}: its name, and the registry behind it. The benchmarks' annotations list six of the
 * built-in ids because JMH needs values at compile time; {@code BenchmarksMain} replaces them with every id the
 * registry finds at run time, so a strategy added through {@code ServiceLoader} is benchmarked with no edit here.
 */
public final class Strategies {

    /** The name of the {@code @Param} field every strategy-swept benchmark declares. */
    public static final String PARAM = "strategy";

    private Strategies() {
    }

    /** Every registered id, built-ins first, as the harness lists them. */
    public static List<String> registeredIds() {
        return HandoffStrategies.load(Strategies.class.getClassLoader()).ids();
    }

    /** A new instance of strategy {@code id} with the default idle policy; an unknown id names the registered ones. */
    public static HandoffStrategy<Request> create(String id) {
        return factory(id).create();
    }

    /** A new instance of strategy {@code id} whose consumer waits as {@code idle} says, if the strategy honours it. */
    public static HandoffStrategy<Request> create(String id, IdlePolicy idle) {
        return factory(id).create(idle);
    }

    /** The factory registered as {@code id}; an unknown id names the registered ones. */
    public static HandoffStrategyFactory factory(String id) {
        HandoffStrategies registry = HandoffStrategies.load(Strategies.class.getClassLoader());
        return registry.find(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + id + "': registered are "
                        + String.join(", ", registry.ids())));
    }
}
