package io.handoffbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoffbench.harness.output.ResultLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's Profiles section, from {@code run.json}'s cells: every cell {@code --profile} sampled, with its flame
 * graph, its TPS against the unprofiled trials of the same cell in the folder (the profiler's overhead), and, for
 * CPU profiles, the CPU per request split by component.
 *
 * @param entries  the profiled cells, in the order they ran
 * @param rowOrder the breakdown's components in the order the harness lists them, with their labels
 */
record ProfileSection(List<Entry> entries, Map<String, String> rowOrder) {

    static final String TITLE = "Profiles";
    static final String LEGEND = "Each profiled cell was sampled over its measurement only, never its warm-up, in "
            + "its own JVM. Overhead compares its TPS with the mean of the unprofiled trials of the same strategy "
            + "and clients in this folder (--profile-trials=last leaves the earlier trials unprofiled). The flame "
            + "graph is async-profiler's, one tower per thread (the thread's name at its foot); the collapsed "
            + "stacks are the same samples as text.";
    static final String BREAKDOWN_LEGEND = "Where a request's CPU goes: each component's share of the CPU samples "
            + "times the process's CPU per request measured over the same interval, in µs, the share in brackets; "
            + "the column adds up to the measured CPU per request. The worker and the clients are told apart by "
            + "thread (js-worker; the virtual threads' carriers ForkJoinPool-1-worker-N or platform client-N), then "
            + "by frames: the worker's innermost activity, a client's outermost call in its loop. Stacks no rule "
            + "places are counted as other, never dropped.";
    static final List<String> HEADINGS = List.of("cell", "profile", "samples", "TPS", "unprofiled TPS",
            "overhead", "CPU µs/request", "flame graph", "collapsed stacks");

    /**
     * One profiled cell.
     *
     * @param unprofiledTps    the mean TPS of the passed, unprofiled trials of the same series and clients; NaN
     *                         when there is none
     * @param unprofiledTrials how many there are
     * @param breakdown        component id to {usPerRequest, share}; empty unless a CPU profile
     */
    record Entry(String label, String kind, String engine, double intervalMs, long samples, double tps,
                 double unprofiledTps, int unprofiledTrials, double cpuUsPerRequest, String flameGraph,
                 String collapsed, String recording, Map<String, double[]> breakdown) {

        /** The overhead as the profiled TPS over the unprofiled mean: 0.97x is 3% slower. */
        String overhead() {
            return unprofiledTrials == 0 ? "no unprofiled trial" : Format.ratio(tps / unprofiledTps);
        }

        /** The cells in {@link #HEADINGS} order, the last two (file names) to be shown as links. */
        List<String> cells() {
            boolean engineSaysKind = engine.equals(kind) || engine.startsWith(kind + " "); // wall; jfr (...)
            String profile = (engineSaysKind ? engine : kind + ", " + engine) + (Double.isNaN(intervalMs) ? ""
                    : String.format(Locale.ROOT, ", every %.3g ms", intervalMs));
            return List.of(label, profile, recording != null ? Format.NONE : Format.count(samples), Format.count(tps),
                    unprofiledTrials == 0 ? Format.NONE : Format.count(unprofiledTps) + " (" + unprofiledTrials
                            + (unprofiledTrials == 1 ? " trial)" : " trials)"),
                    overhead(), usPerRequest(cpuUsPerRequest),
                    flameGraph != null ? flameGraph : recording != null ? recording : Format.NONE,
                    collapsed != null ? collapsed : Format.NONE);
        }
    }

    /** The section, or empty when no cell of the folder was profiled. */
    static Optional<ProfileSection> of(SweepResults results) {
        List<JsonNode> cells = results.run().cells();
        List<Entry> entries = new ArrayList<>();
        Map<String, String> rowOrder = new LinkedHashMap<>();
        for (JsonNode cell : cells) {
            JsonNode profile = cell.path("profile");
            if (!profile.isObject()) {
                continue;
            }
            JsonNode id = cell.path("cell");
            String series = id.path("series").asText();
            int clients = id.path("clients").asInt();
            List<Double> unprofiled = cells.stream()
                    .filter(other -> !other.path("profile").isObject() && other.path("problems").isEmpty())
                    .filter(other -> series.equals(other.path("cell").path("series").asText())
                            && clients == other.path("cell").path("clients").asInt())
                    .map(other -> other.path("throughput").path("tps").asDouble()).toList();
            Map<String, double[]> breakdown = new LinkedHashMap<>();
            for (JsonNode share : profile.path("breakdown")) {
                String component = share.path("component").asText();
                rowOrder.putIfAbsent(component, share.path("side").asText() + ": " + share.path("label").asText());
                breakdown.put(component, new double[] {number(share.path("us_per_request")),
                        number(share.path("share"))});
            }
            entries.add(new Entry(ResultLayout.stem(series, clients, id.path("trial").asInt()),
                    profile.path("kind").asText(), profile.path("engine").asText(), number(profile.path("interval_ms")),
                    profile.path("samples").asLong(), cell.path("throughput").path("tps").asDouble(),
                    unprofiled.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                    unprofiled.size(), number(cell.path("cpu").path("process_us_per_request")),
                    text(profile.path("flame_graph")), text(profile.path("collapsed")),
                    text(profile.path("recording")), breakdown));
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(new ProfileSection(List.copyOf(entries),
                rowOrder));
    }

    /** The cells with a CPU breakdown. */
    List<Entry> withBreakdown() {
        return entries.stream().filter(entry -> !entry.breakdown().isEmpty()).toList();
    }

    /** The breakdown table's headings: the component, then one per cell with a breakdown. */
    List<String> breakdownHeadings() {
        List<String> headings = new ArrayList<>(List.of("component"));
        withBreakdown().forEach(entry -> headings.add(entry.label()));
        return headings;
    }

    /** The breakdown table: a row per component, {@code 1.42 (12.4%)} per cell; the total last. */
    List<List<String>> breakdownRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> component : rowOrder.entrySet()) {
            List<String> row = new ArrayList<>(List.of(component.getValue()));
            for (Entry entry : withBreakdown()) {
                double[] part = entry.breakdown().get(component.getKey());
                row.add(part == null ? Format.NONE : String.format(Locale.ROOT, "%s (%.1f%%)",
                        usPerRequest(part[0]), part[1] * 100));
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("total: the measured CPU per request"));
        withBreakdown().forEach(entry -> total.add(usPerRequest(entry.cpuUsPerRequest())));
        rows.add(total);
        return rows;
    }

    /** CPU µs per request, to the hundredth: the parts are often below 1. */
    static String usPerRequest(double us) {
        return Double.isNaN(us) ? Format.NONE : String.format(Locale.ROOT, "%.2f", us);
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
