package io.handoffbench.harness.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Collects the clients' end-to-end latencies once per interval into one HdrHistogram interval log (a {@code .hlog}
 * that {@code HistogramLogReader} and HdrHistogram's plotting tools read) and into the run's total histograms.
 * The per-second intervals are untagged: end-to-end latency, what tools show by default. Series read only once, at
 * the end, are appended as one interval each, tagged with their name ({@code Tag=service}).
 *
 * <p>Usage, all on one sampler thread (the constructor may run elsewhere, before the sampler starts):
 * <pre>{@code
 * LatencyLog log = new LatencyLog(recorder, file, comment);  // writes the header, starts the first interval
 * every second:  log.collectInterval();
 * after the clients have stopped:  log.collectInterval(); log.appendWholeRun("service", histogram); log.close();
 * Histogram all = log.total(LatencyLog.END_TO_END);
 * }</pre>
 * Values are nanoseconds; as in HdrHistogram's own tools, the {@code Interval_Max} column is in milliseconds.
 */
public final class LatencyLog implements AutoCloseable {

    /** The untagged series: end-to-end latency, collected once per interval. */
    public static final String END_TO_END = "";
    /** Tagged whole-run series, appended after the clients are joined: open loop, latency from the actual send. */
    public static final String UNCORRECTED = "uncorrected";
    /** Pipelined clients: each batch's round trip, first submit to the client running with the last reply. */
    public static final String BATCH = "batch";
    /** Submitted to taken by the worker. */
    public static final String QUEUE_WAIT = "queue-wait";
    /** The reducer call. */
    public static final String SERVICE = "service";
    /** Answered to the client running again. */
    public static final String REPLY = "reply";
    /**
     * Open loop: lower bounds of the latencies of measured requests never answered, from the intended send to the end
     * of the measurement (never sent) or to the moment the worker gave up on it after the drain (sent).
     */
    public static final String CENSORED = "censored";

    private static final double NANOS_PER_MILLI = 1e6;

    private final IntervalRecorder endToEnd;
    private final Map<String, Histogram> totals = new LinkedHashMap<>();
    private final OutputStream file;
    private final HistogramLogWriter writer;
    private final Histogram interval = new Histogram(3);
    private final long startMillis;
    private long intervalStartMillis;
    private int intervals;

    /** @param endToEnd the clients' end-to-end latencies */
    public LatencyLog(IntervalRecorder endToEnd, Path hlog, String comment) throws IOException {
        this.endToEnd = endToEnd;
        totals.put(END_TO_END, new Histogram(3));
        this.file = Files.newOutputStream(hlog);
        this.writer = new HistogramLogWriter(new PrintStream(file, false, StandardCharsets.UTF_8));
        this.startMillis = System.currentTimeMillis();
        this.intervalStartMillis = startMillis;
        for (String line : comment.split("\n")) {
            writer.outputComment(line);
        }
        writer.outputComment("Values are latencies in nanoseconds; Interval_Max is in milliseconds. Untagged: end to"
                + " end, one interval a second, from the intended send to the reply (closed loop: the client running"
                + " with it; open loop and pipelined: the worker's answer). Tagged"
                + " (queue-wait, service, reply, uncorrected, censored, batch): one interval spanning the whole"
                + " measurement, at the end. censored (open loop): lower bounds of requests never answered.");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        // Discard anything recorded before the log began.
        endToEnd.addIntervalTo(new Histogram(3));
    }

    /** Sampler thread: closes the current interval, writes it, and starts the next. */
    public void collectInterval() {
        long endMillis = System.currentTimeMillis();
        interval.reset();
        endToEnd.addIntervalTo(interval);
        interval.setStartTimeStamp(intervalStartMillis);
        interval.setEndTimeStamp(endMillis);
        writer.outputIntervalHistogram((intervalStartMillis - startMillis) / 1000.0,
                (endMillis - startMillis) / 1000.0, interval, NANOS_PER_MILLI);
        totals.get(END_TO_END).add(interval);
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
