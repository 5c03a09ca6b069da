package io.handoffbench.harness.run;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Whether a cell's warm-up ended on a plateau. TPS still climbing (the JIT still compiling) or falling (a queue
 * still filling) at the end of the warm-up means the measurement started too early.
 *
 * <p>The rule: of the whole seconds of the warm-up, take the last {@value #WINDOW_SECONDS}; compare the mean TPS
 * of their second half with that of their first half. If it moved by more than the tolerance, the cell is not
 * steady. Comparing halves looks for a trend; second-to-second noise on a shared machine mostly cancels.
 *
 * <p>A cell whose reducer Truffle had not compiled when the measurement began is not steady either, whatever its
 * TPS did: it measured the interpreter, or a JIT about to change the numbers.
 */
public final class WarmupCheck {

    public static final int WINDOW_SECONDS = 4;

    private WarmupCheck() {
    }

    /**
     * The warm-up's per-second TPS with the verdict and, for the report, why.
     *
     * @param seconds      how long the warm-up lasted
     * @param compilations what Truffle compiled; null when not watched
     */
    public static CellResult.Warmup of(List<Double> tpsPerSecond, double tolerance, double seconds,
                                       EngineInfo.Compilations compilations) {
        CellResult.Warmup byTps = of(tpsPerSecond, tolerance);
        if (compilations == null || compilations.reducerCompiled()) {
            return new CellResult.Warmup(byTps.tpsPerSecond(), byTps.steady(), byTps.note(), seconds);
        }
        return new CellResult.Warmup(tpsPerSecond, false, byTps.note() + "; reduce was not compiled by Truffle before "
                + "the measurement began (" + compilations.compiledBeforeMeasurement() + " call targets were)",
                seconds);
    }

    /** Whether the TPS of these whole seconds ended steady within {@code tolerance}: the automatic warm-up's end. */
    static boolean steady(List<Double> tpsPerSecond, double tolerance) {
        return of(tpsPerSecond, tolerance).steady();
    }

    /** The verdict on TPS alone. */
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
