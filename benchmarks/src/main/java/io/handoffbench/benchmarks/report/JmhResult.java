package io.handoffbench.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of JMH's JSON result file ({@code -rf json}): one benchmark method in one mode with one set of
 * parameters. Only what the summary and the smoke check read. Immutable.
 *
 * @param benchmark  the full name, {@code io.handoffbench.benchmarks.handoff.HandoffRoundTripNoJs.clients16}
 * @param mode       JMH's short label: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param threads    benchmark threads: the clients
 * @param params     the {@code @Param} values, sorted by name
 * @param primary    the score
 * @param secondary  secondary metrics by name, e.g. {@code gc.alloc.rate.norm} with {@code -prof gc}
 * @param forks      forks, and the iterations and their length, for the summary's notes
 */
public record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, Metric primary,
                        Map<String, Metric> secondary, int forks, int warmupIterations, String warmupTime,
                        int measurementIterations, String measurementTime, String jdkVersion, String jmhVersion) {

    /**
     * A score with JMH's error (half the 99.9% confidence interval; NaN when there was one iteration), its unit
     * and, in sample-time mode, the percentiles ({@code 50.0}, {@code 99.0} ... as JMH names them).
     */
    public record Metric(double score, double error, String unit, Map<String, Double> percentiles) {

        /** The percentile JMH reports as {@code key} ("99.0"), or NaN. */
        public double percentile(String key) {
            Double value = percentiles.get(key);
            return value == null ? Double.NaN : value;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The part of {@link #benchmark} after the package: {@code HandoffRoundTripNoJs.clients16}. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** The class's simple name: {@code HandoffRoundTripNoJs}. */
    public String className() {
        String shortName = shortName();
        int dot = shortName.indexOf('.');
        return dot < 0 ? shortName : shortName.substring(0, dot);
    }

    /** The method's name: {@code clients16}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** Every entry of a JMH JSON file, in file order. */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result file (expected a JSON array)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode entry : root) {
            results.add(of(entry));
        }
        return results;
    }

    static JmhResult of(JsonNode entry) throws IOException {
        if (!entry.hasNonNull("benchmark") || !entry.hasNonNull("mode") || !entry.hasNonNull("primaryMetric")) {
            throw new IOException("not a JMH result entry: " + entry);
        }
        Map<String, String> params = new TreeMap<>();
        JsonNode paramNode = entry.path("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = paramNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            params.put(param.getKey(), param.getValue().asText());
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            secondary.put(metric.getKey(), metric(metric.getValue()));
        }
        return new JmhResult(entry.get("benchmark").asText(), entry.get("mode").asText(),
                entry.path("threads").asInt(1), Collections.unmodifiableMap(params), metric(entry.get("primaryMetric")),
                Collections.unmodifiableMap(secondary), entry.path("forks").asInt(0),
                entry.path("warmupIterations").asInt(0), entry.path("warmupTime").asText(""),
                entry.path("measurementIterations").asInt(0), entry.path("measurementTime").asText(""),
                entry.path("jdkVersion").asText(""), entry.path("jmhVersion").asText(""));
    }

    private static Metric metric(JsonNode node) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            percentiles.put(p.getKey(), number(p.getValue()));
        }
        return new Metric(number(node.path("score")), number(node.path("scoreError")),
                node.path("scoreUnit").asText(""), Collections.unmodifiableMap(percentiles));
    }

    /** JMH writes NaN and infinities as the strings "NaN", "Infinity"; a missing value is NaN. */
    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
