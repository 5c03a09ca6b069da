package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellId;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code summary.csv} back into {@link SummaryRow}s, for the report and {@code compare} alike, so that both
 * accept the same files and refuse the rest with the same one-line messages.
 *
 * <p>Reads format 1 (no {@code format_version} column: every committed folder older than it, down to the first
 * sweeps; columns added since are blank) and 2; a newer format is refused rather than misread.
 */
public final class SummaryReader {

    /** The columns a row needs; a sweep writes more, and the stage and CPU columns may be missing (older folders). */
    public static final List<SummaryColumn> REQUIRED = List.of(
            SummaryColumns.ROW, SummaryColumns.STRATEGY, SummaryColumns.WORKLOAD, SummaryColumns.CLIENTS,
            SummaryColumns.TRIAL, SummaryColumns.TRIALS, SummaryColumns.ERRORS, SummaryColumns.TPS,
            SummaryColumns.TPS_CI95_LOW, SummaryColumns.TPS_CI95_HIGH, SummaryColumns.EFFICIENCY,
            SummaryColumns.P50_US, SummaryColumns.P99_US, SummaryColumns.P999_US, SummaryColumns.STEADY,
            SummaryColumns.JIT);

    private SummaryReader() {
    }

    /**
     * Every row of {@code csv}, in file order.
     *
     * @throws ResultFormatException when the file is empty, not UTF-8, not CSV, of a newer format, lacks a
     *                               {@link #REQUIRED} column, or holds a value its column cannot have
     * @throws IOException           when it cannot be read
     */
    public static List<SummaryRow> read(Path csv) throws ResultFormatException, IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new ResultFormatException(csv + " is empty; expected a header row and one row per cell");
            }
            List<CSVRecord> records = parser.getRecords();
            // The version first: a newer format may have moved the columns checked next.
            if (header.contains(SummaryColumns.FORMAT_VERSION.name())) {
                for (CSVRecord record : records) {
                    new RowReader(csv, record).formatVersion();
                }
            }
            List<String> missing = SummaryColumn.names(REQUIRED).stream()
                    .filter(column -> !header.contains(column))
                    .toList();
            if (!missing.isEmpty()) {
                throw new ResultFormatException(csv + " lacks the column(s) " + String.join(", ", missing)
                        + "; is it from a sweep (row,strategy,workload,clients,...)?");
            }
            List<SummaryRow> rows = new ArrayList<>();
            for (CSVRecord record : records) {
                rows.add(new RowReader(csv, record).row());
            }
            return rows;
        } catch (CharacterCodingException e) {
            throw notUtf8(csv, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw notUtf8(csv, coding);
            }
            throw notCsv(csv, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv's complaints about the file's shape: a duplicate header, an unclosed quote
            throw notCsv(csv, e);
        }
    }

    private static ResultFormatException notUtf8(Path csv, CharacterCodingException e) {
        return new ResultFormatException(csv + " is not UTF-8 text", e);
    }

    private static ResultFormatException notCsv(Path csv, RuntimeException e) {
        return new ResultFormatException(csv + " is not a readable CSV file: " + e.getMessage(), e);
    }

    /** Reads one CSV record, naming the line and column of any bad value. */
    private record RowReader(Path csv, CSVRecord record) {

        void formatVersion() throws ResultFormatException {
            int version = integer(SummaryColumns.FORMAT_VERSION.name());
            ResultLayout.requireReadable(csv, version);
        }

        SummaryRow row() throws ResultFormatException {
            String kind = text(SummaryColumns.ROW);
            if (!kind.equals(SummaryColumns.TRIAL_ROW) && !kind.equals(SummaryColumns.AGGREGATE_ROW)) {
                throw bad(SummaryColumns.ROW.name(), "trial or aggregate");
            }
            String strategy = text(SummaryColumns.STRATEGY);
            if (strategy.isEmpty()) {
                throw bad(SummaryColumns.STRATEGY.name(), "a value");
            }
            int clients = integer(SummaryColumns.CLIENTS.name());
            if (clients < 1 && !strategy.equals(CellId.CEILING)) {
                throw bad(SummaryColumns.CLIENTS.name(), "at least 1 (only the ceiling's rows have 0)");
            }
            return new SummaryRow(kind.equals(SummaryColumns.AGGREGATE_ROW), strategy,
                    text(SummaryColumns.WORKLOAD), clients, text(SummaryColumns.TRIAL),
                    integer(SummaryColumns.TRIALS.name()), (long) number(SummaryColumns.ERRORS, 0),
                    number(SummaryColumns.TPS), number(SummaryColumns.TPS_CI95_LOW),
                    number(SummaryColumns.TPS_CI95_HIGH), number(SummaryColumns.EFFICIENCY),
                    number(SummaryColumns.P50_US), number(SummaryColumns.P99_US), number(SummaryColumns.P999_US),
                    flag(SummaryColumns.STEADY), flag(SummaryColumns.JIT),
                    number(SummaryColumns.QUEUE_WAIT_MEAN_US), number(SummaryColumns.SERVICE_MEAN_US),
                    number(SummaryColumns.REPLY_MEAN_US), number(SummaryColumns.CPU_US_PER_REQUEST),
                    number(SummaryColumns.WORKER_CPU_US_PER_REQUEST),
                    number(SummaryColumns.CENSORED, 0) + number(SummaryColumns.DUE_UNSENT, 0) > 0,
                    text(SummaryColumns.PROFILED).isEmpty() ? null : text(SummaryColumns.PROFILED));
        }

        private String text(SummaryColumn column) {
            return text(column.name());
        }

        private String text(String column) {
            return record.isSet(column) ? record.get(column).trim() : "";
        }

        private int integer(String column) throws ResultFormatException {
            try {
                return Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number");
            }
        }

        private double number(SummaryColumn column) throws ResultFormatException {
            return number(column, Double.NaN);
        }

        private double number(SummaryColumn column, double blank) throws ResultFormatException {
            String value = text(column);
            if (value.isEmpty()) {
                return blank;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw bad(column.name(), "a number with '.' decimals, or blank");
            }
        }

        private Boolean flag(SummaryColumn column) throws ResultFormatException {
            String value = text(column).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw bad(column.name(), "true, false or blank");
            };
        }

        private ResultFormatException bad(String column, String expected) {
            // The header is line 1, so record n (1-based) is on line n + 1 when no field spans lines.
            return new ResultFormatException(csv + " line " + (record.getRecordNumber() + 1) + ": " + column
                    + " is '" + text(column) + "', expected " + expected);
        }
    }
}
