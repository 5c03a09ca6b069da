package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.stats.MeanWithCi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * One (strategy, clients) over its trials: mean TPS with its 95% confidence interval, the median of the trials'
 * percentiles, and the efficiency against the bare-worker ceiling measured in the same sweep.
 *
 * @param efficiency mean TPS over the ceiling's mean TPS; NaN when the sweep has no ceiling
 * @param steady     true only if every trial's warm-up ended on a plateau
 */
public record Aggregate(String strategy, String workload, int clients, String clientThreads, int trials,
                        double durationSeconds, long requests, long errors, MeanWithCi tps, double efficiency,
                        double p50Us, double p90Us, double p99Us, double p999Us, double maxUs, double meanUs,
                        double meanBatch, boolean steady, boolean jit) {

    /**
     * One aggregate per (strategy, clients) found in {@code trials}, the ceiling first, then by clients, then in
     * the order strategies first appear.
     */
    public static List<Aggregate> of(List<CellResult> trials) {
        Map<CellKey, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult trial : trials) {
            groups.computeIfAbsent(new CellKey(trial.cell().series(), trial.cell().clients()), k -> new ArrayList<>()).add(trial);
        }
        List<String> strategyOrder = trials.stream().map(c -> c.cell().series()).distinct().toList();
        double ceiling = groups.values().stream()
                .filter(group -> group.get(0).isCeiling())
                .findFirst()
                .map(group -> MeanWithCi.of(values(group, CellResult::tps)).mean())
                .orElse(Double.NaN);
        List<Aggregate> aggregates = new ArrayList<>();
        for (List<CellResult> group : groups.values()) {
            aggregates.add(of(group, ceiling));
        }
        aggregates.sort(Comparator.comparing((Aggregate a) -> !a.isCeiling())
                .thenComparingInt(Aggregate::clients)
                .thenComparingInt(a -> strategyOrder.indexOf(a.strategy())));
        return aggregates;
    }

    private static Aggregate of(List<CellResult> group, double ceilingTps) {
        CellResult first = group.get(0);
        MeanWithCi tps = MeanWithCi.of(values(group, CellResult::tps));
        return new Aggregate(first.cell().series(), first.cell().workload(), first.cell().clients(), first.cell().clientThreads(), group.size(),
                group.stream().mapToDouble(c -> c.throughput().measuredSeconds()).sum(),
                group.stream().mapToLong(c -> c.throughput().completed()).sum(),
                group.stream().mapToLong(c -> c.throughput().errors()).sum(),
                tps,
                tps.mean() / ceilingTps,
                median(group, c -> c.throughput().latency().p50Us()),
                median(group, c -> c.throughput().latency().p90Us()),
                median(group, c -> c.throughput().latency().p99Us()),
                median(group, c -> c.throughput().latency().p999Us()),
                median(group, c -> c.throughput().latency().maxUs()),
                median(group, c -> c.throughput().latency().meanUs()),
                group.stream().mapToDouble(c -> c.worker().meanBatch()).average().orElse(Double.NaN),
                group.stream().allMatch(c -> c.warmup().steady()),
                group.stream().allMatch(c -> c.engine().jit()));
    }

    public boolean isCeiling() {
        return CellId.CEILING.equals(strategy);
    }

    private static double[] values(List<CellResult> group, ToDoubleFunction<CellResult> value) {
        return group.stream().mapToDouble(value).toArray();
    }

    private static double median(List<CellResult> group, ToDoubleFunction<CellResult> value) {
        return new Median().evaluate(values(group, value));
    }
}
