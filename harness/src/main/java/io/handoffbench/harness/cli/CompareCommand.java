package io.handoffbench.harness.cli;

import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.output.ResultFormatException;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.output.SummaryReader;
import io.handoffbench.harness.report.RunTrials;
import io.handoffbench.harness.report.SweepComparison;
import io.handoffbench.harness.stats.RatioEstimate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harness compare A B}: for every (strategy, clients) measured in both sweeps, the TPS ratio B/A and the
 * efficiency ratio (TPS over each run's own ceiling) with their 95% confidence intervals, a verdict, and whether the
 * machine itself differed. With {@code --fail-if-slower}, a performance gate, on raw TPS or, with
 * {@code --normalize=ceiling}, on efficiency.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compares two sweep folders: for each (strategy, clients) in both, the TPS ratio B/A (of the trials' "
                        + "geometric means) with a 95%% confidence interval from Welch's t-test on log TPS, the same "
                        + "for efficiency (each trial's TPS over its own run's ceiling trial), and a verdict: faster, "
                        + "slower, or no significant difference (the interval contains 1). Says whether the two "
                        + "runs' ceilings differ significantly: if they do, the machine differed, not only the code."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:compared; no cell failed the gate",
                "1:--fail-if-slower: some cell is significantly slower by more than the threshold",
                "2:a folder has no summary.csv, the two have no cell in common, or --normalize=ceiling and a folder "
                        + "has no ceiling"})
public final class CompareCommand implements Callable<Integer> {

    /** What the gate and the verdict compare: raw TPS, or TPS over each run's own ceiling. */
    enum Normalize { none, ceiling }

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

    @Option(names = "--normalize", paramLabel = "KIND", defaultValue = "none",
            description = "What the verdict and --fail-if-slower use: ${COMPLETION-CANDIDATES}. none: the TPS "
                    + "ratio (a quiet, dedicated machine); ceiling: the efficiency ratio, TPS over each run's own "
                    + "ceiling (a shared CI machine, whose speed varies from day to day). Default: ${DEFAULT-VALUE}.")
    private Normalize normalize;

