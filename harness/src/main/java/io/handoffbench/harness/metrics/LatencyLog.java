package io.handoffbench.harness.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Collects the clients' latency recorders once per interval into one HdrHistogram interval log (a {@code .hlog}
 * that {@code HistogramLogReader} and HdrHistogram's plotting tools read) and into the run's total histogram.
 *
 * <p>Usage, all on one sampler thread (the constructor may run elsewhere, before the sampler starts):
 * <pre>{@code
 * LatencyLog log = new LatencyLog(recorders, file, comment);  // writes the header, starts the first interval
 * every second:  log.collectInterval();
 * after the clients have stopped:  log.collectInterval(); log.close();
 * Histogram all = log.total();
 * }</pre>
 * Values are nanoseconds; as in HdrHistogram's own tools, the {@code Interval_Max} column is in milliseconds.
 */
public final class LatencyLog implements AutoCloseable {

    private static final double NANOS_PER_MILLI = 1e6;

    private final List<SingleWriterRecorder> recorders;
    private final OutputStream file;
    private final HistogramLogWriter writer;
    private final Histogram total = new Histogram(3);
    private final Histogram interval = new Histogram(3);
    private final long startMillis;
    /** One client's latest interval, copied out of its recorder before it is added to {@link #interval}. */
    private final Histogram scratch = new Histogram(3);
    private long intervalStartMillis;
    private int intervals;

    public LatencyLog(List<SingleWriterRecorder> recorders, Path hlog, String comment) throws IOException {
        this.recorders = List.copyOf(recorders);
        this.file = Files.newOutputStream(hlog);
        this.writer = new HistogramLogWriter(new PrintStream(file, false, StandardCharsets.UTF_8));
        this.startMillis = System.currentTimeMillis();
        this.intervalStartMillis = startMillis;
        for (String line : comment.split("\n")) {
            writer.outputComment(line);
        }
        writer.outputComment("Values are latencies in nanoseconds, from just before submit to the client seeing"
                + " its reply; Interval_Max is in milliseconds.");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        // Discard anything recorded before the log began.
        for (SingleWriterRecorder recorder : this.recorders) {
            recorder.getIntervalHistogramInto(scratch);
        }
    }

    /** Sampler thread: closes the current interval, writes it, and starts the next. */
    public void collectInterval() {
        long endMillis = System.currentTimeMillis();
        interval.reset();
        for (SingleWriterRecorder recorder : recorders) {
            recorder.getIntervalHistogramInto(scratch);
            interval.add(scratch);
        }
        interval.setStartTimeStamp(intervalStartMillis);
        interval.setEndTimeStamp(endMillis);
        writer.outputIntervalHistogram((intervalStartMillis - startMillis) / 1000.0,
                (endMillis - startMillis) / 1000.0, interval, NANOS_PER_MILLI);
        total.add(interval);
        intervalStartMillis = endMillis;
        intervals++;
    }

    /** Every latency collected so far. */
    public Histogram total() {
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
