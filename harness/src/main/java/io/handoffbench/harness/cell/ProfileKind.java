package io.handoffbench.harness.cell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code --profile} samples while a cell measures; each names the evidence it leaves in {@code profiles/}. */
public enum ProfileKind {
    /** CPU time, with async-profiler: a flame graph, collapsed stacks and the CPU breakdown per request. */
    CPU,
    /** Wall-clock time of every thread, running or not, with async-profiler: where threads wait. */
    WALL,
    /** Heap allocations, with async-profiler: who makes the garbage the GC collects. */
    ALLOC,
    /** Contended locks, with async-profiler: who waits for a monitor or a {@code ReentrantLock}. */
    LOCK,
    /** The JDK's own Flight Recorder (its {@code profile} settings), a {@code .jfr} file for JDK Mission Control. */
    JFR;

    /** The id on the command line and in files: {@code cpu}, {@code wall}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether async-profiler records it; {@link #JFR} is the JDK's. */
    public boolean asyncProfiler() {
        return this != JFR;
    }

    public static Optional<ProfileKind> fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }

    /** {@code cpu, wall, alloc, lock, jfr}, for messages. */
    public static String validIds() {
        return Arrays.stream(values()).map(ProfileKind::id).collect(Collectors.joining(", "));
    }
}
