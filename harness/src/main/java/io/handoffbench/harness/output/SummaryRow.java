package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellId;

/**
 * One row of {@code summary.csv} as {@link SummaryReader} reads it back: the columns the report and
 * {@code compare} use. A blank number is {@code NaN}, a blank flag {@code null}.
 *
 * @param aggregate  {@code row} is {@code aggregate} (the mean over a cell's trials) rather than {@code trial}
 * @param strategy   the series name: a strategy id, {@code id@choice}, or {@value CellId#CEILING}
 * @param efficiency mean TPS over the mean ceiling TPS, a fraction (1 is the ceiling itself)
 * @param queueWaitMeanUs mean time from submit to the worker taking the request; NaN in folders made before the
 *                        harness recorded stages
 * @param serviceMeanUs   mean time in the reducer
 * @param replyMeanUs     mean time from the reply to the client running again
 * @param cpuUsPerRequest       the process's CPU time per request (worker, clients, GC, JIT); NaN in folders made
 *                              before the harness measured CPU
 * @param workerCpuUsPerRequest the worker thread's CPU time per request
 * @param latencyLowerBound     the latencies are lower bounds: an open loop's measured requests went unanswered
 *                              ({@code censored} or {@code due_unsent}), counted with the lower bounds of theirs
 * @param profiled              {@code --profile}'s kind when the profiler sampled the row's cell (an aggregate's:
 *                              any of its trials); null when not, and in folders made before {@code --profile}
 */
public record SummaryRow(boolean aggregate, String strategy, String workload, int clients, String trial, int trials,
                         long errors, double tps, double tpsCi95Low, double tpsCi95High, double efficiency,
                         double p50Us, double p99Us, double p999Us, Boolean steady, Boolean jit,
                         double queueWaitMeanUs, double serviceMeanUs, double replyMeanUs, double cpuUsPerRequest,
                         double workerCpuUsPerRequest, boolean latencyLowerBound, String profiled) {

    /** A row of a cell the profiler did not sample. */
    public SummaryRow(boolean aggregate, String strategy, String workload, int clients, String trial, int trials,
                      long errors, double tps, double tpsCi95Low, double tpsCi95High, double efficiency,
                      double p50Us, double p99Us, double p999Us, Boolean steady, Boolean jit,
                      double queueWaitMeanUs, double serviceMeanUs, double replyMeanUs, double cpuUsPerRequest,
                      double workerCpuUsPerRequest, boolean latencyLowerBound) {
        this(aggregate, strategy, workload, clients, trial, trials, errors, tps, tpsCi95Low, tpsCi95High, efficiency,
                p50Us, p99Us, p999Us, steady, jit, queueWaitMeanUs, serviceMeanUs, replyMeanUs, cpuUsPerRequest,
                workerCpuUsPerRequest, latencyLowerBound, null);
    }

    /** The bare worker's rows: the reducer in a loop on one thread, no handoff, no clients. */
    public boolean ceiling() {
        return CellId.CEILING.equals(strategy);
    }

    /** True when the row has the time-by-stage columns. */
    public boolean hasStages() {
        return !Double.isNaN(queueWaitMeanUs) && !Double.isNaN(serviceMeanUs) && !Double.isNaN(replyMeanUs);
    }

    /** Half the width of the 95% confidence interval of the mean TPS; {@code NaN} with fewer than 2 trials. */
    public double tpsCi95HalfWidth() {
        return (tpsCi95High - tpsCi95Low) / 2;
    }
}
