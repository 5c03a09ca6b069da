package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes {@code summary.csv}: one trial row per measured cell, then one aggregate row per (series, clients) over
 * its trials, each row by {@link SummaryColumns}.
 */
public final class SummaryCsv {

    public static final String FILE = ResultLayout.SUMMARY_CSV;

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

    /**
     * The TPS of every trial row, by (strategy, clients), in file order.
     *
     * @throws IllegalArgumentException when the file lacks the columns this needs
     */
    public static Map<CellKey, double[]> readTrialTps(Path csv) throws IOException {
        Map<CellKey, List<Double>> tps = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(csv);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (String column : List.of("row", "strategy", "clients", "tps")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException("no column '" + column + "'");
                }
            }
            for (CSVRecord record : parser) {
                if (SummaryColumns.TRIAL_ROW.equals(record.get("row")) && !record.get("tps").isBlank()) {
                    tps.computeIfAbsent(new CellKey(record.get("strategy"), Integer.parseInt(record.get("clients"))),
                            k -> new ArrayList<>()).add(Double.parseDouble(record.get("tps")));
                }
            }
        }
        Map<CellKey, double[]> arrays = new LinkedHashMap<>();
        tps.forEach((key, values) -> arrays.put(key, values.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }
}
