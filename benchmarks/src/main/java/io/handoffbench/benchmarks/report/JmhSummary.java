package io.handoffbench.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a JMH JSON result file into a short Markdown summary: one table per benchmark class, one row per parameter
 * set and client count, with the round trip in ns/op and JMH's error, the p50 and p99 of sample-time mode, the
 * throughput of throughput mode, and the bytes allocated per operation when the run used {@code -prof gc}.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.handoffbench.benchmarks.report.JmhSummary jmh.json [summary.md]}</pre>
 *
 * Exit codes: 0 written; 1 the JSON cannot be read or the output written; 2 usage.
 */
public final class JmhSummary {

    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhSummary() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            err.println("usage: jmh-summary JMH.json [OUT.md]  (the Markdown goes to stdout without OUT.md)");
            return 2;
        }
        Path json = Path.of(args[0]);
        String markdown;
        try {
            markdown = render(json.getFileName().toString(), JmhResult.read(json));
        } catch (IOException e) {
            err.println("jmh-summary: cannot read " + json + ": " + e.getMessage());
            return 1;
        }
        if (args.length == 1) {
            out.print(markdown);
            return 0;
        }
        Path target = Path.of(args[1]).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.writeString(partial, markdown, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            err.println("jmh-summary: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
        err.println("jmh-summary: wrote " + target);
        return 0;
    }

    /** The whole summary of {@code results}, read from the file named {@code source}. */
    static String render(String source, List<JmhResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("# JMH summary of ").append(source).append("\n\n");
        if (results.isEmpty()) {
            return md.append("No results.\n").toString();
        }
        JmhResult first = results.get(0);
        md.append("JMH ").append(first.jmhVersion()).append(", JDK ").append(first.jdkVersion()).append(". ")
                .append(LEGEND).append("\n");
        Map<String, List<JmhResult>> byClass = new LinkedHashMap<>();
        for (JmhResult result : results) {
            byClass.computeIfAbsent(result.className(), k -> new ArrayList<>()).add(result);
        }
        for (Map.Entry<String, List<JmhResult>> group : byClass.entrySet()) {
            md.append("\n## ").append(group.getKey()).append("\n\n");
            md.append(setup(group.getValue())).append("\n\n");
            table(group.getValue(), md);
        }
        return md.toString();
    }

    private static final String LEGEND = "Columns: *ns/op*, JMH's average time per operation (average-time mode, or"
            + " the mean of sample-time mode), `±` JMH's error (half its 99.9% confidence interval; none with one"
            + " iteration); for the round-trip benchmarks one operation is one client's round trip. *p50*, *p99*:"
            + " sample-time mode's percentiles. *ops/s*: throughput mode, all clients together. *B/op*:"
            + " gc.alloc.rate.norm from `-prof gc`, bytes allocated per operation by every thread of the JVM (the"
            + " worker's included). A blank cell: that mode or profiler did not run.";

    /** One row: a (method, parameters, threads) with its results in every mode. */
    private static final class Row {
        final String method;
        final Map<String, String> params;
        final int threads;
        final Map<String, JmhResult> byMode = new LinkedHashMap<>();

        Row(JmhResult result) {
            this.method = result.method();
            this.params = result.params();
            this.threads = result.threads();
        }

        Object key() {
            return List.of(method, params, threads);
        }

        JmhResult mode(String mode) {
            return byMode.get(mode);
        }

        /** ns/op: average-time mode's score, else sample-time mode's mean. */
        String nanosPerOp() {
            JmhResult result = mode("avgt") != null ? mode("avgt") : mode("sample");
            if (result == null) {
                return "";
            }
            double factor = Units.toNanosPerOp(result.primary().unit());
            return withError(result.primary().score() * factor, result.primary().error() * factor);
        }

        String percentile(String key) {
            JmhResult sample = mode("sample");
            if (sample == null) {
                return "";
            }
            return number(sample.primary().percentile(key) * Units.toNanosPerOp(sample.primary().unit()));
        }

        String opsPerSecond() {
            JmhResult thrpt = mode("thrpt");
            if (thrpt == null) {
                return "";
            }
            double factor = Units.toOpsPerSecond(thrpt.primary().unit());
            return withError(thrpt.primary().score() * factor, thrpt.primary().error() * factor);
        }

        /** From the first mode that ran with -prof gc: allocation per op does not depend on the mode. */
        String bytesPerOp() {
            for (JmhResult result : byMode.values()) {
                JmhResult.Metric alloc = result.secondary().get(ALLOC_NORM);
                if (alloc != null) {
                    return number(alloc.score());
                }
            }
            return "";
        }

        boolean has(String mode) {
            return byMode.containsKey(mode);
        }

        boolean hasAlloc() {
            return !bytesPerOp().isEmpty();
        }
    }

    private static void table(List<JmhResult> results, StringBuilder md) {
        Map<Object, Row> rows = new LinkedHashMap<>();
        for (JmhResult result : results) {
            Row row = rows.computeIfAbsent(new Row(result).key(), k -> new Row(result));
            row.byMode.putIfAbsent(result.mode(), result);
        }
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparingInt(r -> r.threads)); // stable: file order within a client count

        Set<String> paramNames = new LinkedHashSet<>();
        ordered.forEach(r -> paramNames.addAll(r.params.keySet()));
        // The method name only when parameters and threads alone would not tell two rows apart.
        Set<Object> withoutMethod = new LinkedHashSet<>();
        boolean showMethod = false;
        for (Row r : ordered) {
            showMethod |= !withoutMethod.add(List.of(r.params, r.threads));
        }
        boolean sample = ordered.stream().anyMatch(r -> r.has("sample"));
        boolean perOp = sample || ordered.stream().anyMatch(r -> r.has("avgt"));
        boolean thrpt = ordered.stream().anyMatch(r -> r.has("thrpt"));
        boolean alloc = ordered.stream().anyMatch(Row::hasAlloc);

        List<String> header = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        if (showMethod) {
            header.add("method");
            numeric.add(false);
        }
        for (String name : paramNames) {
            header.add(name);
            numeric.add(false);
        }
        header.add("clients");
        numeric.add(true);
        if (perOp) {
            header.add("ns/op");
            numeric.add(true);
        }
        if (sample) {
            header.add("p50 ns");
            header.add("p99 ns");
            numeric.add(true);
            numeric.add(true);
        }
        if (thrpt) {
            header.add("ops/s");
            numeric.add(true);
        }
        if (alloc) {
            header.add("B/op");
            numeric.add(true);
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (boolean right : numeric) {
            md.append(right ? " ---: |" : " --- |");
        }
        md.append('\n');
        for (Row r : ordered) {
            List<String> cells = new ArrayList<>();
            if (showMethod) {
                cells.add(r.method);
            }
            for (String name : paramNames) {
                cells.add(Objects.requireNonNullElse(r.params.get(name), ""));
            }
            cells.add(Integer.toString(r.threads));
            if (perOp) {
                cells.add(r.nanosPerOp());
            }
            if (sample) {
                cells.add(r.percentile("50.0"));
                cells.add(r.percentile("99.0"));
            }
            if (thrpt) {
                cells.add(r.opsPerSecond());
            }
            if (alloc) {
                cells.add(r.bytesPerOp());
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
    }

    /** "Forks 2; warm-up 5 × 2 s; measurement 5 × 2 s." from the class's first entry, or a note when they differ. */
    private static String setup(List<JmhResult> results) {
        Set<String> setups = new LinkedHashSet<>();
        for (JmhResult r : results) {
            setups.add(String.format(Locale.ROOT, "%d fork%s; warm-up %d × %s; measurement %d × %s",
                    r.forks(), r.forks() == 1 ? "" : "s", r.warmupIterations(), r.warmupTime(),
                    r.measurementIterations(), r.measurementTime()));
        }
        return setups.size() == 1 ? setups.iterator().next() + "." : "Setups differ: " + String.join("; ", setups) + ".";
    }

    static String withError(double value, double error) {
        if (Double.isNaN(value)) {
            return "";
        }
        return Double.isNaN(error) ? number(value) : number(value) + " ± " + number(error);
    }

    /** Thousands separators above 100, one decimal from 10, two below: round trips in ns, and nanosecond calls. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
