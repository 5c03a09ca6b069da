package io.handoffbench.harness.output;

import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.cell.CellResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code summary.csv}: one {@code trial} row per measured cell, then one {@code aggregate} row per (strategy,
 * clients) over its trials. The bare-worker ceiling has strategy {@code ceiling} and clients 0. Latencies in
 * microseconds, TPS per second, blank where a value does not apply.
 */
public final class SummaryCsv {

    public static final String FILE = "summary.csv";
    public static final String TRIAL_ROW = "trial";
    public static final String AGGREGATE_ROW = "aggregate";

    private static final List<String> BASE_COLUMNS = List.of(
            "row", "strategy", "workload", "clients", "client_threads", "trial", "trials", "duration_s",
            "completed", "errors", "tps", "tps_ci95_low", "tps_ci95_high", "efficiency",
            "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "mean_us", "mean_batch", "steady", "jit");

    /** Columns after {@link #BASE_COLUMNS}: accounting, open loop, backlog, recovery and stages. */
    private static final List<DetailColumn> DETAIL_COLUMNS = DetailColumn.all();

    public static final List<String> COLUMNS = java.util.stream.Stream.of(BASE_COLUMNS,
            DETAIL_COLUMNS.stream().map(DetailColumn::name).toList(), List.of("idle")).flatMap(List::stream).toList();

    private SummaryCsv() {
    }

    /** Writes every passed trial and the aggregates over them, whole, replacing the previous file. */
    public static void write(ResultFolder folder, List<CellResult> trials, int plannedTrials) throws IOException {
        List<Aggregate> aggregates = Aggregate.of(trials);
        double ceiling = aggregates.stream().filter(Aggregate::isCeiling).findFirst()
                .map(a -> a.tps().mean()).orElse(Double.NaN);
        Map<CellKey, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult cell : trials) {
            groups.computeIfAbsent(new CellKey(cell.cell().series(), cell.cell().clients()), k -> new ArrayList<>()).add(cell);
        }
        folder.writeAtomically(FILE, out -> {
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder()
                    .setHeader(COLUMNS.toArray(String[]::new))
                    .setRecordSeparator("\n")
                    .get()
                    .print(out)) {
                for (CellResult cell : trials) {
                    LatencySummary latency = cell.throughput().latency();
                    List<Object> row = new ArrayList<>(List.of(TRIAL_ROW, cell.cell().series(), cell.cell().workload(),
                            cell.cell().clients(), cell.cell().clientThreads(), cell.cell().trial(), plannedTrials, number(cell.throughput().measuredSeconds(), 3),
                            cell.throughput().completed(), cell.throughput().errors(), number(cell.tps(), 1), "", "",
                            number(cell.tps() / ceiling, 4),
                            number(latency.p50Us(), 1), number(latency.p90Us(), 1), number(latency.p99Us(), 1),
                            number(latency.p999Us(), 1), number(latency.maxUs(), 1), number(latency.meanUs(), 1),
                            number(cell.worker().meanBatch(), 2), cell.warmup().steady(), cell.engine().jit()));
                    row.addAll(DetailColumn.trialValues(DETAIL_COLUMNS, cell));
                    row.add(cell.cell().idle() == null ? "" : cell.cell().idle());
                    csv.printRecord(row);
                }
                for (Aggregate aggregate : aggregates) {
                    List<Object> row = new ArrayList<>(List.of(AGGREGATE_ROW, aggregate.strategy(),
                            aggregate.workload(), aggregate.clients(), aggregate.clientThreads(), "all", aggregate.trials(),
                            number(aggregate.durationSeconds(), 3), aggregate.requests(), aggregate.errors(),
                            number(aggregate.tps().mean(), 1), number(aggregate.tps().low(), 1),
                            number(aggregate.tps().high(), 1), number(aggregate.efficiency(), 4),
                            number(aggregate.p50Us(), 1), number(aggregate.p90Us(), 1), number(aggregate.p99Us(), 1),
                            number(aggregate.p999Us(), 1), number(aggregate.maxUs(), 1),
                            number(aggregate.meanUs(), 1), number(aggregate.meanBatch(), 2), aggregate.steady(),
                            aggregate.jit()));
                    List<CellResult> group = groups.get(new CellKey(aggregate.strategy(), aggregate.clients()));
                    row.addAll(DetailColumn.aggregateValues(DETAIL_COLUMNS, group));
                    row.add(group.get(0).cell().idle() == null ? "" : group.get(0).cell().idle());
                    csv.printRecord(row);
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
                if (TRIAL_ROW.equals(record.get("row")) && !record.get("tps").isBlank()) {
                    tps.computeIfAbsent(new CellKey(record.get("strategy"), Integer.parseInt(record.get("clients"))),
                            k -> new ArrayList<>()).add(Double.parseDouble(record.get("tps")));
                }
            }
        }
        Map<CellKey, double[]> arrays = new LinkedHashMap<>();
        tps.forEach((key, values) -> arrays.put(key, values.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? ""
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
