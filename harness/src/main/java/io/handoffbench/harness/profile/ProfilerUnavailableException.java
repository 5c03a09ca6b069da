package io.handoffbench.harness.profile;

/** {@code --profile} cannot sample here: no native library for this OS and CPU, or the profiler refused to start. */
public final class ProfilerUnavailableException extends Exception {

    public ProfilerUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
