package io.handoffbench.harness.cell;

/**
 * One benchmark cell as it is run: which cell it is, and the settings every cell of its sweep shares.
 */
public record CellConfig(CellId id, SweepSettings settings) {

    /** {@code virtual}, {@code platform}, or {@code none} for the ceiling, which has no clients. */
    public String clientThreads() {
        return id.isCeiling() ? "none" : settings.virtualClients() ? "virtual" : "platform";
    }

    public Workload workload() {
        return settings.workload();
    }
}
