package io.handoffbench.harness.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latencies recorded while writers keep recording, handed over one interval at a time: what {@link LatencyLog}
 * reads once a second, whoever does the recording.
 */
@FunctionalInterface
public interface IntervalRecorder {

    /**
     * Adds everything recorded since the previous call into {@code into} and starts the next interval. One reader
     * at a time; writers may keep recording meanwhile, and nothing they record is lost or counted twice.
     */
    void addIntervalTo(Histogram into);
}
