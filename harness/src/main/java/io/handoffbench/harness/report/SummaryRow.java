package io.handoffbench.harness.report;

/**
 * One row of a sweep's {@code summary.csv}, as far as the report uses it. A blank number is {@code NaN}, a blank
 * flag {@code null}.
 *
 * @param aggregate  {@code row} is {@code aggregate} (the mean over a cell's trials) rather than {@code trial}
 * @param efficiency mean TPS over the mean ceiling TPS, a fraction (1 is the ceiling itself)
 * @param queueWaitMeanUs mean time from submit to the worker taking the request; NaN in folders made before the
 *                        harness recorded stages
 * @param serviceMeanUs   mean time in the reducer
 * @param replyMeanUs     mean time from the reply to the client running again
 * @param cpuUsPerRequest       the process's CPU time per request (worker, clients, GC, JIT); NaN in folders made
 *                              before the harness measured CPU
 * @param workerCpuUsPerRequest the worker thread's CPU time per request
 */
record SummaryRow(boolean aggregate, String strategy, String workload, int clients, String trial, int trials,
                  long errors, double tps, double tpsCi95Low, double tpsCi95High, double efficiency,
                  double p50Us, double p99Us, double p999Us, Boolean steady, Boolean jit,
                  double queueWaitMeanUs, double serviceMeanUs, double replyMeanUs, double cpuUsPerRequest,
                  double workerCpuUsPerRequest) {

    /** The bare worker's rows: the reducer in a loop on one thread, no handoff, no clients. */
    static final String CEILING = "ceiling";

    boolean ceiling() {
        return CEILING.equals(strategy);
    }

    /** True when the row has the time-by-stage columns. */
    boolean hasStages() {
        return !Double.isNaN(queueWaitMeanUs) && !Double.isNaN(serviceMeanUs) && !Double.isNaN(replyMeanUs);
    }

    /** Half the width of the 95% confidence interval of the mean TPS; {@code NaN} with fewer than 2 trials. */
    double tpsCi95HalfWidth() {
        return (tpsCi95High - tpsCi95Low) / 2;
    }
}
