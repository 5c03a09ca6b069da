package io.handoffbench.harness.affinity;

import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --pin-worker} for one cell, as SpacetimeDB's server pins its JS worker: the worker thread on a CPU of its
 * own, every other thread of this JVM (clients, virtual threads' carriers, the sampler, GC and JIT threads) on the
 * rest. The worker's CPU is the last one the controlling thread may run on when the cell begins.
 *
 * <p>How, given that a Linux thread starts with its creator's mask:
 * <ol>
 *   <li>Each worker generation (and the ceiling's loop thread) pins itself, on its own thread, before it makes its
 *       context: {@link #pinCallingThread}. A replacement after a trap does the same.</li>
 *   <li>The controlling thread then moves every other thread in {@code /proc/self/task} off the worker's CPU
 *       ({@link #moveOthersOff}), itself included, so the threads it starts later (clients, the sampler) inherit
 *       the rest.</li>
 *   <li>Threads the worker thread starts inherit its CPU (Truffle's compiler threads, carriers it wakes a virtual
 *       thread onto): the controller sweeps again when the measurement starts and the sampler once a second while
 *       it lasts. Each sweep moves only threads whose mask includes the worker's CPU.</li>
 *   <li>At the end of the cell every thread gets back the controlling thread's original mask ({@link #restore}):
 *       with {@code --forks=0} the next cell starts as this one did.</li>
 * </ol>
 *
 * <p>Threading: a generation's thread calls {@link #pinCallingThread} and {@link #releaseCallingThread}; the
 * controlling thread, and the sampler thread, call {@link #moveOthersOff}; the controlling thread calls
 * {@link #restore} and {@link #annotate} once every other thread of the cell has been joined. One lock serializes
 * them, so that a sweep never moves a worker that registered while it ran.
 */
public final class WorkerPinning {

    /** Not pinned: every method does nothing, and results get no affinity. */
    public static final WorkerPinning NONE = new WorkerPinning(null);

    private static final Path TASKS = Path.of("/proc/self/task");

    /** The controlling thread's mask when the cell began; null for {@link #NONE}. */
    private final BitSet original;
    private final int workerCpu;
    private final BitSet workerOnly;
    private final BitSet others;

    // Guarded by this.
    /** The kernel thread ids of the worker's live generations. */
    private final Set<Integer> workerTids = new HashSet<>();
    private int sweeps;
    private int movedAtStart;
    private int movedLater;
    private String firstFailure;

    private WorkerPinning(BitSet original) {
        this.original = original;
        if (original == null) {
            workerCpu = -1;
            workerOnly = null;
            others = null;
        } else {
            workerCpu = original.length() - 1;
            workerOnly = new BitSet();
            workerOnly.set(workerCpu);
            others = (BitSet) original.clone();
            others.clear(workerCpu);
        }
    }

    /**
     * The controlling thread, as a cell begins: the plan from its own mask, or {@link #NONE} when {@code pin} is
     * false. Nothing is moved yet.
     *
     * @throws AffinityException where pinning cannot work (the command line checks this first)
     */
    public static WorkerPinning forCell(boolean pin) {
        if (!pin) {
            return NONE;
        }
        String problem = CpuAffinity.problemHere();
        if (problem != null) {
            throw new AffinityException(problem, 0);
        }
        return new WorkerPinning(CpuAffinity.of(CpuAffinity.CALLING_THREAD));
    }

    /** The worker's CPU; -1 when not pinned. */
    public int workerCpu() {
        return workerCpu;
    }

    /**
     * A worker generation's own thread, first thing: registers its tid (so sweeps leave it alone) and lets it run on
     * the worker's CPU only.
     *
     * @throws AffinityException if the kernel refuses
     */
    public void pinCallingThread() {
        if (original == null) {
            return;
        }
        synchronized (this) {
            workerTids.add(CpuAffinity.currentTid());
            CpuAffinity.set(CpuAffinity.CALLING_THREAD, workerOnly);
        }
    }

    /** The same thread, last thing: once it has ended its tid may be reused by a thread that is not the worker. */
    public void releaseCallingThread() {
        if (original == null) {
            return;
        }
        synchronized (this) {
            workerTids.remove(CpuAffinity.currentTid());
        }
    }

    /**
     * The controlling or the sampler thread: moves every thread of this JVM but the worker's whose mask includes
     * the worker's CPU onto the other CPUs. Never throws: a thread that ended meanwhile is skipped, and any other
     * failure is kept for {@link #annotate}, which fails the cell with it (the sampler must not die of it).
     *
     * @return how many threads it moved
     */
    public int moveOthersOff() {
        if (original == null) {
            return 0;
        }
        synchronized (this) {
            int moved = 0;
            try {
                for (int tid : tasks()) {
                    if (workerTids.contains(tid)) {
                        continue;
                    }
                    try {
                        if (CpuAffinity.of(tid).get(workerCpu)) {
                            CpuAffinity.set(tid, others);
                            moved++;
                        }
                    } catch (AffinityException e) {
                        if (!e.noSuchThread()) {
                            keep(e.getMessage());
                        }
                    }
                }
            } catch (RuntimeException e) {
                keep("cannot list this JVM's threads: " + e);
            }
            if (sweeps++ == 0) {
                movedAtStart = moved;
            } else {
                movedLater += moved;
            }
            return moved;
        }
    }

    /**
     * The controlling thread, once the cell's other threads have been joined: every thread of this JVM gets the mask
     * the controlling thread had when the cell began. Best effort: a thread it cannot move is left as it is.
     */
    public void restore() {
        if (original == null) {
            return;
        }
        synchronized (this) {
            try {
                for (int tid : tasks()) {
                    try {
                        CpuAffinity.set(tid, original);
                    } catch (AffinityException e) {
                        // ended meanwhile, or refused: nothing better to do at the end of a cell
                    }
                }
            } catch (RuntimeException e) {
                // cannot list the threads: the next in-process cell measures its own masks again
            }
        }
    }

    /**
     * The controlling thread, as the cell's result is made: {@code result} with where the threads were put, and
     * failing it if a sweep could not move a thread. Unchanged when not pinned.
     */
    public CellResult annotate(CellResult result) {
        if (original == null) {
            return result;
        }
        synchronized (this) {
            CellResult pinned = result.withAffinity(new CellResult.Affinity(workerCpu, CpuAffinity.cpuList(others),
                    movedAtStart, movedLater));
            return firstFailure == null ? pinned
                    : pinned.withProblem("--pin-worker could not keep every other thread off cpu " + workerCpu + ": "
                            + firstFailure);
        }
    }

    private void keep(String failure) {
        if (firstFailure == null) {
            firstFailure = failure;
        }
    }

    /** The kernel thread ids of this JVM's threads now. */
    static List<Integer> tasks() {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                tids.add(Integer.parseInt(task.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tids;
    }
}
