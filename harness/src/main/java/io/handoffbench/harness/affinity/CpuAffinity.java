package io.handoffbench.harness.affinity;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux's per-thread CPU affinity, called through the FFM API ({@code java.lang.foreign}): {@code sched_getaffinity},
 * {@code sched_setaffinity} and {@code gettid} from the C library, with {@code errno} captured for messages. No
 * dependency; the JVM needs native access ({@code --enable-native-access=ALL-UNNAMED}, which the measuring JVM and
 * the tests have; without it the JDK warns once, and refuses only under {@code --illegal-native-access=deny}).
 *
 * <p>A thread is named by its kernel thread id ({@code tid}, as in {@code /proc/self/task/<tid>}); 0 is the calling
 * thread. A mask is a {@link BitSet} of CPU numbers. On Linux a new thread starts with its creator's mask.
 *
 * <p>Threading: stateless; every method may be called from any thread.
 */
public final class CpuAffinity {

    /** Bytes of glibc's {@code cpu_set_t}: 1024 CPUs. */
    static final int CPU_SET_BYTES = 128;
    /** The most CPUs a mask here can name. */
    public static final int MAX_CPUS = CPU_SET_BYTES * 8;
    /** The calling thread, for {@link #of} and {@link #set}. */
    public static final int CALLING_THREAD = 0;
    /** errno: no such thread (it ended between being listed and being asked). */
    static final int ESRCH = 3;

    private CpuAffinity() {
    }

    /** The C library's functions, bound once; or why they cannot be. */
    private static final class Native {
        static final MethodHandle GET;
        static final MethodHandle SET;
        static final MethodHandle GETTID;
        static final StructLayout STATE;
        static final VarHandle ERRNO;
        /** Why the calls cannot be made here, or null. */
        static final String UNAVAILABLE;

        static {
            MethodHandle get = null;
            MethodHandle set = null;
            MethodHandle gettid = null;
            StructLayout state = null;
            VarHandle errno = null;
            String unavailable = null;
            if (!isLinux(System.getProperty("os.name", ""))) {
                unavailable = notLinux(System.getProperty("os.name", ""));
            } else {
                try {
                    Linker linker = Linker.nativeLinker();
                    Linker.Option captureErrno = Linker.Option.captureCallState("errno");
                    state = Linker.Option.captureStateLayout();
                    errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                    // int sched_{get,set}affinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)
                    FunctionDescriptor affinity = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                    Optional<MemorySegment> getAddress = linker.defaultLookup().find("sched_getaffinity");
                    Optional<MemorySegment> setAddress = linker.defaultLookup().find("sched_setaffinity");
                    Optional<MemorySegment> gettidAddress = linker.defaultLookup().find("gettid"); // glibc 2.30+
                    if (getAddress.isEmpty() || setAddress.isEmpty()) {
                        unavailable = "sched_setaffinity is not in this C library";
                    } else if (gettidAddress.isEmpty()) {
                        unavailable = "gettid is not in this C library (glibc 2.30 or newer has it)";
                    } else {
                        get = linker.downcallHandle(getAddress.get(), affinity, captureErrno);
                        set = linker.downcallHandle(setAddress.get(), affinity, captureErrno);
                        gettid = linker.downcallHandle(gettidAddress.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
                    }
                } catch (IllegalCallerException e) {
                    unavailable = "native access is denied to the harness (it needs --enable-native-access="
                            + "ALL-UNNAMED): " + e.getMessage();
                } catch (RuntimeException | LinkageError e) {
                    unavailable = "sched_setaffinity cannot be called: " + e;
                }
            }
            GET = get;
            SET = set;
            GETTID = gettid;
            STATE = state;
            ERRNO = errno;
            UNAVAILABLE = unavailable;
        }
    }

    /**
     * Why {@code --pin-worker} cannot work in this JVM, or null when it can: not Linux, the calls missing or
     * refused, or fewer than 2 CPUs in the calling thread's mask (one for the worker, one for the rest).
     */
    public static String problemHere() {
        if (Native.UNAVAILABLE != null) {
            return problem(Native.UNAVAILABLE, null);
        }
        try {
            return problem(null, of(CALLING_THREAD));
        } catch (AffinityException e) {
            return problem("sched_getaffinity failed: " + e.getMessage(), null);
        }
    }

