package io.handoffbench.harness.metrics;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent over an interval, by the whole process, by one thread (the worker) and by the clients' threads
 * (virtual threads' carriers, or platform client threads), with the time the JVM spent collecting garbage and
 * JIT-compiling beside it: the evidence for where a request's cost lies. On two cores the process can spend at most
 * two CPU-seconds per second; when it does, the throughput is {@code cores / cpu per request}, whatever the
 * handoff.
 *
 * <p>Threading: started and stopped by the one thread that controls the cell; the watched thread may be any live
 * thread (the JVM reads its CPU clock from outside).
 */
public final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Carriers of the JDK's virtual-thread scheduler ({@code ForkJoinPool-1-worker-1}), not the common pool's. */
    private static final String CARRIER_PREFIX = "ForkJoinPool-";
    /** Platform client threads, as the cell names them. */
    private static final String CLIENT_PREFIX = "client-";

    private final Thread watched;
    private final long wallStart;
    private final long processStart;
    private final long threadStart;
    private final Map<Long, Long> clientsStart;
    private final long gcStartMillis;
    private final long jitStartMillis;
    private double wallSeconds = Double.NaN;
    private double processNanos = Double.NaN;
    private double threadNanos = Double.NaN;
    private double clientsNanos = Double.NaN;
    private int clientThreads;
    private double gcMillis = Double.NaN;
    private double jitMillis = Double.NaN;

    private CpuClock(Thread watched) {
        this.watched = watched;
        this.clientsStart = clientThreadsCpu();
        this.gcStartMillis = gcMillis();
        this.jitStartMillis = jitMillis();
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
        long clients = 0;
        for (Map.Entry<Long, Long> now : clientThreadsCpu().entrySet()) {
            long spent = now.getValue() - clientsStart.getOrDefault(now.getKey(), 0L); // a new thread: all of it
            clients += spent;
            clientThreads += spent > 0 ? 1 : 0;
        }
        clientsNanos = THREADS.isThreadCpuTimeSupported() ? clients : Double.NaN;
        gcMillis = gcMillis() - gcStartMillis;
        jitMillis = jitStartMillis < 0 ? Double.NaN : jitMillis() - jitStartMillis;
    }

    /**
     * The CPU spent between {@link #start} and {@link #stop}, per request for {@code requests} requests. The
     * thread's share is NaN if its CPU clock could not be read (the platform does not support it, or the thread
     * ended, as a trapped worker's does); everything is NaN if the clock was never stopped.
     */
    public CpuUse use(long requests) {
        return new CpuUse(processNanos / 1e9 / wallSeconds, perRequestUs(processNanos, requests),
                perRequestUs(threadNanos, requests), threadNanos / 1e9 / wallSeconds,
                perRequestUs(clientsNanos, requests), clientThreads, gcMillis, jitMillis);
    }

    /** CPU nanoseconds so far of every live client thread (carrier or platform client), by thread id. */
    private static Map<Long, Long> clientThreadsCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!THREADS.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith(CARRIER_PREFIX)
                    || info.getThreadName().startsWith(CLIENT_PREFIX))) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** Milliseconds every collector has spent collecting, so far. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** Milliseconds the JVM's JIT compilers have spent compiling so far; -1 when the JVM does not say. */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
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
     * @param clientsUsPerRequest the clients' threads' CPU per request: virtual threads' carriers (their park,
     *                            unpark and remount included) or platform client threads; not GC or the JIT
     * @param clientThreads      how many of those threads ran during the interval: at most {@code --carriers}
     *                           for virtual-thread clients, unless the scheduler added carriers for blocked ones
     * @param gcMillis           time the collectors spent collecting over the interval (pauses and concurrent work)
     * @param jitMillis          time the JVM's JIT compilers spent compiling over the interval; NaN when unknown
     */
    public record CpuUse(double processCores, double processUsPerRequest, double workerUsPerRequest,
                         double workerCores, double clientsUsPerRequest, int clientThreads, double gcMillis,
                         double jitMillis) {
    }
}
