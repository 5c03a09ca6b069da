package io.handoffbench.harness.profile;

import io.handoffbench.harness.cell.ProfileKind;
import io.handoffbench.harness.cell.ProfileSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.FlightRecorder;
import one.profiler.AsyncProfiler;

/**
 * Chooses, once before a sweep, how this machine lets {@code --profile} sample, by starting and stopping the profiler
 * in this JVM: CPU time through Linux perf events for user space ({@code cpu-clock,alluser}, which
 * {@code kernel.perf_event_paranoid} 2 allows), else per-thread CPU timers ({@code ctimer}), else the process's
 * ({@code itimer}). The other kinds have one event each. Every cell then samples the same way.
 *
 * <p>The system property {@value #EVENT_PROPERTY} replaces the list with one event of one's choice (to force
 * {@code itimer}, say; tests force a refusal with an event that does not exist).
 */
public final class SamplingChoice {

    /** Overrides the event tried; nothing else is tried then. */
    public static final String EVENT_PROPERTY = "handoffbench.profiler.event";
    /** CPU-time events, best first. */
    static final List<String> CPU_EVENTS = List.of("cpu-clock,alluser", "ctimer", "itimer");

    private SamplingChoice() {
    }

    /**
     * The settings every profiled cell uses, with the event that started here.
     *
     * @param firstTrial the first trial profiled
     * @param interval   the sampling interval of CPU and wall-clock samples
     * @throws ProfilerUnavailableException naming why nothing could start
     */
    public static ProfileSettings choose(ProfileKind kind, int firstTrial, Duration interval)
            throws ProfilerUnavailableException {
        if (kind == ProfileKind.JFR) {
            if (!FlightRecorder.isAvailable()) {
                throw new ProfilerUnavailableException("this JVM has no Flight Recorder", null);
            }
            return new ProfileSettings(kind, firstTrial, null, null);
        }
        AsyncProfiler profiler = AsyncProfilers.load();
        boolean timed = kind == ProfileKind.CPU || kind == ProfileKind.WALL;
        List<String> failures = new ArrayList<>();
        for (String event : candidates(kind)) {
            ProfileSettings settings = new ProfileSettings(kind, firstTrial, event, timed ? interval : null);
            try {
                profiler.execute(AsyncProfilers.startCommand(settings));
                profiler.execute("stop");
                return settings;
            } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
                failures.add("event=" + event + ": " + e.getMessage());
            }
        }
        throw new ProfilerUnavailableException("async-profiler " + profiler.getVersion() + " refuses to start on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " ("
                + String.join("; ", failures) + ")", null);
    }

    private static List<String> candidates(ProfileKind kind) {
        String forced = System.getProperty(EVENT_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return List.of(forced);
        }
        return kind == ProfileKind.CPU ? CPU_EVENTS : List.of(kind.id());
    }
}
