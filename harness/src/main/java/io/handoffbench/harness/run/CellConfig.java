package io.handoffbench.harness.run;

import io.handoffbench.harness.worker.Workload;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;

/**
 * One benchmark cell: one strategy, one client count, one trial of one workload, for a warm-up and a measurement.
 *
 * @param strategy        the strategy, or null for the bare-worker ceiling
 * @param virtualClients  clients on virtual threads (the default) or platform threads
 * @param alpha           Zipf exponent of the account ids in requests
 * @param seed            fixes every client's request stream (the same in every trial)
 * @param steadyTolerance how much TPS may still move at the end of the warm-up (0.10 = 10%)
 * @param load            closed or open loop, and the limits on requests
 * @param idle            how the worker waits for work, for strategies that honour it
 * @param idleName        when the sweep compares idle choices, the one this cell runs (like {@code park} or
 *                        {@code auto}), and its series is named {@code strategy@choice}; else null
 */
public record CellConfig(HandoffStrategyFactory strategy, Workload workload, int clients, int trial,
                         boolean virtualClients, Duration warmup, Duration duration, double alpha, long seed,
                         double steadyTolerance, LoadSettings load, IdlePolicy idle, String idleName) {

    /** Separates a strategy's id from its idle choice in a series name: {@code mpsc@park}, {@code mpsc@auto}. */
    public static final String IDLE_SEPARATOR = "@";

    /** A cell of a sweep with one idle policy: its series is named by the strategy alone. */
    public CellConfig(HandoffStrategyFactory strategy, Workload workload, int clients, int trial,
                      boolean virtualClients, Duration warmup, Duration duration, double alpha, long seed,
                      double steadyTolerance, LoadSettings load, IdlePolicy idle) {
        this(strategy, workload, clients, trial, virtualClients, warmup, duration, alpha, seed, steadyTolerance, load,
                idle, null);
    }

    public static CellConfig ceiling(Workload workload, int trial, Duration warmup, Duration duration, double alpha,
                                     long seed, double steadyTolerance) {
        return new CellConfig(null, workload, 0, trial, false, warmup, duration, alpha, seed, steadyTolerance,
                LoadSettings.CLOSED_LOOP, IdlePolicy.DEFAULT);
    }

    /** The idle policy's id if the strategy honours it, else {@code own} (it waits its own way). */
    public String idleId() {
        return !isCeiling() && strategy.honours(idle) ? idle.id() : "own";
    }

    public boolean isCeiling() {
        return strategy == null;
    }

    /**
     * The name of this cell's series in every table and chart: the strategy id ({@value CellResult#CEILING} for the
     * bare worker), followed by {@code @choice} when the sweep compares idle choices and the strategy honours them.
     */
    public String strategyId() {
        if (isCeiling()) {
            return CellResult.CEILING;
        }
        return idleName != null && strategy.honours(idle) ? strategy.id() + IDLE_SEPARATOR + idleName : strategy.id();
    }

    public String clientThreads() {
        return isCeiling() ? "none" : virtualClients ? "virtual" : "platform";
    }

    /** The file stem of this cell's outputs: {@code mpsc-c512-t1}, {@code mpsc@park-c512-t1}, {@code ceiling-t1}. */
    public String fileStem() {
        return isCeiling() ? CellResult.CEILING + "-t" + trial : strategyId() + "-c" + clients + "-t" + trial;
    }

    /** How the progress display names it: {@code mpsc c=512 t=1}. */
    public String label() {
        return isCeiling() ? "ceiling t=" + trial : strategyId() + " c=" + clients + " t=" + trial;
    }
}
