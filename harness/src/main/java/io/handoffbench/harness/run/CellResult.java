package io.handoffbench.harness.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What one cell measured, and what its self-check found. Plain values only, so that a forked cell can hand it to
 * the sweep as JSON.
 *
 * @param strategy        the strategy id, or {@value #CEILING} for the bare worker
 * @param clients         concurrent clients; 0 for the ceiling
 * @param trial           1-based trial number within a sweep
 * @param requests        measured requests answered correctly; their latencies are in {@code latency}
 * @param errors          measured requests answered with an error (reducer error, trap, or unserved at the end)
 * @param measuredSeconds from the start of measurement to the last measured answer
 * @param tps             {@code requests / measuredSeconds}
 * @param latency         end-to-end latency of the answered requests (open loop: from the intended send time)
 * @param meanBatch       mean number of requests the worker took per wake-up of its drain loop
 * @param warmupTps       TPS in each whole second of the warm-up, the evidence for {@code steady}
 * @param steady          whether TPS had stopped moving by the end of the warm-up (see {@link WarmupCheck})
 * @param hlogFile        the interval log's file name, or null when the cell did not pass
 * @param problems        self-check failures; empty when the cell is sound
 * @param accounting      how every measured request ended; null for the ceiling
 * @param openLoop        the open loop's rates and its uncorrected latency; null in a closed loop
 * @param backlog         queue depth and heap, sampled once a second while measuring; null for the ceiling
 * @param recovery        worker traps and recovery; null for the ceiling
 * @param stages          where an answered request's time went; null for the ceiling
 * @param idle            how the worker waited: an idle policy's id, or {@code own} when the strategy waits its own
 *                        way; null for the ceiling
 * @param cpu             CPU time over the measurement, of the process and of the worker thread; null when not
 *                        measured
 */
public record CellResult(String strategy, String workload, int clients, String clientThreads, int trial,
                         String engineImplementation, String graalVersion, boolean jit,
                         long requests, long errors, double measuredSeconds, double tps, LatencySummary latency,
                         long executed, long batches, double meanBatch,
                         List<Double> warmupTps, boolean steady, String steadyNote,
                         String scriptSummary, String hlogFile, List<String> problems,
                         Accounting accounting, OpenLoop openLoop, Backlog backlog, Recovery recovery,
                         Stages stages, String idle, CpuClock.CpuUse cpu) {

    /** The strategy id of the bare-worker ceiling: the reducer in a tight loop, no handoff, no clients. */
    public static final String CEILING = "ceiling";

    /**
     * How every measured request ended: {@code submitted == completed + errors + rejected + timeouts} when none was
     * lost. {@code unserved} are the errors failed unserved when an open-loop run ended; {@code lateReplies} are
     * answers that came after their client had timed out, discarded.
     */
    public record Accounting(long submitted, long completed, long errors, long unserved, long rejected,
                             long timeouts, long lateReplies) {

        /** Requests submitted that ended in none of the four ways: must be 0. */
        public long lost() {
            return submitted - completed - errors - rejected - timeouts;
        }
    }

    /**
     * @param targetRate   requests per second the schedule asked for
     * @param achievedRate requests per second actually sent (submitted / measured seconds)
     * @param uncorrected  latency from the actual send, blind to coordinated omission
     */
    public record OpenLoop(double targetRate, String arrivals, double achievedRate, LatencySummary uncorrected) {
    }

    /** Sampled once a second while measuring: requests waiting for the worker, and the JVM's used heap. */
    public record Backlog(long peakDepth, List<Long> depthPerSecond, double peakHeapMb, List<Double> heapMbPerSecond,
                          int maxQueue) {
    }

    /**
     * @param traps   worker traps (injected, reducer timeouts, broken contexts)
     * @param workers worker generations that ran (1 + traps when each trap was recovered from)
     * @param p50Us   median time from a trap to the first request served by the replacement; NaN without traps
     * @param maxUs   the longest such time
     */
    public record Recovery(long traps, int workers, double p50Us, double maxUs) {
    }

    /**
     * Answered requests' time by stage: queue wait (sent to taken), service (the reducer), reply (to the client).
     *
     * @param wakeMeanUs the worker's own part of the reply stage: its time to answer and wake the client (sampled;
     *                   see {@link io.handoffbench.harness.worker.WorkerStats#wakeMeanUs}), on its critical path
     */
    public record Stages(LatencySummary queueWait, LatencySummary service, LatencySummary reply, double wakeMeanUs) {
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    @JsonIgnore // derived from strategy; not a field of the JSON
    public boolean isCeiling() {
        return CEILING.equals(strategy);
    }

    /** This result with one more self-check failure; the interval log is then not counted as valid. */
    public CellResult withProblem(String problem) {
        List<String> more = new ArrayList<>(problems);
        more.add(problem);
        return new CellResult(strategy, workload, clients, clientThreads, trial, engineImplementation, graalVersion,
                jit, requests, errors, measuredSeconds, tps, latency, executed, batches, meanBatch, warmupTps, steady,
                steadyNote, scriptSummary, null, List.copyOf(more), accounting, openLoop, backlog, recovery, stages,
                idle, cpu);
    }

    /** A cell that produced no measurement at all (its JVM died, say). */
    public static CellResult failed(CellConfig config, String problem) {
        return new CellResult(config.strategyId(), config.workload().name(), config.clients(), config.clientThreads(),
                config.trial(), null, null, false, 0, 0, 0, 0, LatencySummary.of(new org.HdrHistogram.Histogram(3)),
                0, 0, 0, List.of(), false, "no measurement", null, null, List.of(problem), null, null, null, null,
                null, null, null);
    }
}
