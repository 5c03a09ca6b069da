package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --preset=seed} stands for the seed's configuration, and the command line's own options win. */
class PresetsTest {

    @Test
    void shouldPutTheSeedsOptionsFirst() {
        assertThat(Presets.expand(List.of("--preset=seed", "--out", "x"))).containsExactly("--strategy=all",
                "--clients=10", "--pipeline=16384", "--amount=1", "--initial-balance=1000000", "--alpha=1.5",
                "--trials=3", "--preset=seed", "--out", "x");
    }

    @Test
    void shouldLetTheCommandLineOverrideAnyOfThem() {
        assertThat(Presets.expand(List.of("--clients=512", "--preset", "seed", "--trials", "1")))
                .containsExactly("--strategy=all", "--pipeline=16384", "--amount=1", "--initial-balance=1000000",
                        "--alpha=1.5", "--clients=512", "--preset", "seed", "--trials", "1");
    }

    @Test
    void shouldLeaveACommandLineWithoutAPresetAlone() {
        List<String> args = List.of("--strategy=mpsc", "--clients=64");
        assertThat(Presets.expand(args)).isSameAs(args);
    }

    @Test
    void shouldRefuseAnUnknownPresetAndASecondOne() {
        assertThatThrownBy(() -> Presets.expand(List.of("--preset=nope"))).hasMessage(
                "unknown --preset 'nope'; valid: seed");
        assertThatThrownBy(() -> Presets.expand(List.of("--preset=seed", "--preset=seed")))
                .hasMessage("--preset may be given once");
    }
}
