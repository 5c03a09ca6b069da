package io.handoffbench.harness.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The ratio {@code B / A} of two series of trials with a confidence interval, for "is B faster than A?", such that
 * the interval excludes 1 exactly when Welch's t-test on the logarithms rejects "no difference" at that level.
 *
 * <p>Method: Welch's t on {@code log(x)}. With {@code d = mean(log B) − mean(log A)}, {@code se² = s²(log A)/nA +
 * s²(log B)/nB} and the Welch–Satterthwaite degrees of freedom {@code df}, the ratio is {@code exp(d)} (the ratio of
 * the geometric means) and the interval {@code exp(d ± t(df, 1 − (1 − level)/2) · se)}. Throughput's noise scales
 * with its size, so on the log scale a ratio's interval is symmetric and never negative; and the interval is the
 * inversion of the very test that gives the p-value (no first-order approximation between them), so they agree.
 *
 * <p>Edge cases: with fewer than two trials on a side, or a value that is not positive (no logarithm), there is a
 * ratio but no interval or p-value ({@link Verdict#NOT_ENOUGH_TRIALS}, {@link Verdict#NOT_POSITIVE}). When neither
 * side varies at all ({@code se = 0}) the interval is the ratio itself, {@code df} is infinite and the p-value 0 (or
 * 1 when the two are equal), as the t statistic is infinite (or undefined).
 *
 * @param ratio            {@code exp(mean(log B) − mean(log A))}; {@code NaN} when a value is not positive
 * @param low              the interval's lower end; {@code NaN} when there is none
 * @param high             its upper end; {@code NaN} when there is none
 * @param degreesOfFreedom Welch–Satterthwaite's; {@code NaN} when there is no interval
 * @param pValue           Welch's two-sided p-value on the logs for "the ratio is 1"; {@code NaN} when there is no
 *                         interval
 */
public record RatioEstimate(double ratio, double low, double high, double degreesOfFreedom, double pValue) {

    public enum Verdict { FASTER, SLOWER, NO_SIGNIFICANT_DIFFERENCE, NOT_ENOUGH_TRIALS, NOT_POSITIVE }

    public static RatioEstimate of(double[] a, double[] b) {
        return atLevel(MeanWithCi.LEVEL, a, b);
    }

    public static RatioEstimate atLevel(double level, double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("no trials");
        }
        if (!allPositive(a) || !allPositive(b)) {
            return new RatioEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        SummaryStatistics logA = logs(a);
        SummaryStatistics logB = logs(b);
        double difference = logB.getMean() - logA.getMean();
        double ratio = Math.exp(difference);
        if (a.length < 2 || b.length < 2) {
            return new RatioEstimate(ratio, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = logA.getVariance() / a.length; // squared standard error of mean(log A)
        double vb = logB.getVariance() / b.length;
        if (va + vb == 0) {
            return new RatioEstimate(ratio, ratio, ratio, Double.POSITIVE_INFINITY, difference == 0 ? 1 : 0);
        }
        double se = Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        TDistribution t = new TDistribution(df);
        double half = t.inverseCumulativeProbability(1 - (1 - level) / 2) * se;
        double p = 2 * t.cumulativeProbability(-Math.abs(difference) / se);
        return new RatioEstimate(ratio, Math.exp(difference - half), Math.exp(difference + half), df, p);
    }

    /** True when there is an interval (two or more positive trials on each side). */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    public Verdict verdict() {
        if (Double.isNaN(ratio)) {
            return Verdict.NOT_POSITIVE;
        }
        if (!hasInterval()) {
            return Verdict.NOT_ENOUGH_TRIALS;
        }
        if (low > 1) {
            return Verdict.FASTER;
        }
        if (high < 1) {
            return Verdict.SLOWER;
        }
        return Verdict.NO_SIGNIFICANT_DIFFERENCE;
    }

    private static boolean allPositive(double[] values) {
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static SummaryStatistics logs(double[] values) {
        SummaryStatistics stats = new SummaryStatistics();
        for (double value : values) {
            stats.addValue(Math.log(value));
        }
        return stats;
    }
}
