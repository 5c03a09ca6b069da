package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code summary.csv}: one trial row per measured cell, then one aggregate row per (series, clients) over
 * its trials, each row by {@link SummaryColumns}. {@link SummaryReader} reads it back.
 */
public final class SummaryCsv {

    private SummaryCsv() {
    }

    /** Writes every passed trial and the aggregates over them, whole, replacing the previous file. */
    public static void write(ResultFolder folder, List<CellResult> trials, int plannedTrials) throws IOException {
        List<Aggregate> aggregates = Aggregate.of(trials);
        SummaryColumn.TrialContext sweep = new SummaryColumn.TrialContext(plannedTrials,
                aggregates.isEmpty() ? Double.NaN : aggregates.get(0).ceilingTps());
        folder.writeAtomically(ResultLayout.SUMMARY_CSV, out -> {
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder()
                    .setHeader(SummaryColumns.NAMES.toArray(String[]::new))
                    .setRecordSeparator("\n")
                    .get()
                    .print(out)) {
                for (CellResult cell : trials) {
                    csv.printRecord(SummaryColumns.ALL.stream().map(column -> column.trialText(cell, sweep)));
                }
                for (Aggregate aggregate : aggregates) {
                    csv.printRecord(SummaryColumns.ALL.stream().map(column -> column.aggregateText(aggregate)));
                }
            }
        });
    }
}
