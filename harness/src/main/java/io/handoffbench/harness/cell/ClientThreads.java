package io.handoffbench.harness.cell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the clients run on: a thread each, or a few event loops that serve them all. */
public enum ClientThreads {
    /** A virtual thread per client, on the {@code --carriers} carrier threads (the default). */
    VIRTUAL,
    /** An OS thread per client. */
    PLATFORM,
    /**
     * A virtual thread per carrier, each an event loop that serves its share of the clients as wrk's threads serve
     * their connections: a client is a few fields, not a thread, so what a request touches does not grow with the
     * clients.
     */
    EVENT_LOOP;

    /** The command-line spelling: {@code virtual}, {@code platform}, {@code event-loop}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the clients' code runs on the virtual-thread scheduler's carriers. */
    public boolean onCarriers() {
        return this != PLATFORM;
    }

    public static Optional<ClientThreads> fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }

    /** The spellings, for error messages: {@code virtual, platform, event-loop}. */
    public static String validIds() {
        return Arrays.stream(values()).map(ClientThreads::id).collect(Collectors.joining(", "));
    }
}
