package io.handoffbench.harness.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of a few trials with its two-sided confidence interval from Student's t distribution: with n trials,
 * {@code mean ± t(1 - (1 - level) / 2, n - 1) · s / √n}. With fewer than two trials there is no interval (NaN).
 */
public record MeanWithCi(int n, double mean, double standardDeviation, double low, double high) {

    public static final double LEVEL = 0.95;

    public static MeanWithCi of(double... values) {
        return atLevel(LEVEL, values);
    }

    public static MeanWithCi atLevel(double level, double[] values) {
        if (values.length == 0) {
            return new MeanWithCi(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        SummaryStatistics stats = new SummaryStatistics();
        for (double value : values) {
            stats.addValue(value);
        }
        double mean = stats.getMean();
        if (values.length < 2) {
            return new MeanWithCi(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * stats.getStandardDeviation() / Math.sqrt(values.length);
        return new MeanWithCi(values.length, mean, stats.getStandardDeviation(), mean - half, mean + half);
    }

    public double halfWidth() {
        return (high - low) / 2;
    }

    public boolean hasInterval() {
        return !Double.isNaN(low);
    }
}
