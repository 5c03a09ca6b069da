package io.handoffbench.harness.profile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Sorts one sampled stack, as async-profiler's collapsed output with {@code threads} writes it (the thread's name
 * as the first frame, {@code [js-worker tid=42]}, then the frames from the root to the leaf), into a
 * {@link CpuComponent}. The thread decides the side: the worker ({@code js-worker}), the clients (the virtual
 * threads' carriers {@code ForkJoinPool-1-worker-N}, or platform {@code client-N}), the JIT compilers, the GC. Within
 * the worker the innermost activity wins (a reducer call inside a drain is the reducer's); within a client the
 * outermost call of its loop wins (parking inside a rendezvous's {@code submit} is the submit's). A stack it cannot
 * place goes to its side's "other", or to {@link CpuComponent#OTHER}: never dropped.
 */
public final class StackClassifier {

    private static final Pattern WORKER_THREAD = Pattern.compile("js-worker(-\\d+)?");
    private static final Pattern CARRIER_THREAD = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");
    private static final Pattern CLIENT_THREAD = Pattern.compile("client-\\d+");
    /** HotSpot's compiler threads (OS names cut to 15 characters), JVMCI's, and Truffle's background compilers. */
    private static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "C1 CompilerThread",
            "C2 CompilerThread", "JVMCI", "TruffleCompilerThread", "Truffle Compiler", "Graal");
    private static final List<String> GC_THREADS = List.of("GC Thread", "G1 ", "GC ", "ZGC", "ZWorker", "ZDriver",
            "Shenandoah", "Parallel GC", "VM Periodic GC");

    private static final List<String> REDUCER_FRAMES = List.of("com/oracle/truffle/", "org/graalvm/", "com/oracle/js/",
            "jdk/graal/", "jdk/vm/ci/");
    private static final List<String> ANSWER_FRAMES = List.of("worker/Request.complete", "worker/Request.fail",
            "worker/Request.finish", "worker/ReplyLatch.", "LockSupport.unpark", "VirtualThread.unpark");
    private static final List<String> IDLE_FRAMES = List.of("idle/", "LockSupport.park", "Thread.onSpinWait",
            "Thread.yield", "Unsafe.park", "VirtualThread.park", "awaitMatch", "SpinWait");
    private static final List<String> TAKE_FRAMES = List.of("io/handoffbench/strategy/", ".drain", ".poll", ".take",
            "worker/HandoffOrder", "worker/Admission", "java/util/concurrent/", "org/jctools/", "com/lmax/disruptor/",
            "org/agrona/");
    private static final List<String> CLIENT_LOOPS = List.of("client/ClosedLoopClient.run",
            "client/PipelinedClient.run", "client/OpenLoopClient.run", "client/ClientLoop.run");
    private static final List<String> RECORD_FRAMES = List.of("client/ClientLedger.", "org/HdrHistogram/");
    /** Waiting for a reply, or taking it from a reply queue (an open loop's, an event loop's). */
    private static final List<String> WAIT_FRAMES = List.of("worker/Request.awaitReply", "worker/ReplyLatch.await",
            "LockSupport.park", "Thread.sleep", "Thread.yield", "org/jctools/");
    private static final List<String> SCHEDULER_FRAMES = List.of("java/util/concurrent/ForkJoin", "java/lang/Virtual",
            "jdk/internal/vm/Continuation");

    private StackClassifier() {
    }

    /**
     * The component of one collapsed line ({@code [thread tid=N];frame;...;frame count}, the count optional).
     */
    public static CpuComponent classify(String collapsedLine) {
        String stack = withoutCount(collapsedLine);
        int firstFrameEnd = stack.indexOf(';');
        String thread = threadName(firstFrameEnd < 0 ? stack : stack.substring(0, firstFrameEnd));
        String[] frames = firstFrameEnd < 0 ? new String[0] : stack.substring(firstFrameEnd + 1).split(";");
        if (thread == null) {
            return CpuComponent.OTHER; // collapsed without the threads option: no side can be told
        }
        if (WORKER_THREAD.matcher(thread).matches()) {
            return worker(frames);
        }
        if (CARRIER_THREAD.matcher(thread).matches() || CLIENT_THREAD.matcher(thread).matches()) {
            return client(frames);
        }
        if (JIT_THREADS.stream().anyMatch(thread::startsWith)) {
            return CpuComponent.JIT;
        }
        if (GC_THREADS.stream().anyMatch(thread::startsWith)) {
            return CpuComponent.GC;
        }
        return CpuComponent.OTHER;
    }

    /** The innermost activity wins: each test looks at the whole stack, the reducer's (the deepest) first. */
    private static CpuComponent worker(String[] frames) {
        if (any(frames, REDUCER_FRAMES)) {
            return CpuComponent.WORKER_REDUCER;
        }
        if (any(frames, ANSWER_FRAMES)) {
            return CpuComponent.WORKER_ANSWER;
        }
        if (any(frames, IDLE_FRAMES)) {
            return CpuComponent.WORKER_IDLE;
        }
        if (any(frames, TAKE_FRAMES)) {
            return CpuComponent.WORKER_TAKE;
        }
        return CpuComponent.WORKER_OTHER;
    }

    /** The outermost call of the client's loop wins; a carrier not running a client is the scheduler's. */
    private static CpuComponent client(String[] frames) {
        int loop = -1;
        for (int i = 0; i < frames.length && loop < 0; i++) {
            if (matches(frames[i], CLIENT_LOOPS)) {
                loop = i;
            }
        }
        if (loop < 0) {
            return any(frames, SCHEDULER_FRAMES) ? CpuComponent.CLIENTS_WAIT : CpuComponent.CLIENTS_OTHER;
        }
        for (int i = loop + 1; i < frames.length; i++) {
            String frame = frames[i];
            if (matches(frame, CLIENT_LOOPS)) {
                continue; // a loop's own frames, inlined or not
            }
            if (matches(frame, WAIT_FRAMES)) {
                return CpuComponent.CLIENTS_WAIT;
            }
            if (matches(frame, RECORD_FRAMES)) {
                return CpuComponent.CLIENTS_RECORD;
            }
            if (frame.endsWith(".submit")) {
                return CpuComponent.CLIENTS_SUBMIT;
            }
        }
        return CpuComponent.CLIENTS_NEXT; // the loop itself and what it calls to make the next request
    }

    /** {@code js-worker} from {@code [js-worker tid=42]}; null when the frame is not a thread's. */
    static String threadName(String frame) {
        if (!frame.startsWith("[") || !frame.endsWith("]")) {
            return null;
        }
        String inside = frame.substring(1, frame.length() - 1);
        int tid = inside.lastIndexOf(" tid=");
        return tid < 0 ? inside : inside.substring(0, tid);
    }

    /** The stack of a collapsed line, without its trailing sample count. */
    static String withoutCount(String line) {
        int space = line.lastIndexOf(' ');
        return space > 0 && line.substring(space + 1).chars().allMatch(Character::isDigit)
                && space < line.length() - 1 ? line.substring(0, space) : line;
    }

    private static boolean any(String[] frames, List<String> markers) {
        for (String frame : frames) {
            if (matches(frame, markers)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String frame, List<String> markers) {
        for (String marker : markers) {
            if (frame.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
