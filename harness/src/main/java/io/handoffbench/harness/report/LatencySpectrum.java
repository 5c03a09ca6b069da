package io.handoffbench.harness.report;

import io.handoffbench.harness.output.ResultLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * A cell's latency percentile spectrum, HdrHistogram style: every trial's interval log summed into one histogram,
 * then latency at each percentile, with the percentiles spaced by {@code 1 / (1 - p)} so the tail gets the room.
 */
final class LatencySpectrum {

    /** Points per halving of the distance to 100%, as in HdrHistogram's own percentile output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOS_PER_MICRO = 1_000.0;

    /**
     * One point of the spectrum.
     *
     * @param percentile in [0, 100)
     * @param micros     the latency at that percentile, in microseconds
     */
    record Point(double percentile, double micros) {

        /** {@code 1 / (1 - p)}: 1 at 0%, 2 at 50%, 10 at 90%, 100 at 99%, 1000 at 99.9%. */
        double tailFactor() {
            return 1 / (1 - percentile / 100);
        }
    }

    private LatencySpectrum() {
    }

    /** One series' interval logs at one clients level in {@code dir}, by trial; a {@code .partial} log is not one. */
    static List<Path> logs(Path dir, String strategy, int clients) throws IOException {
        SortedMap<Integer, Path> byTrial = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> ResultLayout.parseHlog(file.getFileName().toString())
                    .filter(stem -> stem.series().equals(strategy) && stem.clients() == clients)
                    .ifPresent(stem -> byTrial.put(stem.trial(), file)));
        }
        return List.copyOf(byTrial.values());
    }

    /** Sums every untagged (end-to-end) interval of every log; values stay in nanoseconds. */
    static Histogram merge(List<Path> logs) throws ReportInputException, IOException {
        Histogram total = new Histogram(3);
        for (Path log : logs) {
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                EncodableHistogram interval;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    if (!(interval instanceof Histogram histogram)) {
                        throw new ReportInputException(log + " holds a " + interval.getClass().getSimpleName()
                                + "; expected integer nanosecond histograms");
                    }
                    if (histogram.getTag() == null) { // tagged intervals are stages or uncorrected latency
                        total.add(histogram);
                    }
                }
            } catch (RuntimeException e) {
                throw new ReportInputException(log + " is not a readable HdrHistogram log: " + e, e);
            }
        }
        return total;
    }

    /** The spectrum of {@code nanos}, without the 100% point (its tail factor is infinite; it is the maximum). */
    static List<Point> points(Histogram nanos) {
        List<Point> points = new ArrayList<>();
        if (nanos.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : nanos.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break;
            }
            points.add(new Point(percentile,
                    nanos.highestEquivalentValue(value.getValueIteratedTo()) / NANOS_PER_MICRO));
        }
        return points;
    }
}
