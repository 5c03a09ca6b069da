package io.handoffbench.harness.run;

import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.worker.JsWorker;
import java.util.List;

/**
 * What one cell measured, and what its self-check found.
 *
 * @param requests        measured requests answered correctly; their latencies are in {@code latency}
 * @param errors          measured requests answered with a reducer error
 * @param measuredSeconds from the start of measurement to the last measured reply
 * @param tps             {@code requests / measuredSeconds}
 * @param meanBatch       mean number of requests the worker took per wake-up of its drain loop
 * @param problems        self-check failures; empty when the cell is sound
 */
public record CellResult(CellConfig config, JsWorker.EngineInfo engine, long requests, long errors,
                         double measuredSeconds, double tps, LatencySummary latency, long executed, long batches,
                         double meanBatch, String scriptSummary, String hlogFile, List<String> problems) {

    public boolean passed() {
        return problems.isEmpty();
    }
}
