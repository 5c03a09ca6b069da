package io.handoffbench.harness.profile;

import io.handoffbench.harness.cell.CellResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A cell's CPU per request split by {@link CpuComponent}: each component's share of the CPU samples times the
 * process's CPU per request that the cell measured over the same interval. CPU-time sampling makes the samples
 * proportional to CPU time, so the parts add up to the measured whole; the profile says where, the clock how much.
 */
public final class CpuBreakdown {

    private CpuBreakdown() {
    }

    /**
     * Every component, in {@link CpuComponent} order, including those without samples (share 0).
     *
     * @param collapsed            async-profiler's collapsed stacks with {@code threads}: {@code stack count} lines
     * @param cpuUsPerRequest      the process's CPU per request over the profiled interval; NaN when unknown
     * @throws IllegalArgumentException on a line that does not end in a sample count
     */
    public static List<CellResult.CpuShare> of(String collapsed, double cpuUsPerRequest) {
        Map<CpuComponent, Long> samples = new EnumMap<>(CpuComponent.class);
        long total = 0;
        for (String line : collapsed.lines().filter(line -> !line.isBlank()).toList()) {
            long count = count(line);
            samples.merge(StackClassifier.classify(line), count, Long::sum);
            total += count;
        }
        List<CellResult.CpuShare> shares = new ArrayList<>();
        for (CpuComponent component : CpuComponent.values()) {
            long n = samples.getOrDefault(component, 0L);
            double share = total == 0 ? 0 : (double) n / total;
            shares.add(new CellResult.CpuShare(component.id(), component.side(), component.label(), n, share,
                    share * cpuUsPerRequest));
        }
        return List.copyOf(shares);
    }

    /** Samples in collapsed stacks: the sum of their counts. */
    public static long samples(String collapsed) {
        return collapsed.lines().filter(line -> !line.isBlank()).mapToLong(CpuBreakdown::count).sum();
    }

    private static long count(String line) {
        int space = line.lastIndexOf(' ');
        try {
            return Long.parseLong(line.substring(space + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a collapsed stack (no sample count at its end): "
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line), e);
        }
    }
}