    /**
     * The check behind {@link #problemHere}, apart from this machine: {@code unavailable} says why the calls cannot
     * be made (null when they can), {@code allowed} is the CPUs this process may run on.
     */
    static String problem(String unavailable, BitSet allowed) {
        if (unavailable != null) {
            return "--pin-worker cannot work here: " + unavailable;
        }
        if (allowed.cardinality() < 2) {
            return "--pin-worker needs at least 2 CPUs, one for the worker and one for the rest; this process may run "
                    + "on " + allowed.cardinality() + " (cpu " + cpuList(allowed) + ")";
        }
        return null;
    }

    static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    static String notLinux(String osName) {
        return "it sets threads' CPU affinity, which needs Linux; this is " + (osName.isEmpty() ? "an unknown OS"
                : osName);
    }

    /** The calling thread's kernel thread id. */
    public static int currentTid() {
        requireAvailable();
        try {
            return (int) Native.GETTID.invokeExact();
        } catch (Throwable t) {
            throw new AffinityException("gettid failed: " + t, t);
        }
    }

    /** The CPUs thread {@code tid} may run on ({@link #CALLING_THREAD} for the calling thread). */
    public static BitSet of(int tid) throws AffinityException {
        requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            MemorySegment state = arena.allocate(Native.STATE);
            int result = (int) Native.GET.invokeExact(state, tid, (long) CPU_SET_BYTES, mask);
            if (result != 0) {
                throw failure("sched_getaffinity", tid, errno(state));
            }
            return BitSet.valueOf(mask.toArray(ValueLayout.JAVA_LONG));
        } catch (AffinityException e) {
            throw e;
        } catch (Throwable t) {
            throw new AffinityException("sched_getaffinity failed: " + t, t);
        }
    }

    /**
     * Lets thread {@code tid} ({@link #CALLING_THREAD} for the calling thread) run on {@code cpus} only.
     *
     * @throws AffinityException with the errno; {@link AffinityException#noSuchThread()} when the thread has ended
     */
    public static void set(int tid, BitSet cpus) throws AffinityException {
        requireAvailable();
        if (cpus.isEmpty() || cpus.length() > MAX_CPUS) {
            throw new IllegalArgumentException("a mask of 1 to " + MAX_CPUS + " CPUs, got " + cpus);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            long[] words = cpus.toLongArray();
            MemorySegment.copy(words, 0, mask, ValueLayout.JAVA_LONG, 0, words.length);
            MemorySegment state = arena.allocate(Native.STATE);
            int result = (int) Native.SET.invokeExact(state, tid, (long) CPU_SET_BYTES, mask);
            if (result != 0) {
                throw failure("sched_setaffinity", tid, errno(state));
            }
        } catch (AffinityException e) {
            throw e;
        } catch (Throwable t) {
            throw new AffinityException("sched_setaffinity failed: " + t, t);
        }
    }

    /** {@code cpus} as Linux writes a CPU list ({@code Cpus_allowed_list}): {@code 0-2,5}. */
    public static String cpuList(BitSet cpus) {
        StringBuilder list = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; ) {
            int to = cpus.nextClearBit(from) - 1;
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append(from);
            if (to > from) {
                list.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return list.toString();
    }

    private static int errno(MemorySegment state) {
        return (int) Native.ERRNO.get(state, 0L);
    }

    private static AffinityException failure(String call, int tid, int errno) {
        String which = tid == CALLING_THREAD ? "the calling thread" : "thread " + tid;
        String name = switch (errno) {
            case 1 -> "EPERM (not permitted)";
            case ESRCH -> "ESRCH (no such thread)";
            case 22 -> "EINVAL (no allowed CPU in the mask)";
            default -> "errno " + errno;
        };
        return new AffinityException(call + " of " + which + " failed: " + name, errno);
    }

    private static void requireAvailable() {
        if (Native.UNAVAILABLE != null) {
            throw new AffinityException("CPU affinity is not available: " + Native.UNAVAILABLE, 0);
        }
    }
}
