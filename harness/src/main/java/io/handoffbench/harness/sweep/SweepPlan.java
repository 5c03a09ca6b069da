package io.handoffbench.harness.sweep;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep covers: every strategy at every clients level under every idle choice, in every trial, plus the
 * bare-worker ceiling once per trial.
 *
 * <p>Cells are interleaved: trial 1 of every level, strategy and choice, then trial 2, and so on, so that drift on a
 * noisy machine touches every series alike. A strategy runs once per idle choice whose policy (at that level) it
 * honours, and once (waiting its own way) when it honours none of them.
 */
public record SweepPlan(List<HandoffStrategyFactory> strategies, List<Integer> clientLevels, int trials,
                        List<IdleChoice> idles) {

    /** The cells in the order they run, on a machine with {@code cores} cores. */
    public List<CellConfig> cells(SweepSettings settings, int cores) {
        boolean named = idles.size() > 1;
        List<CellConfig> cells = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            cells.add(new CellConfig(CellId.ceiling(trial), settings));
            for (int clients : clientLevels) {
                for (HandoffStrategyFactory strategy : strategies) {
                    List<IdleChoice> honoured = idles.stream()
                            .filter(choice -> strategy.honours(choice.policyFor(clients, cores)))
                            .toList();
                    for (IdleChoice choice : honoured.isEmpty() ? idles.subList(0, 1) : honoured) {
                        cells.add(new CellConfig(new CellId(strategy, clients, trial,
                                choice.policyFor(clients, cores), named ? choice.id() : null), settings));
                    }
                }
            }
        }
        return cells;
    }
}
