package io.handoffbench.harness.run;

/**
 * What {@link CellRunner} calls as a strategy cell's measurement starts and ends, next to its CPU clock, so that
 * something beside it (a profiler) covers exactly the measured interval and never the warm-up.
 *
 * <p>Threading: both are called on the cell's controlling thread, {@link #measurementStarted} at most once and
 * before {@link #measurementEnded}; neither is called when the cell ends before its measurement starts.
 */
public interface MeasurementHook {

    /** Does nothing: the cell is not profiled. */
    MeasurementHook NONE = new MeasurementHook() {
        @Override
        public void measurementStarted() {
        }

        @Override
        public void measurementEnded() {
        }
    };

    /** The measurement starts now; may throw {@link IllegalStateException}, which ends the cell. */
    void measurementStarted();

    /** The measurement ended now. */
    void measurementEnded();
}
