package io.handoffbench.harness.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A result folder as the report reads it: {@code summary.csv}'s rows and {@code run.json}. Immutable. */
final class SweepResults {

    static final String SUMMARY_CSV = "summary.csv";
    static final String RUN_JSON = "run.json";

    /** The columns the report reads; the sweep writes more. */
    static final List<String> REQUIRED_COLUMNS = List.of(
            "row", "strategy", "workload", "clients", "trial", "trials", "errors", "tps", "tps_ci95_low",
            "tps_ci95_high", "efficiency", "p50_us", "p99_us", "p999_us", "steady", "jit");

    private final Path dir;
    private final List<SummaryRow> rows;
    private final RunInfo run;

    SweepResults(Path dir, List<SummaryRow> rows, RunInfo run) {
        this.dir = dir;
        this.rows = List.copyOf(rows);
        this.run = run;
    }

    /**
     * Reads {@code dir}'s {@code summary.csv} and, when it is there, {@code run.json}.
     *
     * @throws ReportInputException when the folder or {@code summary.csv} is missing, or a file is not in the
     *                              result-folder format, or {@code summary.csv} has no aggregate row to report
     */
    static SweepResults load(Path dir) throws ReportInputException, IOException {
        if (!Files.exists(dir)) {
            throw new ReportInputException(dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + " is a file, not a result folder");
        }
        Path csv = dir.resolve(SUMMARY_CSV);
        if (!Files.isRegularFile(csv)) {
            throw new ReportInputException(dir + " holds no " + SUMMARY_CSV + "; is it a result folder?");
        }
        List<SummaryRow> rows = readSummary(csv);
        if (rows.stream().noneMatch(row -> row.aggregate() && !row.ceiling())) {
            throw new ReportInputException(csv + " has no aggregate rows (row=aggregate) for any strategy; "
                    + "the report needs the sweep's per-cell means");
        }
        Path json = dir.resolve(RUN_JSON);
        RunInfo run = Files.isRegularFile(json) ? readRun(json) : RunInfo.absent();
        return new SweepResults(dir.toAbsolutePath().normalize(), rows, run);
    }

    Path dir() {
        return dir;
    }

    RunInfo run() {
        return run;
    }

    /** Every strategy's trial rows (not the ceiling's), in file order. */
    List<SummaryRow> trialRows() {
        return rows.stream().filter(row -> !row.aggregate() && !row.ceiling()).toList();
    }

    /** Every strategy's aggregate rows (not the ceiling's), in file order. */
    List<SummaryRow> aggregates() {
        return rows.stream().filter(row -> row.aggregate() && !row.ceiling()).toList();
    }

    List<SummaryRow> aggregatesAt(int clients) {
        return aggregates().stream().filter(row -> row.clients() == clients).toList();
    }

    /** The bare worker's aggregate row, when the sweep measured it. */
    Optional<SummaryRow> ceiling() {
        return rows.stream().filter(row -> row.aggregate() && row.ceiling()).findFirst();
    }

    /** The clients levels that have aggregate rows, ascending. */
    List<Integer> clientLevels() {
        Set<Integer> levels = new TreeSet<>();
        aggregates().forEach(row -> levels.add(row.clients()));
        return List.copyOf(levels);
    }

    /**
     * The strategies that have aggregate rows: in {@code run.json}'s {@code options.strategies} order, then any
     * other in file order. Charts give each strategy its colour by this order, so it is the same on every chart.
     */
    List<String> strategies() {
        Set<String> present = new LinkedHashSet<>();
        aggregates().forEach(row -> present.add(row.strategy()));
        Set<String> ordered = new LinkedHashSet<>(run.texts("options", "strategies"));
        ordered.retainAll(present);
        ordered.addAll(present);
        return List.copyOf(ordered);
    }

    /** The workload's name: run.json's, else the CSV's. */
    String workload() {
        return run.text("workload", "name").orElseGet(() -> aggregates().get(0).workload());
    }

    /** Trials per cell: run.json's option, else the most any aggregate row says. */
    int trials() {
        double option = run.number("options", "trials");
        if (!Double.isNaN(option)) {
            return (int) option;
        }
        return aggregates().stream().mapToInt(SummaryRow::trials).max().orElse(0);
    }

    private static List<SummaryRow> readSummary(Path csv) throws ReportInputException, IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<SummaryRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(in)) {
            List<String> missing = REQUIRED_COLUMNS.stream()
                    .filter(column -> !parser.getHeaderNames().contains(column))
                    .toList();
            if (parser.getHeaderNames().isEmpty()) {
                throw new ReportInputException(csv + " is empty; expected a header row and one row per cell");
            }
            if (!missing.isEmpty()) {
                throw new ReportInputException(csv + " lacks the column(s) " + String.join(", ", missing)
                        + "; is it from a sweep (row,strategy,workload,clients,...)?");
            }
            for (CSVRecord record : parser) {
                rows.add(new RowReader(csv, record).row());
            }
        } catch (CharacterCodingException e) {
            throw new ReportInputException(csv + " is not UTF-8 text", e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv's complaints about the file's shape (a duplicate header, an unclosed quote, bad UTF-8
            // met while iterating)
            throw new ReportInputException(csv + " is not a readable CSV file: " + e.getMessage(), e);
        }
        return rows;
    }

    private static RunInfo readRun(Path json) throws ReportInputException, IOException {
        try {
            return new RunInfo(new ObjectMapper().readTree(json.toFile()));
        } catch (JacksonException e) {
            throw new ReportInputException(json + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads one CSV record, naming the line and column of any bad value. */
    private record RowReader(Path csv, CSVRecord record) {

        SummaryRow row() throws ReportInputException {
            String kind = text("row");
            if (!kind.equals("trial") && !kind.equals("aggregate")) {
                throw bad("row", "trial or aggregate");
            }
            String strategy = required("strategy");
            int clients = integer("clients");
            if (clients < 1 && !strategy.equals(SummaryRow.CEILING)) {
                throw bad("clients", "at least 1 (only the ceiling's rows have 0)");
            }
            return new SummaryRow(kind.equals("aggregate"), strategy, text("workload"),
                    clients, text("trial"), integer("trials"), (long) number("errors", 0),
                    number("tps"), number("tps_ci95_low"), number("tps_ci95_high"), number("efficiency"),
                    number("p50_us"), number("p99_us"), number("p999_us"), flag("steady"), flag("jit"),
                    number("queue_wait_mean_us"), number("service_mean_us"), number("reply_mean_us"),
                    number("cpu_us_per_request"), number("worker_cpu_us_per_request"));
        }

        private String text(String column) {
            return record.isSet(column) ? record.get(column).trim() : "";
        }

        private String required(String column) throws ReportInputException {
            String value = text(column);
            if (value.isEmpty()) {
                throw bad(column, "a value");
            }
            return value;
        }

        private int integer(String column) throws ReportInputException {
            try {
                return Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number");
            }
        }

        private double number(String column) throws ReportInputException {
            return number(column, Double.NaN);
        }

        private double number(String column, double blank) throws ReportInputException {
            String value = text(column);
            if (value.isEmpty()) {
                return blank;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw bad(column, "a number with '.' decimals, or blank");
            }
        }

        private Boolean flag(String column) throws ReportInputException {
            String value = text(column).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw bad(column, "true, false or blank");
            };
        }

        private ReportInputException bad(String column, String expected) {
            // The header is line 1, so record n (1-based) is on line n + 1 when no field spans lines.
            return new ReportInputException(csv + " line " + (record.getRecordNumber() + 1) + ": " + column + " is '"
                    + text(column) + "', expected " + expected);
        }
    }
}
