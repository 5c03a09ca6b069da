package io.handoffbench.harness.output;

import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.run.CellResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code summary.csv}: a header and one row per cell. Latencies in microseconds, TPS per second. */
public final class SummaryCsv {

    public static final String FILE = "summary.csv";

    public static final List<String> COLUMNS = List.of(
            "strategy", "workload", "clients", "client_threads", "duration_s", "requests", "errors", "tps",
            "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "mean_us", "mean_batch", "jit");

    private SummaryCsv() {
    }

    public static void write(ResultFolder folder, List<CellResult> cells) throws IOException {
        folder.writeAtomically(FILE, out -> {
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder()
                    .setHeader(COLUMNS.toArray(String[]::new))
                    .setRecordSeparator("\n")
                    .get()
                    .print(out)) {
                for (CellResult cell : cells) {
                    LatencySummary latency = cell.latency();
                    csv.printRecord(
                            cell.config().strategy().id(),
                            cell.config().workload().name(),
                            cell.config().clients(),
                            cell.config().clientThreads(),
                            number(cell.measuredSeconds(), 3),
                            cell.requests(),
                            cell.errors(),
                            number(cell.tps(), 1),
                            number(latency.p50Us(), 1),
                            number(latency.p90Us(), 1),
                            number(latency.p99Us(), 1),
                            number(latency.p999Us(), 1),
                            number(latency.maxUs(), 1),
                            number(latency.meanUs(), 1),
                            number(cell.meanBatch(), 2),
                            cell.engine().jit());
                }
            }
        });
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
