package io.handoffbench.harness.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.handoffbench.harness.metrics.LatencySummary;
import java.util.List;

/**
 * What one cell measured, and what its self-check found. Plain values only, so that a forked cell can hand it to
 * the sweep as JSON.
 *
 * @param strategy        the strategy id, or {@value #CEILING} for the bare worker
 * @param clients         concurrent clients; 0 for the ceiling
 * @param trial           1-based trial number within a sweep
 * @param requests        measured requests answered correctly; their latencies are in {@code latency}
 * @param errors          measured requests answered with a reducer error
 * @param measuredSeconds from the start of measurement to the last measured reply
 * @param tps             {@code requests / measuredSeconds}
 * @param meanBatch       mean number of requests the worker took per wake-up of its drain loop
 * @param warmupTps       TPS in each whole second of the warm-up, the evidence for {@code steady}
 * @param steady          whether TPS had stopped moving by the end of the warm-up (see {@link WarmupCheck})
 * @param hlogFile        the interval log's file name, or null when the cell did not pass
 * @param problems        self-check failures; empty when the cell is sound
 */
public record CellResult(String strategy, String workload, int clients, String clientThreads, int trial,
                         String engineImplementation, String graalVersion, boolean jit,
                         long requests, long errors, double measuredSeconds, double tps, LatencySummary latency,
                         long executed, long batches, double meanBatch,
                         List<Double> warmupTps, boolean steady, String steadyNote,
                         String scriptSummary, String hlogFile, List<String> problems) {

    /** The strategy id of the bare-worker ceiling: the reducer in a tight loop, no handoff, no clients. */
    public static final String CEILING = "ceiling";

    public boolean passed() {
        return problems.isEmpty();
    }

    @JsonIgnore // derived from strategy; not a field of the JSON
    public boolean isCeiling() {
        return CEILING.equals(strategy);
    }

    /** This result with one more self-check failure; the interval log is then not counted as valid. */
    public CellResult withProblem(String problem) {
        List<String> more = new java.util.ArrayList<>(problems);
        more.add(problem);
        return new CellResult(strategy, workload, clients, clientThreads, trial, engineImplementation, graalVersion,
                jit, requests, errors, measuredSeconds, tps, latency, executed, batches, meanBatch, warmupTps, steady,
                steadyNote, scriptSummary, null, List.copyOf(more));
    }

    /** A cell that produced no measurement at all (its JVM died, say). */
    public static CellResult failed(CellConfig config, String problem) {
        return new CellResult(config.strategyId(), config.workload().name(), config.clients(), config.clientThreads(),
                config.trial(), null, null, false, 0, 0, 0, 0, LatencySummary.of(new org.HdrHistogram.Histogram(3)),
                0, 0, 0, List.of(), false, "no measurement", null, null, List.of(problem));
    }
}
