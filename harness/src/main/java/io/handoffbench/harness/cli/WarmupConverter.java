package io.handoffbench.harness.cli;

import io.handoffbench.harness.cell.SweepSettings;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads {@code --warmup}: {@code auto} (until the cell is steady, at most
 * {@link SweepSettings.Timing#AUTO_WARMUP_MAX}), {@code auto:2m} (at most that), or a fixed duration ({@code 5s}).
 */
public final class WarmupConverter implements CommandLine.ITypeConverter<WarmupConverter.Warmup> {

    static final String AUTO = "auto";

    /** A fixed warm-up of {@code length}, or an automatic one of at most {@code length}. */
    public record Warmup(Duration length, boolean auto) {

        @Override
        public String toString() {
            return auto ? AUTO + ":" + length.toSeconds() + "s" : length.toMillis() + "ms";
        }
    }

    @Override
    public Warmup convert(String value) {
        String text = value.trim();
        if (text.equals(AUTO)) {
            return new Warmup(SweepSettings.Timing.AUTO_WARMUP_MAX, true);
        }
        if (text.startsWith(AUTO + ":")) {
            Duration most = durationOr(text.substring(AUTO.length() + 1), value);
            if (most.isZero()) {
                throw invalid(value);
            }
            return new Warmup(most, true);
        }
        return new Warmup(durationOr(text, value), false);
    }

    private static Duration durationOr(String text, String value) {
        try {
            return new DurationConverter().convert(text);
        } catch (CommandLine.TypeConversionException e) {
            throw invalid(value);
        }
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a warm-up: use auto (until steady, at "
                + "most " + SweepSettings.Timing.AUTO_WARMUP_MAX.toSeconds() + " s), auto:MAX (like auto:2m), or a "
                + "duration (like 500ms, 10s, 2m)");
    }
}
