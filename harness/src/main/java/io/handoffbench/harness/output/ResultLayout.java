package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.CellId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where everything sits in a result folder: every file name, a cell's file stem both ways, and the folder's format
 * version.
 *
 * <pre>
 *   run.json                      what was run, on what, and how it ended
 *   summary.csv                   a trial row per cell, an aggregate row per (series, clients)
 *   &lt;stem&gt;.hlog                   a cell's HdrHistogram interval log
 *   cells/&lt;stem&gt;.json             everything a cell measured
 *   logs/&lt;stem&gt;.log               what a forked cell's JVM printed
 *   specs/&lt;stem&gt;.json             what a forked cell was told to run
 *   profiles/&lt;stem&gt;.html          --profile: a cell's flame graph (and .collapsed stacks, or .jfr)
 *   report.md, report.html, *.png the report
 * </pre>
 *
 * <p>A stem is {@code mpsc-c512-t1} (series, clients, trial), {@code mpsc@park-c512-t1} when a sweep compares idle
 * choices, or {@code ceiling-t1}.
 */
public final class ResultLayout {

    public static final String RUN_JSON = "run.json";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String CELLS_DIR = "cells";
    public static final String LOGS_DIR = "logs";
    public static final String SPECS_DIR = "specs";
    public static final String HLOG_SUFFIX = ".hlog";
    public static final String PROFILES_DIR = "profiles";

    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String TPS_CHART = "tps-vs-clients.png";
    public static final String P99_CHART = "p99-vs-clients.png";
    public static final String SPECTRUM_CHART = "latency-spectrum.png";
    public static final String BREAKDOWN_CHART = "time-breakdown.png";
    public static final String CPU_BREAKDOWN_CHART = "cpu-breakdown.png";

    /**
     * The format {@code summary.csv} and {@code run.json} are written in, so that a reader can tell a folder it
     * cannot read from a broken one. 2 added this number to both files; a folder without it is 1. 3 renamed
     * {@code unserved} to {@code censored} and {@code mean_batch} to {@code requests_per_drain} (both counted anew) and
     * made an open loop's percentiles include the lower bounds of unanswered requests (results/README.md).
     */
    public static final int FORMAT_VERSION = 3;

    /** The {@code summary.csv} column and the {@code run.json} field that hold {@link #FORMAT_VERSION}. */
    public static final String FORMAT_VERSION_FIELD = "format_version";

    /** Series names are ids and {@code id@choice}; a stem ends in {@code -c<clients>-t<trial>} or is the ceiling's. */
    private static final Pattern STEM = Pattern.compile(
            "(?<series>.+?)(?:-c(?<clients>\\d{1,9}))?-t(?<trial>\\d{1,9})");

    /** A stem read back: the ceiling's has clients 0. */
    public record Stem(String series, int clients, int trial) {
    }

    private ResultLayout() {
    }

    /** {@code mpsc-c512-t1}, {@code mpsc@park-c512-t1}, {@code ceiling-t1}. */
    public static String stem(CellId id) {
        return stem(id.series(), id.clients(), id.trial());
    }

    public static String stem(String series, int clients, int trial) {
        return CellId.CEILING.equals(series) ? series + "-t" + trial : series + "-c" + clients + "-t" + trial;
    }

    /** The stem of a file name such as {@code mpsc-c512-t1.hlog}, without the suffix; empty if it is not a stem. */
    public static Optional<Stem> parseStem(String stem) {
        Matcher match = STEM.matcher(stem);
        if (!match.matches()) {
            return Optional.empty();
        }
        String series = match.group("series");
        boolean ceiling = CellId.CEILING.equals(series);
        if (ceiling != (match.group("clients") == null)) {
            return Optional.empty();
        }
        int clients = ceiling ? 0 : Integer.parseInt(match.group("clients"));
        return Optional.of(new Stem(series, clients, Integer.parseInt(match.group("trial"))));
    }

    /** The stem of an interval log's file name, {@code mpsc-c512-t1.hlog}; empty for any other file. */
    public static Optional<Stem> parseHlog(String fileName) {
        return fileName.endsWith(HLOG_SUFFIX)
                ? parseStem(fileName.substring(0, fileName.length() - HLOG_SUFFIX.length()))
                : Optional.empty();
    }

    /**
     * Refuses a file written in a newer format than this harness reads.
     *
     * @param file    the file, for the message
     * @param version the format version the file says it is in
     * @throws ResultFormatException when {@code version} is not one this harness reads
     */
    public static void requireReadable(Path file, int version) throws ResultFormatException {
        if (version > FORMAT_VERSION) {
            throw new ResultFormatException(file + " is format_version " + version + ", newer than this harness "
                    + "reads (1 to " + FORMAT_VERSION + "); use the harness that wrote it, or a newer one");
        }
        if (version < 1) {
            throw new ResultFormatException(file + " says format_version " + version + "; versions start at 1");
        }
    }

    /** The cell's interval log, relative to the folder. */
    public static String hlog(CellId id) {
        return stem(id) + HLOG_SUFFIX;
    }

    /** The cell's JSON result, relative to the folder. */
    public static String cellResult(CellId id) {
        return CELLS_DIR + "/" + stem(id) + ".json";
    }

    /** What the cell's forked JVM printed, relative to the folder. */
    public static String cellLog(CellId id) {
        return LOGS_DIR + "/" + stem(id) + ".log";
    }

    /** What a forked cell was told to run, relative to the folder. */
    public static String cellSpec(CellId id) {
        return SPECS_DIR + "/" + stem(id) + ".json";
    }

    /** A profiled cell's flame graph (async-profiler's self-contained HTML), relative to the folder. */
    public static String flameGraph(CellId id) {
        return PROFILES_DIR + "/" + stem(id) + ".html";
    }

    /** A profiled cell's collapsed stacks, relative to the folder. */
    public static String collapsedStacks(CellId id) {
        return PROFILES_DIR + "/" + stem(id) + ".collapsed";
    }

    /** A cell's Flight Recorder recording ({@code --profile=jfr}), relative to the folder. */
    public static String flightRecording(CellId id) {
        return PROFILES_DIR + "/" + stem(id) + ".jfr";
    }
}
