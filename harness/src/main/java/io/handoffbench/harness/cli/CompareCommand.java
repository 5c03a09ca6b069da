package io.handoffbench.harness.cli;

import io.handoffbench.harness.cell.CellKey;
import io.handoffbench.harness.output.ResultFormatException;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.output.SummaryReader;
import io.handoffbench.harness.output.SummaryRow;
import io.handoffbench.harness.stats.RatioEstimate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harness compare A B}: for every (strategy, clients) measured in both sweeps, the TPS ratio B/A with its
 * 95% confidence interval and a verdict. With {@code --fail-if-slower}, a performance gate.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compares two sweep folders: for each (strategy, clients) in both, the TPS ratio B/A (of the "
                        + "trials' geometric means) with a 95%% confidence interval from Welch's t-test on log TPS, "
                        + "and a verdict: faster, slower, or no significant difference (the interval contains 1)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:compared; no cell failed the gate",
                "1:--fail-if-slower: some cell is significantly slower by more than the threshold",
                "2:a folder has no summary.csv, or the two have no cell in common"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "The baseline sweep.")
    private Path a;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "The sweep compared with it.")
    private Path b;

    @Option(names = "--fail-if-slower", paramLabel = "PERCENT", converter = PercentConverter.class,
            description = "Exit 1 when a cell of B is significantly slower than A and its ratio is below "
                    + "1 - PERCENT (5%% or 0.05).")
    private Double failIfSlower;

    @Override
    public Integer call() {
        Map<CellKey, double[]> tpsA = read(a);
        Map<CellKey, double[]> tpsB = read(b);
        List<CellKey> common = tpsA.keySet().stream().filter(tpsB::containsKey).toList();
        if (common.isEmpty()) {
            throw new ParameterException(spec.commandLine(), a + " and " + b
                    + " have no (strategy, clients) in common; nothing to compare");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "B/A TPS ratios, B = %s, A = %s%n", b, a);
        out.printf(Locale.ROOT, "%-12s %8s %12s %12s %7s %17s  %s%n", "strategy", "clients", "TPS A", "TPS B", "B/A",
                "95% CI", "verdict");
        List<String> failures = new ArrayList<>();
        for (CellKey key : common) {
            double[] valuesA = tpsA.get(key);
            double[] valuesB = tpsB.get(key);
            RatioEstimate ratio = RatioEstimate.of(valuesA, valuesB);
            String verdict = switch (ratio.verdict()) {
                case FASTER -> "faster";
                case SLOWER -> "slower";
                case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
                case NOT_ENOUGH_TRIALS -> "no CI (needs 2+ trials on each side)";
                case NOT_POSITIVE -> "no CI (a trial measured no TPS)";
            };
            out.printf(Locale.ROOT, "%-12s %8s %,12.0f %,12.0f %7.3f %17s  %s%n", key.series(),
                    key.clients() == 0 ? "-" : String.valueOf(key.clients()), mean(valuesA), mean(valuesB), ratio.ratio(),
                    Double.isNaN(ratio.low()) ? "-"
                            : String.format(Locale.ROOT, "[%.3f, %.3f]", ratio.low(), ratio.high()),
                    verdict);
            if (failIfSlower != null && ratio.verdict() == RatioEstimate.Verdict.SLOWER
                    && ratio.ratio() < 1 - failIfSlower) {
                failures.add(key.series() + " c=" + key.clients());
            }
        }
        if (!failures.isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "compare: significantly slower by more than %.1f%%: %s%n",
                    failIfSlower * 100, String.join(", ", failures));
            return ExitCodes.RUN_FAILED;
        }
        return ExitCodes.OK;
    }

    /** The TPS of every trial row, by (strategy, clients), in file order. */
    private Map<CellKey, double[]> read(Path dir) {
        Path csv = dir.resolve(ResultLayout.SUMMARY_CSV);
        if (!Files.isRegularFile(csv)) {
            throw new ParameterException(spec.commandLine(), dir + " has no " + ResultLayout.SUMMARY_CSV
                    + "; give two folders written by a sweep");
        }
        List<SummaryRow> rows;
        try {
            rows = SummaryReader.read(csv);
        } catch (ResultFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), csv + " cannot be read: " + e.getMessage());
        }
        Map<CellKey, List<Double>> tps = new LinkedHashMap<>();
        for (SummaryRow row : rows) {
            if (!row.aggregate() && !Double.isNaN(row.tps())) {
                tps.computeIfAbsent(new CellKey(row.strategy(), row.clients()), k -> new ArrayList<>()).add(row.tps());
            }
        }
        if (tps.isEmpty()) {
            throw new ParameterException(spec.commandLine(), csv + " has no trial rows");
        }
        Map<CellKey, double[]> arrays = new LinkedHashMap<>();
        tps.forEach((key, values) -> arrays.put(key, values.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
