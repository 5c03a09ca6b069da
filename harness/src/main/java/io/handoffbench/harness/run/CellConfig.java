package io.handoffbench.harness.run;

import io.handoffbench.harness.worker.Workload;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.time.Duration;

/**
 * One benchmark cell: one strategy, one client count, one workload, for a warm-up and a measurement.
 *
 * @param virtualClients clients on virtual threads (the default) or platform threads
 * @param alpha          Zipf exponent of the account ids in requests
 * @param seed           fixes every client's request stream
 */
public record CellConfig(HandoffStrategyFactory strategy, Workload workload, int clients, boolean virtualClients,
                         Duration warmup, Duration duration, double alpha, long seed) {

    public String clientThreads() {
        return virtualClients ? "virtual" : "platform";
    }

    /** The file stem of this cell's outputs: {@code mpsc-c512}. */
    public String fileStem() {
        return strategy.id() + "-c" + clients;
    }
}
