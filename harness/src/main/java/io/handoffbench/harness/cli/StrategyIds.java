package io.handoffbench.harness.cli;

import io.handoffbench.strategy.HandoffStrategies;
import java.util.Iterator;

/** The registered strategy ids, for {@code --help}; found through ServiceLoader each time it is asked. */
public final class StrategyIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return HandoffStrategies.load().ids().iterator();
    }
}
