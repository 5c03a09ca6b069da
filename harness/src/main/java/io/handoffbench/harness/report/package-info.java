/**
 * The report of a result folder: {@code report.md} (one Markdown table per clients level, to paste into a pull
 * request), up to four PNG charts, and {@code report.html}, one self-contained page with both.
 *
 * <p>Everything is read from the folder the sweep wrote, never from the sweep's memory, so a report can be made
 * again, or of an interrupted sweep, at any time:
 * <ul>
 *   <li>{@code summary.csv}: the {@code aggregate} rows (one per strategy and clients level, and one for the
 *       bare-worker {@code ceiling}) give the tables and the charts; {@code trial} rows are not needed.</li>
 *   <li>{@code run.json}: the header (workload, JDK, GraalJS and JIT, machine, status, warnings); optional.</li>
 *   <li>{@code <strategy>-c<clients>-t<trial>.hlog}: merged per strategy into the latency spectrum at the highest
 *       clients level.</li>
 * </ul>
 *
 * <p>Entry points: {@link io.handoffbench.harness.report.Report#write(java.nio.file.Path)} from code, and
 * {@link io.handoffbench.harness.cli.ReportCommand} ({@code harness report DIR}) from the command line.
 */
package io.handoffbench.harness.report;
