package io.handoffbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanWithCiTest {

    @Test
    void shouldMatchAHandComputedStudentTInterval() {
        // mean 12, s = 2, n = 3: t(0.975, 2) = 4.302653, half width = 4.302653 * 2 / sqrt(3) = 4.968275
        MeanWithCi ci = MeanWithCi.of(10, 12, 14);

        assertThat(ci.n()).isEqualTo(3);
        assertThat(ci.mean()).isEqualTo(12.0);
        assertThat(ci.standardDeviation()).isCloseTo(2.0, within(1e-12));
        assertThat(ci.halfWidth()).isCloseTo(4.968275, within(1e-6));
        assertThat(ci.low()).isCloseTo(7.031725, within(1e-6));
        assertThat(ci.high()).isCloseTo(16.968275, within(1e-6));
    }

    @Test
    void shouldUseTheNormalLimitForManyTrials() {
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? -1 : 1; // s = 1.00005
        }
        MeanWithCi ci = MeanWithCi.of(values);

        assertThat(ci.halfWidth()).isCloseTo(1.96 * 1.00005 / 100, within(1e-4));
    }

    @Test
    void shouldShrinkAsTrialsAgree() {
        MeanWithCi scattered = MeanWithCi.of(90, 100, 110);
        MeanWithCi closer = MeanWithCi.of(98, 100, 102);
        MeanWithCi identical = MeanWithCi.of(100, 100, 100);

        assertThat(closer.halfWidth()).isLessThan(scattered.halfWidth());
        assertThat(identical.halfWidth()).isZero();
        assertThat(identical.low()).isEqualTo(100.0);
    }

    @Test
    void shouldShrinkWithMoreTrialsOfTheSameSpread() {
        MeanWithCi three = MeanWithCi.of(99, 101, 100);
        MeanWithCi six = MeanWithCi.of(99, 101, 100, 99, 101, 100);

        assertThat(six.halfWidth()).isLessThan(three.halfWidth());
    }

    @Test
    void shouldHaveNoIntervalForOneTrial() {
        MeanWithCi one = MeanWithCi.of(42);

        assertThat(one.mean()).isEqualTo(42.0);
        assertThat(one.hasInterval()).isFalse();
    }
}
