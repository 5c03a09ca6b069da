package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * One column of {@code summary.csv}: what a trial row holds, how an aggregate row combines its trials, and how a
 * value is written, together so that the header and both kinds of row cannot drift apart. {@link SummaryColumns}
 * lists them in file order.
 *
 * @param name      the header
 * @param trial     a trial row's value
 * @param combine   how an aggregate row's value comes from its trials
 * @param aggregate an aggregate row's value
 * @param decimals  digits after the point of a fractional number
 */
public record SummaryColumn(String name, TrialValue trial, Combine combine, AggregateValue aggregate, int decimals) {

    /**
     * A trial row's value before formatting: a number ({@code NaN} where it does not apply), a text or a flag
     * ({@code null} where it does not apply).
     */
    @FunctionalInterface
    public interface TrialValue {
        Object of(CellResult cell, TrialContext sweep);
    }

    /** An aggregate row's value before formatting, as {@link TrialValue}. */
    @FunctionalInterface
    public interface AggregateValue {
        Object of(Aggregate group);
    }

    /**
     * What a trial row needs beyond its own cell.
     *
     * @param plannedTrials the trials each cell was planned to have
     * @param ceilingTps    the bare worker's mean TPS in the same sweep; NaN without a ceiling
     */
    public record TrialContext(int plannedTrials, double ceilingTps) {
    }

    /** How an aggregate row combines its trials' values; trials without a value are left out. */
    public enum Combine {
        /** The same in every trial of the group (its series, workload, mode): the first trial's. */
        FIRST,
        /** Counts and durations. */
        SUM,
        /** Peaks. */
        MAX,
        /** Latencies, rates and CPU, which one odd trial should not move. */
        MEDIAN,
        /** The worker's batch size, whose trials are alike. */
        MEAN,
        /** TPS: the mean, and the bounds of its 95% confidence interval. */
        MEAN_WITH_CI,
        /** Flags: true only when every trial's is. */
        ALL,
        /** Not the trials' values combined, but the group's own: its row kind, its trial count, its efficiency. */
        OWN;

        /** The combination of {@code values}, NaN left out; NaN when none is left. */
        double of(double[] values) {
            double[] present = Arrays.stream(values).filter(value -> !Double.isNaN(value)).toArray();
            if (present.length == 0) {
                return Double.NaN;
            }
            return switch (this) {
                case SUM -> Arrays.stream(present).sum();
                case MAX -> Arrays.stream(present).max().orElseThrow();
                case MEDIAN -> new Median().evaluate(present);
                case MEAN -> Arrays.stream(present).average().orElseThrow();
                default -> throw new IllegalStateException(this + " does not combine numbers");
            };
        }
    }

    public SummaryColumn {
        Objects.requireNonNull(name);
        Objects.requireNonNull(trial);
        Objects.requireNonNull(combine);
        Objects.requireNonNull(aggregate);
    }

    /** A number combined by {@code combine} ({@link Combine#SUM}, {@code MAX}, {@code MEDIAN} or {@code MEAN}). */
    static SummaryColumn number(String name, ToDoubleFunction<CellResult> value, Combine combine, int decimals) {
        return new SummaryColumn(name, (cell, sweep) -> value.applyAsDouble(cell), combine,
                group -> combine.of(group.cells().stream().mapToDouble(value).toArray()), decimals);
    }

    /** A value every trial of a group shares: the aggregate row repeats the first trial's. */
    static SummaryColumn first(String name, Function<CellResult, Object> value) {
        return new SummaryColumn(name, (cell, sweep) -> value.apply(cell), Combine.FIRST,
                group -> value.apply(group.cells().get(0)), 0);
    }

    /** A flag: the aggregate row's is true only when every trial's is. */
    static SummaryColumn flag(String name, Predicate<CellResult> value) {
        return new SummaryColumn(name, (cell, sweep) -> value.test(cell), Combine.ALL,
                group -> group.cells().stream().allMatch(value), 0);
    }

    /** A trial row's text in this column. */
    public String trialText(CellResult cell, TrialContext sweep) {
        return format(trial.of(cell, sweep));
    }

    /** An aggregate row's text in this column. */
    public String aggregateText(Aggregate group) {
        return format(aggregate.of(group));
    }

    /** Blank for null, NaN and infinity; a fraction with {@link #decimals}; anything else as Java prints it. */
    String format(Object value) {
        return switch (value) {
            case null -> "";
            case Double number when Double.isNaN(number) || Double.isInfinite(number) -> "";
            case Double number -> String.format(Locale.ROOT, "%." + decimals + "f", number);
            default -> value.toString();
        };
    }

    /** The names of {@code columns}, in order. */
    static List<String> names(List<SummaryColumn> columns) {
        return columns.stream().map(SummaryColumn::name).toList();
    }
}
