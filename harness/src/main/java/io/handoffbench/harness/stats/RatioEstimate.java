package io.handoffbench.harness.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The ratio of two means, {@code B / A}, with a confidence interval, for "is B faster than A?".
 *
 * <p>Method: the delta method on the ratio of two independent means, {@code se(r) = r · √((sA/mA)²/nA +
 * (sB/mB)²/nB)}, with Welch–Satterthwaite degrees of freedom and Student's t. The interval excludes 1 exactly
 * when the difference is significant at the chosen level (to first order, as Welch's t-test would say).
 * With fewer than two trials on a side there is no interval.
 */
public record RatioEstimate(double ratio, double low, double high, double degreesOfFreedom) {

    public enum Verdict { FASTER, SLOWER, NO_SIGNIFICANT_DIFFERENCE, NOT_ENOUGH_TRIALS }

    public static RatioEstimate of(double[] a, double[] b) {
        return atLevel(MeanWithCi.LEVEL, a, b);
    }

    public static RatioEstimate atLevel(double level, double[] a, double[] b) {
        SummaryStatistics sa = stats(a);
        SummaryStatistics sb = stats(b);
        double ratio = sb.getMean() / sa.getMean();
        if (a.length < 2 || b.length < 2) {
            return new RatioEstimate(ratio, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = sa.getVariance() / a.length / (sa.getMean() * sa.getMean()); // squared relative standard error
        double vb = sb.getVariance() / b.length / (sb.getMean() * sb.getMean());
        double se = ratio * Math.sqrt(va + vb);
        double df = va + vb == 0 ? Double.POSITIVE_INFINITY
                : (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = Double.isInfinite(df) ? 1.959963984540054
                : new TDistribution(df).inverseCumulativeProbability(1 - (1 - level) / 2);
        return new RatioEstimate(ratio, ratio - t * se, ratio + t * se, df);
    }

    public Verdict verdict() {
        if (Double.isNaN(low)) {
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

    private static SummaryStatistics stats(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no trials");
        }
        SummaryStatistics stats = new SummaryStatistics();
        for (double value : values) {
            stats.addValue(value);
        }
        return stats;
    }
}
