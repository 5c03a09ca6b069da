package io.handoffbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class RatioEstimateTest {

    @Test
    void shouldCallAClearGainFaster() {
        double[] a = {100, 100.5, 99.5};
        double[] b = {110, 110.5, 109.5};

        RatioEstimate ratio = RatioEstimate.of(a, b);

        assertThat(ratio.ratio()).isCloseTo(1.1, within(1e-12));
        // se = 1.1 * sqrt(0.25/3/100^2 + 0.25/3/110^2) = 0.0042914; Welch df = 3.96; t = 2.78
        assertThat(ratio.high() - ratio.ratio()).isCloseTo(2.78 * 0.0042914, within(2e-4));
        assertThat(ratio.degreesOfFreedom()).isCloseTo(3.96, within(0.01));
        assertThat(ratio.verdict()).isEqualTo(RatioEstimate.Verdict.FASTER);
    }

    @Test
    void shouldCallAClearLossSlower() {
        RatioEstimate ratio = RatioEstimate.of(new double[] {80_000, 81_000, 79_000},
                new double[] {70_000, 71_000, 69_000});

        assertThat(ratio.ratio()).isCloseTo(0.875, within(1e-12));
        assertThat(ratio.verdict()).isEqualTo(RatioEstimate.Verdict.SLOWER);
    }

    @Test
    void shouldNotCallNoiseADifference() {
        RatioEstimate ratio = RatioEstimate.of(new double[] {90_000, 95_000, 85_000},
                new double[] {91_000, 96_000, 86_000});

        assertThat(ratio.low()).isLessThan(1);
        assertThat(ratio.high()).isGreaterThan(1);
        assertThat(ratio.verdict()).isEqualTo(RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void shouldAgreeWithWelchsTestOnSignificance() {
        TTest welch = new TTest();
        double[][][] pairs = {
                {{100, 102, 98}, {104, 106, 102}},
                {{100, 110, 90}, {104, 114, 94}},
                {{50, 51, 49, 50}, {52, 53, 51, 52}},
                {{50, 60, 40, 50}, {52, 62, 42, 52}},
        };
        for (double[][] pair : pairs) {
            boolean significant = welch.tTest(pair[0], pair[1], 0.05);
            RatioEstimate ratio = RatioEstimate.of(pair[0], pair[1]);
            assertThat(ratio.verdict() != RatioEstimate.Verdict.NO_SIGNIFICANT_DIFFERENCE)
                    .as("ratio CI [%s, %s] vs Welch", ratio.low(), ratio.high()).isEqualTo(significant);
        }
    }

    @Test
    void shouldRefuseAVerdictOnOneTrial() {
        assertThat(RatioEstimate.of(new double[] {1}, new double[] {2, 2.1}).verdict())
                .isEqualTo(RatioEstimate.Verdict.NOT_ENOUGH_TRIALS);
    }
}
