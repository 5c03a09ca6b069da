package io.handoffbench.harness.report;

import io.handoffbench.harness.output.SummaryRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the report says before its tables: what was run, on what, how it ended, and the ceiling. Plain text; the
 * Markdown and HTML writers escape it.
 *
 * @param title   the page's title
 * @param alert   a sentence to put first when the sweep did not complete, else empty
 * @param items   label and value, in order
 * @param warnings the sweep's warnings and the report's own (JIT off, cells not steady)
 */
record ReportHeader(String title, Optional<String> alert, List<Item> items, List<String> warnings) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    record Item(String label, String value) {
    }

    static ReportHeader of(SweepResults results, List<LevelTable> tables) {
        RunInfo run = results.run();
        List<Item> items = new ArrayList<>();
        items.add(new Item("Workload", results.workload()));
        items.add(new Item("Sweep", sweep(results)));
        String status = run.text("status").orElse("unknown (no run.json)");
        items.add(new Item("Status", status));
        run.text("started_at").ifPresent(start -> items.add(new Item("Ran", when(start, run.text("finished_at")))));
        items.add(new Item("JDK", joined(run.text("jvm", "java_version"), run.text("jvm", "vm_name"),
                run.text("jvm", "vendor"))));
        items.add(new Item("GraalJS", graal(run, results)));
        items.add(new Item("Machine", machine(run)));
        run.text("options", "client_carriers").ifPresent(carriers -> items.add(new Item("Client carriers",
                carriers + " (--carriers=" + run.text("options", "carriers").orElse("auto") + ")")));
        items.add(new Item("Git commit", run.text("git_commit").orElse(Format.NONE)));
        items.add(new Item("Ceiling", ceiling(results)));

        List<String> warnings = new ArrayList<>(run.texts("warnings"));
        if (results.aggregates().stream().anyMatch(row -> Boolean.FALSE.equals(row.jit()))
                || run.flag("graaljs", "jit").filter(jit -> !jit).isPresent()) {
            warnings.add("GraalJS ran without its JIT in some cells; their numbers are not comparable to anything.");
        }
        long notSteady = tables.stream().flatMap(table -> table.entries().stream())
                .filter(entry -> !entry.steadyOrUnknown()).count();
        if (notSteady > 0) {
            warnings.add(notSteady == 1
                    ? "1 cell was not steady after its warm-up (marked \"no ⚠\"): its TPS still moved during the "
                            + "last warm-up seconds; read it with care, or rerun with a longer --warmup."
                    : notSteady + " cells were not steady after their warm-up (marked \"no ⚠\"): their TPS still "
                            + "moved during the last warm-up seconds; read them with care, or rerun with a longer "
                            + "--warmup.");
        }

        warnings.addAll(compilationWarnings(run));

        Optional<String> alert = status.equals("complete") || !run.present() ? Optional.empty()
                : Optional.of("This sweep did not complete (status: " + status + "): the tables and charts show only "
                        + "the cells that finished.");
        return new ReportHeader("handoff-bench report: " + results.workload(), alert, List.copyOf(items),
                List.copyOf(warnings));
    }

    /** {@code 2026-11-27 00:25:41 UTC to 00:41:57 (16 min 16 s)}; the texts as they are when they do not parse. */
    static String when(String start, Optional<String> end) {
        try {
            Instant started = Instant.parse(start);
            String text = TIME.format(started) + " UTC";
            if (end.isPresent()) {
                Instant finished = Instant.parse(end.get());
                boolean sameDay = DAY.format(started).equals(DAY.format(finished));
                text += " to " + (sameDay ? CLOCK : TIME).format(finished)
                        + " (" + wallTime(Duration.between(started, finished)) + ")";
            }
            return text;
        } catch (DateTimeParseException e) {
            return start + end.map(finished -> " to " + finished).orElse("");
        }
    }

    private static String wallTime(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String sweep(SweepResults results) {
        RunInfo run = results.run();
        int strategies = results.strategies().size();
        int levels = results.clientLevels().size();
        int trials = results.trials();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d %s × %d clients %s × %d %s",
                strategies, strategies == 1 ? "strategy" : "strategies", levels, levels == 1 ? "level" : "levels",
                trials, trials == 1 ? "trial" : "trials"));
        double warmup = run.number("options", "warmup_s");
        double duration = run.number("options", "duration_s");
        if (!Double.isNaN(warmup) || !Double.isNaN(duration)) {
            text.append("; warm-up ").append(run.flag("options", "warmup_auto").orElse(false)
                            ? "until steady, at most " + Format.seconds(warmup) + usedWarmup(run)
                            : Format.seconds(warmup))
                    .append(", measurement ").append(Format.seconds(duration)).append(" per cell");
        }
        double pipeline = run.number("options", "pipeline");
        if (pipeline > 1) {
            text.append(String.format(Locale.ROOT, "; pipeline %.0f (each client sends that many requests, then "
                    + "waits for all their replies)", pipeline));
        }
        double forks = run.number("options", "forks");
        if (!Double.isNaN(forks)) {
            text.append(forks == 0 ? "; in-process (forks 0)" : String.format(Locale.ROOT, "; forks %.0f", forks));
        }
        return text.toString();
    }

    /** {@code  (used 6.0-12.1 s)}: the shortest and longest warm-up the cells used; empty when none says. */
    private static String usedWarmup(RunInfo run) {
        double[] used = run.elements("cells").stream().mapToDouble(cell -> cell.number("warmup", "seconds"))
                .filter(seconds -> !Double.isNaN(seconds)).toArray();
        if (used.length == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (used %.1f-%.1f s)", Arrays.stream(used).min().orElseThrow(),
                Arrays.stream(used).max().orElseThrow());
    }

    private static String graal(RunInfo run, SweepResults results) {
        Optional<Boolean> jit = run.flag("graaljs", "jit");
        if (jit.isEmpty()) {
            jit = results.aggregates().stream().map(SummaryRow::jit).filter(flag -> flag != null).findFirst();
        }
        return joined(run.text("graaljs", "version"), run.text("graaljs", "implementation"),
                jit.map(on -> on ? "JIT on" : "JIT OFF ⚠"), componentVersions(run));
    }

    /** {@code polyglot 25.0.5, truffle-api 25.0.5, ..., compiler 25.0.3}, as the jars said; empty in older folders. */
    private static Optional<String> componentVersions(RunInfo run) {
        List<String> versions = run.entries("graaljs", "versions").stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).toList();
        return versions.isEmpty() ? Optional.empty() : Optional.of("jars: " + String.join(", ", versions));
    }

    /**
     * The report's own warnings about compilation, from the cells in run.json: cells whose reducer was not compiled
     * when they were measured, and compilations that failed.
     */
    private static List<String> compilationWarnings(RunInfo run) {
        List<String> warnings = new ArrayList<>();
        List<RunInfo> cells = run.elements("cells");
        long uncompiled = cells.stream().filter(cell -> cell.flag("engine", "compilations", "reducer_compiled")
                .filter(compiled -> !compiled).isPresent()).count();
        if (uncompiled > 0) {
            warnings.add(uncompiled + (uncompiled == 1 ? " cell was" : " cells were") + " measured before Truffle "
                    + "had compiled its reducer (marked not steady): it measured the interpreter, at least in part.");
        }
        double failed = cells.stream().mapToDouble(cell -> cell.number("engine", "compilations", "failed"))
                .filter(count -> !Double.isNaN(count)).sum();
        if (failed > 0) {
            String first = cells.stream().map(cell -> cell.text("engine", "compilations", "first_failure"))
                    .flatMap(Optional::stream).findFirst().orElse("");
            warnings.add(String.format(Locale.ROOT, "%.0f Truffle compilations failed; the first: %s", failed,
                    first));
        }
        return warnings;
    }

    private static String machine(RunInfo run) {
        double cores = run.number("machine", "cores");
        double load = run.number("machine", "load_average_at_start");
        Optional<String> os = run.text("machine", "os")
                .map(name -> name + run.text("machine", "arch").map(arch -> " " + arch).orElse(""));
        return joined(run.text("machine", "cpu_model"),
                Double.isNaN(cores) ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "%.0f cores", cores)),
                Double.isNaN(run.number("machine", "memory_bytes")) ? Optional.empty()
                        : Optional.of(Format.gibibytes(run.number("machine", "memory_bytes"))),
                Double.isNaN(load) || load < 0 ? Optional.empty()
                        : Optional.of(String.format(Locale.ROOT, "load average %.2f at start", load)),
                os);
    }

    private static String ceiling(SweepResults results) {
        Optional<SummaryRow> row = results.ceiling();
        double mean;
        double halfWidth;
        if (row.isPresent()) {
            mean = row.get().tps();
            halfWidth = row.get().tpsCi95HalfWidth();
        } else {
            RunInfo run = results.run();
            mean = run.number("ceiling", "tps_mean");
            halfWidth = (run.number("ceiling", "tps_ci95_high") - run.number("ceiling", "tps_ci95_low")) / 2;
        }
        if (Double.isNaN(mean)) {
            return "not measured (no ceiling rows in summary.csv)";
        }
        return Format.tpsWithCi(mean, halfWidth) + " TPS: the workload's reducer called in a loop on one thread, "
                + "with no handoff and no clients; no strategy can beat it";
    }

    @SafeVarargs
    private static String joined(Optional<String>... parts) {
        List<String> present = new ArrayList<>();
        for (Optional<String> part : parts) {
            part.filter(text -> !text.isBlank()).ifPresent(present::add);
        }
        return present.isEmpty() ? Format.NONE : String.join(", ", present);
    }
}
