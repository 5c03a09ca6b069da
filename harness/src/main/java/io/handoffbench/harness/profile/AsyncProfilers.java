package io.handoffbench.harness.profile;

import io.handoffbench.harness.cell.ProfileSettings;
import one.profiler.AsyncProfiler;

/** Loads async-profiler's native library from its jar, and spells its start command; one place for both. */
final class AsyncProfilers {

    private AsyncProfilers() {
    }

    /** The profiler of this JVM, its library extracted from the jar for this OS and CPU. */
    static AsyncProfiler load() throws ProfilerUnavailableException {
        try {
            return AsyncProfiler.getInstance();
        } catch (LinkageError | IllegalStateException e) {
            throw new ProfilerUnavailableException("async-profiler has no native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (it ships linux-x64, "
                    + "linux-arm64 and macOS): " + e.getMessage(), e);
        }
    }

    /** {@code start,event=cpu-clock,alluser,interval=1000000,threads}: each thread's stacks apart, named. */
    static String startCommand(ProfileSettings settings) {
        StringBuilder command = new StringBuilder("start,event=").append(settings.event());
        if (settings.interval() != null) {
            command.append(",interval=").append(settings.interval().toNanos());
        }
        return command.append(",threads").toString();
    }
}
