package io.handoffbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.strategy.idle.IdlePolicy;
import org.junit.jupiter.api.Test;

class IdleChoiceTest {

    @Test
    void shouldSpinFirstUnderAutoWhenEveryClientAndTheWorkerHaveACore() {
        assertThat(IdleChoice.DEFAULT.policyFor(1, 2)).isEqualTo(IdlePolicy.SPIN_PARK);
        assertThat(IdleChoice.DEFAULT.policyFor(7, 8)).isEqualTo(IdlePolicy.SPIN_PARK);
    }

    @Test
    void shouldParkUnderAutoOnceThreadsOutnumberTheCores() {
        assertThat(IdleChoice.DEFAULT.policyFor(2, 2)).isEqualTo(IdlePolicy.PARK);
        assertThat(IdleChoice.DEFAULT.policyFor(512, 2)).isEqualTo(IdlePolicy.PARK);
        assertThat(IdleChoice.DEFAULT.policyFor(8, 8)).isEqualTo(IdlePolicy.DEFAULT);
    }

    @Test
    void shouldRunANamedPolicyAtEveryLevel() {
        assertThat(new IdleChoice("spin").policyFor(512, 2)).isEqualTo(IdlePolicy.SPIN);
        assertThat(new IdleChoice("park").policyFor(1, 64)).isEqualTo(IdlePolicy.PARK);
    }

    @Test
    void shouldAcceptAutoAndEveryPolicyAndNothingElse() {
        assertThat(IdleChoice.validIds()).isEqualTo("auto, park, spin-park, yield, spin");
        assertThat(IdleChoice.isValid("auto")).isTrue();
        assertThat(IdleChoice.isValid("spin-park")).isTrue();
        assertThat(IdleChoice.isValid("busy")).isFalse();
        assertThat(IdleChoice.isValid("AUTO")).isFalse();
    }
}
