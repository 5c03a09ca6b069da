package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupCheckTest {

    @Test
    void shouldCallAPlateauSteady() {
        CellResult.Warmup verdict = WarmupCheck.of(List.of(50_000.0, 90_000.0, 100_000.0, 99_000.0, 101_000.0,
                100_500.0), 0.10);

        assertThat(verdict.steady()).isTrue();
        assertThat(verdict.note()).contains("+1.3%"); // (100,750 - 99,500) / 99,500
    }

    @Test
    void shouldCallAStillClimbingWarmupNotSteady() {
        CellResult.Warmup verdict = WarmupCheck.of(List.of(10_000.0, 20_000.0, 40_000.0, 60_000.0, 80_000.0,
                100_000.0), 0.10);

        assertThat(verdict.steady()).isFalse();
        assertThat(verdict.note()).contains("+80.0%"); // (90,000 - 50,000) / 50,000
    }

    @Test
    void shouldCallAFallingWarmupNotSteady() {
        assertThat(WarmupCheck.of(List.of(100.0, 100.0, 80.0, 80.0), 0.10).steady()).isFalse();
    }

    @Test
    void shouldNotPretendToCheckAShortWarmup() {
        CellResult.Warmup verdict = WarmupCheck.of(List.of(100.0, 100.0), 0.10);

        assertThat(verdict.steady()).isFalse();
        assertThat(verdict.note()).contains("too short");
    }
}
