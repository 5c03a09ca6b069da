package io.handoffbench.harness.cell;

/** What trials are grouped by: one series at one clients level (the ceiling has clients 0). */
public record CellKey(String series, int clients) {
}
