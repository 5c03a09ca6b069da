package io.handoffbench.harness.output;

/** What trials are grouped by: one strategy at one clients level (the ceiling has clients 0). */
public record CellKey(String strategy, int clients) {
}
