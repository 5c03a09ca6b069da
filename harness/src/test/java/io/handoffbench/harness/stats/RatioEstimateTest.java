package io.handoffbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every reference value below was computed with SciPy 1.17.1 (NumPy 2.4.6), Welch's test on the logarithms:
 * <pre>
 *   r = scipy.stats.ttest_ind(np.log(b), np.log(a), equal_var=False)
 *   ci = r.confidence_interval(0.95)
 *   ratio, low, high, df, p = np.exp(np.log(b).mean() - np.log(a).mean()), np.exp(ci.low), np.exp(ci.high),
 *                             r.df, r.pvalue
 * </pre>
 */
class RatioEstimateTest {

    private static final double[] NOISY_A = {100, 130, 70};

    /** One case: A, B and SciPy's ratio, interval, degrees of freedom and p-value. */
    private record Reference(double[] a, double[] b, double ratio, double low, double high, double df, double p) {

        void check() {
            RatioEstimate estimate = RatioEstimate.of(a, b);

            assertThat(estimate.ratio()).isCloseTo(ratio, within(1e-9 * ratio));
            assertThat(estimate.low()).isCloseTo(low, within(1e-7 * low));
            assertThat(estimate.high()).isCloseTo(high, within(1e-7 * high));
            assertThat(estimate.degreesOfFreedom()).isCloseTo(df, within(1e-7 * df));
            assertThat(estimate.pValue()).isCloseTo(p, within(1e-7 * p));
        }
    }

    @Test
    void shouldNotCallANoisyBaselineAgainstAGainSignificantWhenWelchOnTheLogsDoesNot() {
        // The delta method said [0.51, 3.49] (no difference) while Welch on raw TPS said p = 0.029; on the log scale
        // Welch says p = 0.056, and the interval must say the same: it contains 1, narrowly.
        Reference reference = new Reference(NOISY_A, new double[] {200, 201, 199},
                2.063855304, 0.9540880009, 4.464471526, 2.001035821, 0.05614541745);

        reference.check();
        assertThat(RatioEstimate.of(reference.a(), reference.b()).verdict())
                .isEqualTo(RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void shouldNotCallANoisyBaselineAgainstALossSlowerWhenWelchOnTheLogsDoesNot() {
        // The delta method said [0.13, 0.87] (slower, so compare --fail-if-slower=5% failed) while Welch said
        // p = 0.10 on raw TPS and says p = 0.066 on the log scale: no significant difference.
        Reference reference = new Reference(NOISY_A, new double[] {50, 50.5, 49.5},
                0.5159509261, 0.2387177797, 1.115146758, 2.004143512, 0.06612111191);

        reference.check();
        assertThat(RatioEstimate.of(reference.a(), reference.b()).verdict())
                .isEqualTo(RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void shouldCallAClearGainFaster() {
        Reference reference = new Reference(new double[] {100, 100.5, 99.5}, new double[] {110, 110.5, 109.5},
                1.100001591, 1.088108663, 1.112024507, 3.964204794, 1.797098508e-05);

        reference.check();
        assertThat(RatioEstimate.of(reference.a(), reference.b()).verdict()).isEqualTo(RatioEstimate.Verdict.FASTER);
    }

    @Test
    void shouldCallAClearLossSlower() {
        Reference reference = new Reference(new double[] {80_000, 81_000, 79_000},
                new double[] {70_000, 71_000, 69_000},
                0.8749860467, 0.8485802942, 0.902213482, 3.93071919, 0.0002878227603);

        reference.check();
        assertThat(RatioEstimate.of(reference.a(), reference.b()).verdict()).isEqualTo(RatioEstimate.Verdict.SLOWER);
    }

    @Test
    void shouldNotCallNoiseADifference() {
        Reference reference = new Reference(new double[] {90_000, 95_000, 85_000},
                new double[] {91_000, 96_000, 86_000},
                1.011133918, 0.8919641216, 1.146225251, 3.99950946, 0.8183986886);

        reference.check();
        assertThat(RatioEstimate.of(reference.a(), reference.b()).verdict())
                .isEqualTo(RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void shouldWeighUnequalTrialCountsAsWelchSatterthwaiteDoes() {
        new Reference(new double[] {410_000, 395_000, 430_000, 388_000, 402_000},
                new double[] {452_000, 471_000, 440_000},
                1.122076763, 1.047638616, 1.201803984, 4.904213166, 0.007772174851).check();
    }

    @Test
    void shouldTakeTheDegreesOfFreedomFromTheSideThatVariesWhenTheOtherDoesNot() {
        // df = nB - 1 = 2
        new Reference(new double[] {100, 100, 100}, new double[] {104, 106, 102},
                1.039871779, 0.9913564823, 1.090761332, 2, 0.07205679961).check();
    }

    @Test
    void shouldExcludeOneExactlyWhenWelchsPValueOnTheLogsIsBelowFivePercent() {
        Random random = new Random(13);
        int significant = 0;
        for (int i = 0; i < 2_000; i++) {
            double[] a = trials(random, 2 + random.nextInt(4), 100_000, 0.1);
            double[] b = trials(random, 2 + random.nextInt(4), 100_000 * (0.85 + 0.3 * random.nextDouble()), 0.1);
            RatioEstimate estimate = RatioEstimate.of(a, b);
            boolean excludesOne = estimate.low() > 1 || estimate.high() < 1;
            assertThat(excludesOne).as("[%s, %s] p = %s", estimate.low(), estimate.high(), estimate.pValue())
                    .isEqualTo(estimate.pValue() < 0.05);
            significant += excludesOne ? 1 : 0;
        }
        assertThat(significant).as("both outcomes were exercised").isBetween(100, 1_900);
    }

    @Test
    void shouldGiveARatioButNoIntervalOnOneTrial() {
        RatioEstimate estimate = RatioEstimate.of(new double[] {1}, new double[] {2, 2.1});

        assertThat(estimate.ratio()).isCloseTo(Math.sqrt(2 * 2.1), within(1e-12));
        assertThat(estimate.hasInterval()).isFalse();
        assertThat(estimate.pValue()).isNaN();
        assertThat(estimate.verdict()).isEqualTo(RatioEstimate.Verdict.NOT_ENOUGH_TRIALS);
    }

    @Test
    void shouldCollapseTheIntervalToTheRatioWhenNeitherSideVaries() {
        RatioEstimate slower = RatioEstimate.of(new double[] {2, 2, 2}, new double[] {1, 1});
        RatioEstimate same = RatioEstimate.of(new double[] {2, 2, 2}, new double[] {2, 2});

        assertThat(slower.low()).isEqualTo(slower.high()).isCloseTo(0.5, within(1e-12));
        assertThat(slower.pValue()).isZero();
        assertThat(slower.verdict()).isEqualTo(RatioEstimate.Verdict.SLOWER);
        assertThat(same.verdict()).isEqualTo(RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(same.pValue()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnIntervalWhenATrialServedNothing() {
        RatioEstimate estimate = RatioEstimate.of(new double[] {100, 0, 90}, new double[] {50, 60});

        assertThat(estimate.ratio()).isNaN();
        assertThat(estimate.hasInterval()).isFalse();
        assertThat(estimate.verdict()).isEqualTo(RatioEstimate.Verdict.NOT_POSITIVE);
    }

    private static double[] trials(Random random, int n, double mean, double relativeSd) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean * Math.exp(relativeSd * random.nextGaussian());
        }
        return values;
    }
}
