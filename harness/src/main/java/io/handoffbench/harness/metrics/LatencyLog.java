package io.handoffbench.harness.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Collects the clients' latency recorders once per interval into one HdrHistogram interval log (a {@code .hlog}
 * that {@code HistogramLogReader} and HdrHistogram's plotting tools read) and into the run's total histograms.
 * Each {@link Series} is one kind of latency from every client: the first is untagged (end-to-end latency, what
 * tools show by default), the others carry their name as the interval's HdrHistogram tag ({@code Tag=service}).
 *
 * <p>Usage, all on one sampler thread (the constructor may run elsewhere, before the sampler starts):
 * <pre>{@code
 * LatencyLog log = new LatencyLog(series, file, comment);  // writes the header, starts the first interval
 * every second:  log.collectInterval();
 * after the clients have stopped:  log.collectInterval(); log.close();
 * Histogram all = log.total(LatencyLog.END_TO_END);
 * }</pre>
 * Values are nanoseconds; as in HdrHistogram's own tools, the {@code Interval_Max} column is in milliseconds.
 */
public final class LatencyLog implements AutoCloseable {

    /** The untagged series: end-to-end latency. */
    public static final String END_TO_END = "";

    /** One kind of latency, from every client's recorder of it; {@code tag} is empty for the end-to-end series. */
    public record Series(String tag, List<SingleWriterRecorder> recorders) {
        public Series {
            recorders = List.copyOf(recorders);
        }
    }

    private static final double NANOS_PER_MILLI = 1e6;

    private final List<Series> series;
    private final Map<String, Histogram> totals = new LinkedHashMap<>();
    private final OutputStream file;
    private final HistogramLogWriter writer;
    private final Histogram interval = new Histogram(3);
    private final long startMillis;
    /** One client's latest interval, copied out of its recorder before it is added to {@link #interval}. */
    private final Histogram scratch = new Histogram(3);
    private long intervalStartMillis;
    private int intervals;

    public LatencyLog(List<Series> series, Path hlog, String comment) throws IOException {
        this.series = List.copyOf(series);
        for (Series one : this.series) {
            totals.put(one.tag(), new Histogram(3));
        }
        this.file = Files.newOutputStream(hlog);
        this.writer = new HistogramLogWriter(new PrintStream(file, false, StandardCharsets.UTF_8));
        this.startMillis = System.currentTimeMillis();
        this.intervalStartMillis = startMillis;
        for (String line : comment.split("\n")) {
            writer.outputComment(line);
        }
        writer.outputComment("Values are latencies in nanoseconds; Interval_Max is in milliseconds. Untagged: end to"
                + " end, one interval a second, from the intended send to the client running with its reply. Tagged"
                + " (queue-wait, service, reply, uncorrected): one interval spanning the whole measurement, at the"
                + " end.");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        // Discard anything recorded before the log began.
        for (Series one : this.series) {
            for (SingleWriterRecorder recorder : one.recorders()) {
                recorder.getIntervalHistogramInto(scratch);
            }
        }
    }

    /** Sampler thread: closes the current interval, writes it, and starts the next. */
    public void collectInterval() {
        long endMillis = System.currentTimeMillis();
        for (Series one : series) {
            interval.reset();
            for (SingleWriterRecorder recorder : one.recorders()) {
                recorder.getIntervalHistogramInto(scratch);
                interval.add(scratch);
            }
            interval.setStartTimeStamp(intervalStartMillis);
            interval.setEndTimeStamp(endMillis);
            interval.setTag(one.tag().isEmpty() ? null : one.tag());
            writer.outputIntervalHistogram((intervalStartMillis - startMillis) / 1000.0,
                    (endMillis - startMillis) / 1000.0, interval, NANOS_PER_MILLI);
            totals.get(one.tag()).add(interval);
        }
        intervalStartMillis = endMillis;
        intervals++;
    }

    /**
     * Sampler thread, after the last {@link #collectInterval}: writes {@code whole} as one interval tagged
     * {@code tag} spanning the whole log, for series only read once, at the end (the time by stage).
     */
    public void appendWholeRun(String tag, Histogram whole) {
        if (tag.isEmpty() || totals.containsKey(tag)) {
            throw new IllegalArgumentException("series '" + tag + "' is already in this log, or untagged");
        }
        long endMillis = System.currentTimeMillis();
        Histogram copy = whole.copy();
        copy.setStartTimeStamp(startMillis);
        copy.setEndTimeStamp(endMillis);
        copy.setTag(tag);
        writer.outputIntervalHistogram(0, (endMillis - startMillis) / 1000.0, copy, NANOS_PER_MILLI);
        totals.put(tag, copy);
    }

    /** Every latency of series {@code tag} collected so far. */
    public Histogram total(String tag) {
        Histogram total = totals.get(tag);
        if (total == null) {
            throw new IllegalArgumentException("no series '" + tag + "' in this log");
        }
        return total;
    }

    public int intervals() {
        return intervals;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
