package io.handoffbench.harness.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time spent over an interval, by the whole process and by one thread (the worker): the evidence for where a
 * request's cost lies. On two cores the process can spend at most two CPU-seconds per second; when it does, the
 * throughput is {@code cores / cpu per request}, whatever the handoff.
 *
 * <p>Threading: started and stopped by the one thread that controls the cell; the watched thread may be any live
 * thread (the JVM reads its CPU clock from outside).
 */
public final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread watched;
    private final long wallStart;
    private final long processStart;
    private final long threadStart;
    private double wallSeconds = Double.NaN;
    private double processNanos = Double.NaN;
    private double threadNanos = Double.NaN;

    private CpuClock(Thread watched) {
        this.watched = watched;
        this.wallStart = System.nanoTime();
        this.processStart = OS.getProcessCpuTime();
        this.threadStart = threadCpu(watched);
    }

    /** Starts the clock now, watching {@code thread} besides the process. */
    public static CpuClock start(Thread thread) {
        return new CpuClock(thread);
    }

    /** Stops the clock: the interval ends now. */
    public void stop() {
        wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        long process = OS.getProcessCpuTime();
        long thread = threadCpu(watched);
        processNanos = processStart < 0 || process < 0 ? Double.NaN : process - processStart;
        threadNanos = threadStart < 0 || thread < 0 ? Double.NaN : thread - threadStart;
    }

    /**
     * The CPU spent between {@link #start} and {@link #stop}, per request for {@code requests} requests. The
     * thread's share is NaN if its CPU clock could not be read (the platform does not support it, or the thread
     * ended, as a trapped worker's does); everything is NaN if the clock was never stopped.
     */
    public CpuUse use(long requests) {
        return new CpuUse(processNanos / 1e9 / wallSeconds, perRequestUs(processNanos, requests),
                perRequestUs(threadNanos, requests), threadNanos / 1e9 / wallSeconds);
    }

    private static double perRequestUs(double nanos, long requests) {
        return requests > 0 ? nanos / 1e3 / requests : Double.NaN;
    }

    private static long threadCpu(Thread thread) {
        if (thread == null || !thread.isAlive() || !THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        return THREADS.getThreadCpuTime(thread.threadId());
    }

    /**
     * @param processCores       process CPU-seconds per second of the interval (at most the machine's cores)
     * @param processUsPerRequest process CPU per request: the worker's, the clients', GC's and the JIT's together
     * @param workerUsPerRequest the worker thread's CPU per request (the reducer, the handoff, and any spinning)
     * @param workerCores        the worker thread's CPU-seconds per second (1 when it never sleeps)
     */
    public record CpuUse(double processCores, double processUsPerRequest, double workerUsPerRequest,
                         double workerCores) {
    }
}