    @Override
    public Integer call() {
        RunTrials trialsA = read(a);
        RunTrials trialsB = read(b);
        if (normalize == Normalize.ceiling) {
            requireCeiling(a, trialsA);
            requireCeiling(b, trialsB);
        }
        SweepComparison comparison = SweepComparison.of(trialsA, trialsB);
        if (comparison.cells().isEmpty()) {
            throw new ParameterException(spec.commandLine(), a + " and " + b
                    + " have no (strategy, clients) in common; nothing to compare");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "B/A ratios, B = %s, A = %s%n", b, a);
        out.printf(Locale.ROOT, "TPS: geometric mean of the trials; B/A: their ratio; 95%% CI: Welch's t-test on log "
                + "TPS (it excludes 1%n  exactly when the test finds a significant difference at 5%%); eff B/A: the "
                + "same for each trial's TPS over its own%n  run's ceiling trial; verdict: on %s%n",
                normalize == Normalize.ceiling ? "eff B/A (--normalize=ceiling)" : "B/A");
        int nameWidth = Math.max("strategy".length(), comparison.cells().stream()
                .mapToInt(cell -> cell.key().series().length()).max().orElse(0)); // mpsc-blocking@spin-park fits
        String format = "%-" + nameWidth + "s %8s %,12.0f %,12.0f %7s %17s %8s %17s  %s%n";
        out.printf(Locale.ROOT, format.replace("%,12.0f", "%12s"), "strategy", "clients", "TPS A", "TPS B", "B/A",
                "95% CI", "eff B/A", "95% CI", "verdict");
        List<String> failures = new ArrayList<>();
        for (SweepComparison.Cell cell : comparison.cells()) {
            RatioEstimate gated = normalize == Normalize.ceiling ? cell.efficiency() : cell.tps();
            out.printf(Locale.ROOT, format, cell.key().series(),
                    cell.key().clients() == 0 ? "-" : String.valueOf(cell.key().clients()), cell.tpsA(), cell.tpsB(),
                    ratio(cell.tps()), interval(cell.tps()), ratio(cell.efficiency()), interval(cell.efficiency()),
                    gated == null ? noEfficiency(cell) : verdict(gated));
            if (failIfSlower != null && gated != null && gated.verdict() == RatioEstimate.Verdict.SLOWER
                    && gated.ratio() < 1 - failIfSlower) {
                failures.add(cell.key().series() + " c=" + cell.key().clients());
            }
        }
        out.println(ceilingLine(comparison.ceiling(), trialsA, trialsB));
        if (!failures.isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "compare: significantly slower by more than %.1f%%%s: %s%n",
                    failIfSlower * 100, normalize == Normalize.ceiling ? " in efficiency (--normalize=ceiling)" : "",
                    String.join(", ", failures));
            return ExitCodes.RUN_FAILED;
        }
        return ExitCodes.OK;
    }

    /** Whether the machine differed, from the two ceilings; or which folder has none. */
    private String ceilingLine(RatioEstimate ceiling, RunTrials trialsA, RunTrials trialsB) {
        if (ceiling == null) {
            String missing = !trialsA.hasCeiling() && !trialsB.hasCeiling() ? "neither folder has"
                    : (trialsA.hasCeiling() ? b : a) + " has";
            return "no efficiency ratios: " + missing + " no ceiling rows, so whether the machine differed is unknown";
        }
        String ratio = String.format(Locale.ROOT, "ceiling B/A = %sx%s", ratio(ceiling),
                ceiling.hasInterval() ? " " + interval(ceiling) : "");
        return switch (ceiling.verdict()) {
            case FASTER, SLOWER -> "the machine differed: " + ratio + ", significant; eff B/A factors it out "
                    + "(--normalize=ceiling gates on it)";
            case NO_SIGNIFICANT_DIFFERENCE -> "the machine did not differ significantly: " + ratio;
            case NOT_ENOUGH_TRIALS -> ratio + "; whether the machine differed is unknown (needs 2+ ceiling trials "
                    + "on each side)";
            case NOT_POSITIVE -> "a ceiling trial measured no TPS; whether the machine differed is unknown";
        };
    }

    private static String ratio(RatioEstimate ratio) {
        return ratio == null || Double.isNaN(ratio.ratio()) ? "-" : String.format(Locale.ROOT, "%.3f", ratio.ratio());
    }

    private static String interval(RatioEstimate ratio) {
        return ratio == null || !ratio.hasInterval() ? "-"
                : String.format(Locale.ROOT, "[%.3f, %.3f]", ratio.low(), ratio.high());
    }

    private static String noEfficiency(SweepComparison.Cell cell) {
        return cell.key().series().equals(CellId.CEILING) ? "- (the ceiling's own efficiency is 1)"
                : "no CI (no trial has a ceiling trial of its number)";
    }

    private static String verdict(RatioEstimate ratio) {
        return switch (ratio.verdict()) {
            case FASTER -> "faster";
            case SLOWER -> "slower";
            case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
            case NOT_ENOUGH_TRIALS -> "no CI (needs 2+ trials on each side)";
            case NOT_POSITIVE -> "no CI (a trial measured no TPS)";
        };
    }

    private void requireCeiling(Path dir, RunTrials trials) {
        if (!trials.hasCeiling()) {
            throw new ParameterException(spec.commandLine(), dir + " has no ceiling rows in "
                    + ResultLayout.SUMMARY_CSV + "; --normalize=ceiling needs both sweeps' ceilings (or use "
                    + "--normalize=none)");
        }
    }

    /** The trials of {@code dir}'s {@code summary.csv}. */
    private RunTrials read(Path dir) {
        Path csv = dir.resolve(ResultLayout.SUMMARY_CSV);
        if (!Files.isRegularFile(csv)) {
            throw new ParameterException(spec.commandLine(), dir + " has no " + ResultLayout.SUMMARY_CSV
                    + "; give two folders written by a sweep");
        }
        RunTrials trials;
        try {
            trials = RunTrials.of(SummaryReader.read(csv));
        } catch (ResultFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), csv + " cannot be read: " + e.getMessage());
        }
        if (trials.cells().isEmpty()) {
            throw new ParameterException(spec.commandLine(), csv + " has no trial rows");
        }
        return trials;
    }
}
