package io.handoffbench.harness.report;

import io.handoffbench.harness.output.ResultFormatException;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SummaryReader;
import io.handoffbench.harness.output.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A result folder as the report reads it: {@code summary.csv}'s rows and {@code run.json}, each read by the
 * {@code output} package that writes it. Immutable.
 */
final class SweepResults {

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
        Path csv = dir.resolve(ResultLayout.SUMMARY_CSV);
        if (!Files.isRegularFile(csv)) {
            throw new ReportInputException(dir + " holds no " + ResultLayout.SUMMARY_CSV + "; is it a result folder?");
        }
        List<SummaryRow> rows;
        try {
            rows = SummaryReader.read(csv);
        } catch (ResultFormatException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
        if (rows.stream().noneMatch(row -> row.aggregate() && !row.ceiling())) {
            throw new ReportInputException(csv + " has no aggregate rows (row=aggregate) for any strategy; "
                    + "the report needs the sweep's per-cell means");
        }
        Path json = dir.resolve(ResultLayout.RUN_JSON);
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

    private static RunInfo readRun(Path json) throws ReportInputException, IOException {
        try {
            return new RunInfo(RunManifest.read(json));
        } catch (ResultFormatException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
    }
}
