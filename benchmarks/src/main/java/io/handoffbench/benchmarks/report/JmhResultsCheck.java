package io.handoffbench.benchmarks.report;

import io.handoffbench.benchmarks.support.Strategies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Checks that a JMH JSON result file holds exactly one finite score for every benchmark run this jar defines: every
 * benchmark method, in each of its modes, with each combination of its {@code @Param} values, the strategy
 * parameter taking every registered id (as {@code BenchmarksMain} runs it by default), and its thread count. A
 * benchmark that threw (its self-check, a lost request) has no entry, or JMH ran with {@code -foe} and stopped.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.handoffbench.benchmarks.report.JmhResultsCheck jmh.json}</pre>
 *
 * Exit codes: 0 complete; 1 something missing, duplicated or not a number, or the file is unreadable; 2 usage.
 */
public final class JmhResultsCheck {

    private JmhResultsCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: JmhResultsCheck JMH.json");
            return 2;
        }
        List<JmhResult> results;
        try {
            results = JmhResult.read(Path.of(args[0]));
        } catch (IOException e) {
            err.println("jmh check: cannot read " + args[0] + ": " + e.getMessage());
            return 1;
        }
        Set<String> expected = expectedRuns(Strategies.registeredIds());
        List<String> problems = problems(expected, results);
        if (problems.isEmpty()) {
            out.println("jmh check: all " + expected.size() + " benchmark runs have a score");
            return 0;
        }
        err.println("jmh check: " + problems.size() + " problem(s) among " + expected.size() + " expected runs:");
        problems.forEach(p -> err.println("  " + p));
        return 1;
    }

    /** Every run this jar's benchmark list defines, as {@link #key} strings. */
    static Set<String> expectedRuns(List<String> strategies) {
        Set<String> expected = new LinkedHashSet<>();
        BenchmarkList list = BenchmarkList.defaultList();
        for (BenchmarkListEntry entry : list.getAll(OutputFormatFactory.createFormatInstance(System.out,
                VerboseMode.SILENT), List.of())) {
            List<Mode> modes = entry.getMode() == Mode.All
                    ? Arrays.stream(Mode.values()).filter(m -> m != Mode.All).toList()
                    : List.of(entry.getMode());
            Map<String, List<String>> params = new TreeMap<>();
            for (Map.Entry<String, String[]> p : entry.getParams().orElse(Map.of()).entrySet()) {
                params.put(p.getKey(), p.getKey().equals(Strategies.PARAM) && !strategies.isEmpty()
                        ? strategies : List.of(p.getValue()));
            }
            int threads = entry.getThreads().orElse(1);
            for (Mode mode : modes) {
                for (Map<String, String> combination : combinations(params)) {
                    expected.add(key(entry.getUsername(), mode.shortLabel(), combination, threads));
                }
            }
        }
        return expected;
    }

    /** What is wrong with {@code results} against {@code expected}; empty when every run has one finite score. */
    static List<String> problems(Set<String> expected, List<JmhResult> results) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JmhResult r : results) {
            String key = key(r.benchmark(), r.mode(), r.params(), r.threads());
            seen.merge(key, 1, Integer::sum);
            if (!Double.isFinite(r.primary().score())) {
                problems.add("no score (" + r.primary().score() + "): " + key);
            }
        }
        for (String key : expected) {
            int count = seen.getOrDefault(key, 0);
            if (count == 0) {
                problems.add("missing: " + key);
            } else if (count > 1) {
                problems.add(count + " entries: " + key);
            }
        }
        for (String key : seen.keySet()) {
            if (!expected.contains(key)) {
                problems.add("not a benchmark of this jar: " + key);
            }
        }
        return problems;
    }

    static String key(String benchmark, String mode, Map<String, String> params, int threads) {
        return benchmark + " " + mode + " " + new TreeMap<>(params) + " threads=" + threads;
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> params) {
        List<Map<String, String>> result = new ArrayList<>();
        result.add(new TreeMap<>());
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : result) {
                for (String value : p.getValue()) {
                    Map<String, String> extended = new TreeMap<>(partial);
                    extended.put(p.getKey(), value);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }
}
