package io.handoffbench.harness.cell;

/**
 * One benchmark cell as it is run: which cell it is, and the settings every cell of its sweep shares.
 */
public record CellConfig(CellId id, SweepSettings settings) {

    /** {@code virtual}, {@code platform}, {@code event-loop}, or {@code none} for the ceiling, which has no clients. */
    public String clientThreads() {
        return id.isCeiling() ? "none" : settings.clientThreads().id();
    }

    public Workload workload() {
        return settings.workload();
    }
}
