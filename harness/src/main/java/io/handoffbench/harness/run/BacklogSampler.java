package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.metrics.ResidentMemory;
import io.handoffbench.strategy.HandoffStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples, once a second while a cell measures, how many requests wait for the worker ({@link HandoffStrategy#depth})
 * and how much heap and resident memory the JVM uses: the growth an unbounded queue shows when clients outrun the
 * worker, and what the apparatus itself costs as the clients grow.
 *
 * <p>Threading: {@link #sample} runs on the one sampler thread; {@link #heapNearlyFull} may be polled by the
 * controller (volatile); the series are read after the sampler has been shut down and awaited.
 */
final class BacklogSampler {

    /**
     * When the heap still holds this fraction of its maximum after a collection, the run stops early rather than
     * die of OutOfMemoryError.
     */
    static final double HEAP_LIMIT = 0.85;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final HandoffStrategy<?> strategy;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<Long> depths = new ArrayList<>();
    private final List<Double> heapMb = new ArrayList<>();
    private double peakRssMb = Double.NaN;
    private volatile boolean heapNearlyFull;

    BacklogSampler(HandoffStrategy<?> strategy) {
        this.strategy = strategy;
    }

    /** Sampler thread: one sample. */
    void sample() {
        depths.add(strategy.depth());
        MemoryUsage heap = memory.getHeapMemoryUsage();
        heapMb.add(heap.getUsed() / BYTES_PER_MB);
        double rss = ResidentMemory.currentMb();
        peakRssMb = Double.isNaN(peakRssMb) ? rss : Math.max(peakRssMb, rss);
        if (heap.getMax() > 0 && liveAfterLastCollection() > HEAP_LIMIT * heap.getMax()) {
            heapNearlyFull = true;
        }
    }

    /** Heap in use just after each heap pool's last collection: live data, not garbage waiting for a GC. */
    private static long liveAfterLastCollection() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        return live;
    }

    /** True once a sample found the heap above {@link #HEAP_LIMIT} of its maximum. Any thread. */
    boolean heapNearlyFull() {
        return heapNearlyFull;
    }

    /** After sampling has stopped. */
    CellResult.Backlog result(int maxQueue) {
        long peakDepth = depths.stream().mapToLong(Long::longValue).max().orElse(0);
        double peakHeap = heapMb.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Double> roundedHeap = heapMb.stream().map(mb -> Math.round(mb * 10) / 10.0).toList();
        return new CellResult.Backlog(peakDepth, List.copyOf(depths), Math.round(peakHeap * 10) / 10.0, roundedHeap,
                maxQueue, Double.isNaN(peakRssMb) ? Double.NaN : Math.round(peakRssMb * 10) / 10.0);
    }
}
