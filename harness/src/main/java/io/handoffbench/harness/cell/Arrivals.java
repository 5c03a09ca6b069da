package io.handoffbench.harness.cell;

import java.util.Locale;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.Well19937c;

/** How an open loop spaces one client's requests. */
public enum Arrivals {
    /** Evenly spaced: one request every {@code 1 / rate}. */
    CONSTANT,
    /** A Poisson process: exponentially distributed gaps with mean {@code 1 / rate}, as independent users make. */
    POISSON;

    /** The command-line spelling: {@code constant}, {@code poisson}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The gaps between one client's sends. Not thread-safe: one per client.
     *
     * @param ratePerSecond this client's share of the total rate
     */
    public Gaps gaps(double ratePerSecond, int clientId, long seed) {
        double meanNanos = 1e9 / ratePerSecond;
        if (this == CONSTANT) {
            long gap = Math.max(1, Math.round(meanNanos));
            return () -> gap;
        }
        ExponentialDistribution exponential = new ExponentialDistribution(
                new Well19937c(seed * 7_919L + clientId), meanNanos);
        return () -> Math.max(1, Math.round(exponential.sample()));
    }

    /** Nanoseconds from one intended send to the next. */
    @FunctionalInterface
    public interface Gaps {
        long nextNanos();
    }
}
