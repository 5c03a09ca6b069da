package io.handoffbench.harness.cell;

import java.time.Duration;

/**
 * {@code --profile}: what is sampled, in which trials, and how. The sampling event is chosen once, before the sweep,
 * by trying what this machine allows, so that every profiled cell samples the same way.
 *
 * @param kind       what is sampled; null when profiling is off
 * @param firstTrial the first trial profiled: 1 profiles every trial, the last trial leaves the others unprofiled
 *                   to measure the profiler's overhead against
 * @param event      async-profiler's event and its options ({@code cpu-clock,alluser}, {@code itimer}, ...); null
 *                   for {@link ProfileKind#JFR} and when off
 * @param interval   the sampling interval of CPU and wall-clock samples; null for the other kinds and when off
 */
public record ProfileSettings(ProfileKind kind, int firstTrial, String event, Duration interval) {

    public static final ProfileSettings OFF = new ProfileSettings(null, 0, null, null);

    public boolean on() {
        return kind != null;
    }

    /** Whether {@code id} is profiled: a strategy's cell in a profiled trial (the ceiling never is). */
    public boolean appliesTo(CellId id) {
        return on() && !id.isCeiling() && id.trial() >= firstTrial;
    }
}
