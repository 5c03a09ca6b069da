package io.handoffbench.harness.testing;

import java.lang.management.ManagementFactory;

/** The heap the test's objects hold, for footprint tests: what survives full collections. */
public final class LiveHeap {

    private LiveHeap() {
    }

    /**
     * Heap in use after full collections: the least of three readings, so garbage another thread (a compiler thread,
     * a previous test's leftovers being finalized) makes between them is not counted.
     */
    public static long bytes() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
