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
 */
public record CellConfig(HandoffStrategyFactory strategy, Workload workload, int clients, int trial,
                         boolean virtualClients, Duration warmup, Duration duration, double alpha, long seed,
                         double steadyTolerance, LoadSettings load, IdlePolicy idle) {

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

    public String strategyId() {
        return isCeiling() ? CellResult.CEILING : strategy.id();
    }

    public String clientThreads() {
        return isCeiling() ? "none" : virtualClients ? "virtual" : "platform";
    }

    /** The file stem of this cell's outputs: {@code mpsc-c512-t1}, {@code ceiling-t1}. */
    public String fileStem() {
        return isCeiling() ? CellResult.CEILING + "-t" + trial : strategy.id() + "-c" + clients + "-t" + trial;
    }

    /** How the progress display names it: {@code mpsc c=512 t=1}. */
    public String label() {
        return isCeiling() ? "ceiling t=" + trial : strategy.id() + " c=" + clients + " t=" + trial;
    }
}
