package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellResult;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Whether a cell's warm-up ended on a plateau. TPS still climbing (the JIT still compiling) or falling (a queue
 * still filling) at the end of the warm-up means the measurement started too early.
 *
 * <p>The rule: of the whole seconds of the warm-up, take the last {@value #WINDOW_SECONDS}; compare the mean TPS
 * of their second half with that of their first half. If it moved by more than the tolerance, the cell is not
 * steady. Comparing halves looks for a trend; second-to-second noise on a shared machine mostly cancels.
 */
public final class WarmupCheck {

    public static final int WINDOW_SECONDS = 4;

    private WarmupCheck() {
    }

    /** The warm-up's per-second TPS with the verdict and, for the report, why. */
    public static CellResult.Warmup of(List<Double> tpsPerSecond, double tolerance) {
        int n = tpsPerSecond.size();
        if (n < WINDOW_SECONDS) {
            return new CellResult.Warmup(tpsPerSecond, false, "warm-up of " + n + " whole seconds is too short to check (needs "
                    + WINDOW_SECONDS + ")");
        }
        double[] window = tpsPerSecond.subList(n - WINDOW_SECONDS, n).stream().mapToDouble(Double::doubleValue)
                .toArray();
        int half = WINDOW_SECONDS / 2;
        double before = StatUtils.mean(window, 0, half);
        double after = StatUtils.mean(window, half, half);
        if (before <= 0) {
            return new CellResult.Warmup(tpsPerSecond, false, "no requests completed early in the warm-up window");
        }
        double change = (after - before) / before;
        String note = String.format(java.util.Locale.ROOT, "TPS moved %+.1f%% over the last %d s of warm-up "
                + "(tolerance %.0f%%)", change * 100, WINDOW_SECONDS, tolerance * 100);
        return new CellResult.Warmup(tpsPerSecond, Math.abs(change) <= tolerance, note);
    }
}
