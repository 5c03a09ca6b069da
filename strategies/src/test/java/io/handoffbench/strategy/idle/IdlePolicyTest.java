package io.handoffbench.strategy.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdlePolicyTest {

    @ParameterizedTest
    @EnumSource(IdlePolicy.class)
    void shouldFindEveryPolicyByItsId(IdlePolicy policy) {
        assertThat(IdlePolicy.fromId(policy.id())).isSameAs(policy);
        assertThat(policy).hasToString(policy.id());
    }

    @Test
    void shouldNameTheValidIdsWhenTheIdIsUnknown() {
        assertThatThrownBy(() -> IdlePolicy.fromId("busy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown idle policy 'busy': valid are park, spin-park, yield, spin");
    }

    @Test
    void shouldParkOnlyForThePoliciesThatSaySo() {
        assertThat(IdlePolicy.PARK.parks()).isTrue();
        assertThat(IdlePolicy.SPIN_PARK.parks()).isTrue();
        assertThat(IdlePolicy.YIELD.parks()).isFalse();
        assertThat(IdlePolicy.SPIN.parks()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(IdlePolicy.class)
    void shouldReturnTrueAtOnceWhenAlreadyDone(IdlePolicy policy) {
        AtomicInteger reads = new AtomicInteger();
        assertThat(policy.spinUntil(() -> reads.incrementAndGet() > 0)).isTrue();
        assertThat(reads).hasValue(1);
    }

    @Test
    void shouldNotSpinAtAllUnderPark() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(IdlePolicy.PARK.spinUntil(() -> reads.incrementAndGet() < 0)).isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void shouldGiveUpSpinningUnderSpinParkWhenNothingComes() {
        // No timing claim: only that the spin phase ends by itself (the class timeout catches an endless one).
        assertThat(IdlePolicy.SPIN_PARK.spinUntil(() -> false)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IdlePolicy.class, names = {"SPIN_PARK", "YIELD", "SPIN"})
    void shouldSeeAWriteFromAnotherThreadWhileSpinning(IdlePolicy policy) throws Exception {
        // SPIN_PARK may give up before the write comes; then spin again, as a consumer would after a wake-up.
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            sleepQuietly(Duration.ofMillis(20));
            done.set(true);
        });
        while (!policy.spinUntil(done::get)) {
            assertThat(policy).isEqualTo(IdlePolicy.SPIN_PARK);
        }
        writer.join();
    }

    @ParameterizedTest
    @EnumSource(value = IdlePolicy.class, names = {"YIELD", "SPIN"})
    void shouldStopAnEndlessSpinWhenInterruptedAndKeepTheInterruptStatus(IdlePolicy policy) throws Exception {
        AtomicReference<Boolean> result = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread spinner = Thread.ofPlatform().start(() -> {
            result.set(policy.spinUntil(() -> false));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(20);
        spinner.interrupt();
        spinner.join(Duration.ofSeconds(10));

        assertThat(spinner.isAlive()).as("still spinning 10 s after the interrupt").isFalse();
        assertThat(result.get()).isFalse();
        assertThat(interruptedAfter).isTrue();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
