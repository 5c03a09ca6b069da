package io.handoffbench.harness.metrics;

import org.HdrHistogram.Histogram;

/** The percentiles a result reports, in microseconds. */
public record LatencySummary(long count, double meanUs, double p50Us, double p90Us, double p99Us, double p999Us,
                             double maxUs) {

    private static final double NANOS_PER_MICRO = 1_000.0;

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(nanos.getTotalCount(),
                nanos.getMean() / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(50) / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(90) / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(99) / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(99.9) / NANOS_PER_MICRO,
                nanos.getMaxValue() / NANOS_PER_MICRO);
    }
}
