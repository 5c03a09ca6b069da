package io.handoffbench.benchmarks.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems a benchmark found in its own answers, collected during {@code @TearDown} and thrown as one exception,
 * so that JMH marks the benchmark failed instead of reporting a number from a broken handoff. Not thread-safe: used
 * by the one thread that runs the teardown.
 */
public final class SelfCheck {

    private final String benchmark;
    private final List<String> problems = new ArrayList<>();

    public SelfCheck(String benchmark) {
        this.benchmark = benchmark;
    }

    /** Records {@code problem} unless {@code ok}. */
    public SelfCheck require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws when anything was recorded, naming every problem. */
    public void throwIfFailed() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(benchmark + " failed its self-check: " + String.join("; ", problems));
        }
    }
}
