package io.handoffbench.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The strategies registered through {@link ServiceLoader}: the built-ins first, from the baseline to the most
 * specialised, then any others by id. Immutable once built; safe to share between threads.
 */
public final class HandoffStrategies {

    private static final Pattern VALID_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final List<String> BUILT_IN_ORDER = List.of(
            "rendezvous", "rendezvous-fifo", "rendezvous-flume", "linked", "mpsc", "disruptor", "ltq", "mpsc-blocking");
    private static final Comparator<HandoffStrategyFactory> DISPLAY_ORDER = Comparator
            .comparingInt(HandoffStrategies::builtInRank)
            .thenComparing(HandoffStrategyFactory::id);

    private final Map<String, HandoffStrategyFactory> byId;

    private HandoffStrategies(Map<String, HandoffStrategyFactory> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Every strategy visible to {@code loader}. */
    public static HandoffStrategies load(ClassLoader loader) {
        Map<String, HandoffStrategyFactory> byId = new LinkedHashMap<>();
        for (HandoffStrategyFactory factory : ServiceLoader.load(HandoffStrategyFactory.class, loader)) {
            String id = factory.id();
            if (id == null || !VALID_ID.matcher(id).matches()) {
                throw new IllegalStateException("strategy " + factory.getClass().getName() + " has an invalid id '"
                        + id + "': use lower case letters, digits and dashes");
            }
            HandoffStrategyFactory previous = byId.putIfAbsent(id, factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new IllegalStateException("two strategies claim the id '" + id + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        Map<String, HandoffStrategyFactory> ordered = new LinkedHashMap<>();
        byId.values().stream().sorted(DISPLAY_ORDER).forEach(factory -> ordered.put(factory.id(), factory));
        return new HandoffStrategies(ordered);
    }

    private static int builtInRank(HandoffStrategyFactory factory) {
        boolean builtIn = factory.getClass().getPackageName().equals(HandoffStrategies.class.getPackageName());
        int rank = BUILT_IN_ORDER.indexOf(factory.id());
        return builtIn && rank >= 0 ? rank : BUILT_IN_ORDER.size();
    }

    /** Every strategy visible to the thread's context class loader. */
    public static HandoffStrategies load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public List<HandoffStrategyFactory> all() {
        return new ArrayList<>(byId.values());
    }

    public Optional<HandoffStrategyFactory> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
