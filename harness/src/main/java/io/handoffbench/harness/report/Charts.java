package io.handoffbench.harness.report;

import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.output.SummaryRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts (TPS and p99 against clients, the time breakdown and the latency spectrum at the highest
 * level), drawn with XChart in memory. Each strategy keeps its colour and marker on every chart (by its place in
 * {@link SweepResults#strategies()}); colours are the Okabe-Ito palette, which stays distinct for colour-blind
 * readers.
 *
 * <p>Longer than the harness's other files on purpose: the four charts share one house style (palette, markers,
 * axes, fonts, sizes), kept in one place so that no chart drifts from the others; each chart is one method.
 */
final class Charts {

    static {
        // Charts are drawn off-screen; a server or CI has no display.
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    /** About how wide the plot area of a {@link #WIDTH} chart is, between the y axis labels and the border. */
    private static final int PLOT_WIDTH = WIDTH - 120;

    private static final Color[] COLORS = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};
    private static final Marker[] MARKERS = {
            SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    private static final Color CEILING_COLOR = new Color(0x555555);
    /** A chart's y axis is logarithmic when its values span at least this ratio (one decade). */
    private static final double LOG_SCALE_SPAN = 10;

    /**
     * One chart, drawn.
     *
     * @param title   a short title, also the image's alt text
     * @param caption one or two sentences saying how to read it
     */
    record Image(String file, String title, String caption, byte[] png) {
    }

    /** The charts that could be drawn, and a note for each that could not. */
    record Drawn(List<Image> images, List<String> notes) {
    }

    private Charts() {
    }

    static Drawn draw(SweepResults results) throws ReportInputException, IOException {
        return draw(results, Optional.empty());
    }

    /** The charts, with the CPU breakdown of the profiled cells beside the time breakdown when there are any. */
    static Drawn draw(SweepResults results, Optional<ProfileSection> profiles)
            throws ReportInputException, IOException {
        List<Image> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        images.add(tpsVersusClients(results));
        images.add(p99VersusClients(results));
        Optional<Image> spectrum = latencySpectrum(results, notes);
        spectrum.ifPresent(images::add);
        Optional<Image> breakdown = timeBreakdown(results);
        if (breakdown.isPresent()) {
            images.add(breakdown.get());
        } else {
            notes.add("No time-by-stage breakdown: this folder's summary.csv has no queue_wait/service/reply columns.");
        }
        profiles.flatMap(CpuBreakdownChart::draw).ifPresent(images::add);
        return new Drawn(List.copyOf(images), List.copyOf(notes));
    }

    /** Mean TPS per level with its 95% CI as error bars, and the ceiling as a dashed line. */
    static Image tpsVersusClients(SweepResults results) throws IOException {
        List<Integer> levels = results.clientLevels();
        XYChart chart = chart("Throughput versus clients", "clients (log scale)", "TPS (mean of trials, 95% CI)");
        XYStyler styler = chart.getStyler();
        clientsAxis(styler, levels);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("#,###");
        double top = 0;
        List<String> strategies = results.strategies();
        for (int i = 0; i < strategies.size(); i++) {
            String strategy = strategies.get(i);
            List<SummaryRow> rows = rowsOf(results, strategy);
            double[] x = log2(rows);
            double[] y = rows.stream().mapToDouble(SummaryRow::tps).toArray();
            double[] ci = rows.stream().mapToDouble(row -> Double.isNaN(row.tpsCi95HalfWidth()) ? 0
                    : row.tpsCi95HalfWidth()).toArray();
            for (int j = 0; j < y.length; j++) {
                top = Math.max(top, y[j] + ci[j]);
            }
            style(chart.addSeries(strategy, x, y, ci), i);
        }
        Optional<SummaryRow> ceiling = results.ceiling();
        if (ceiling.isPresent() && !Double.isNaN(ceiling.get().tps())) {
            double tps = ceiling.get().tps();
            top = Math.max(top, tps);
            XYSeries line = chart.addSeries("ceiling (bare worker) " + Format.compact(tps) + " TPS",
                    new double[] {styler.getXAxisMin(), styler.getXAxisMax()}, new double[] {tps, tps});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(CEILING_COLOR);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        styler.setYAxisMax(top > 0 ? top * 1.08 : 1);
        return new Image(ResultLayout.TPS_CHART, "Throughput versus clients",
                "Mean TPS over the trials at each clients level, with its 95% confidence interval as error bars"
                        + (ceiling.isPresent() ? "; the dashed line is the bare worker's ceiling." : "."),
                png(chart));
    }

    /** The median over the trials of each cell's p99 latency. */
    static Image p99VersusClients(SweepResults results) throws IOException {
        List<Integer> levels = results.clientLevels();
        XYChart chart = chart("p99 latency versus clients", "clients (log scale)", "p99 latency (µs)");
        XYStyler styler = chart.getStyler();
        clientsAxis(styler, levels);
        List<String> strategies = results.strategies();
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int i = 0; i < strategies.size(); i++) {
            List<SummaryRow> rows = rowsOf(results, strategies.get(i)).stream()
                    .filter(row -> row.p99Us() > 0)
                    .toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = log2(rows);
            double[] y = rows.stream().mapToDouble(SummaryRow::p99Us).toArray();
            for (double value : y) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            style(chart.addSeries(strategies.get(i), x, y), i);
        }
        boolean log = high / low >= LOG_SCALE_SPAN;
        latencyAxis(styler, log);
        return new Image(ResultLayout.P99_CHART, "p99 latency versus clients",
                "The 99th percentile of latency at each clients level (the median of the trials' p99)"
                        + (log ? ", on a log scale." : "."),
                png(chart));
    }

    /**
     * Where an answered request's time goes, per strategy at the highest clients level: the mean queue wait
     * (submitted to taken by the worker), service (the reducer) and reply (answered to the client running again),
     * stacked, so that the bar's height is the mean round trip and the reason one strategy wins is visible.
     */
    static Optional<Image> timeBreakdown(SweepResults results) throws IOException {
        List<Integer> levels = results.clientLevels();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        int level = levels.get(levels.size() - 1);
        List<SummaryRow> rows = results.strategies().stream()
                .flatMap(strategy -> rowsOf(results, strategy).stream())
                .filter(row -> row.clients() == level && row.hasStages())
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String title = "Where a request's time goes at " + String.format(Locale.ROOT, "%,d", level) + " clients";
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("strategy").yAxisTitle("mean time per request (µs)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setStacked(true);
        houseStyle(styler);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setSeriesColors(new Color[] {COLORS[0], COLORS[1], COLORS[2]});
        styler.setAntiAlias(true);
        List<String> names = rows.stream().map(SummaryRow::strategy).toList();
        chart.addSeries("queue wait (submit to taken)", names, rows.stream().map(SummaryRow::queueWaitMeanUs).toList());
        chart.addSeries("service (the reducer)", names, rows.stream().map(SummaryRow::serviceMeanUs).toList());
        chart.addSeries("reply (answer to client running)", names, rows.stream().map(SummaryRow::replyMeanUs).toList());
        return Optional.of(new Image(ResultLayout.BREAKDOWN_CHART, title,
                "Mean time per answered request by stage at the highest clients level (medians over the trials):"
                        + " waiting in the handoff for the worker, in the reducer, and from the reply until the"
                        + " client's thread runs again. The bar's height is the mean round trip.",
                BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }

    /** The percentile spectrum at the highest clients level, every trial's log merged per strategy. */
    static Optional<Image> latencySpectrum(SweepResults results, List<String> notes)
            throws ReportInputException, IOException {
        List<Integer> levels = results.clientLevels();
        int clients = levels.get(levels.size() - 1);
        XYChart chart = chart("Latency by percentile at " + Format.clients(clients),
                "percentile (log scale of 1 / (1 - p))", "latency (µs)");
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisTickLabelsFormattingFunction(Charts::percentileLabel);
        styler.setXAxisMin(1.0);
        double low = Double.MAX_VALUE;
        double high = 0;
        double widest = 10;
        List<String> strategies = results.strategies();
        List<String> missing = new ArrayList<>();
        List<String> merges = new ArrayList<>();
        for (int i = 0; i < strategies.size(); i++) {
            String strategy = strategies.get(i);
            List<Path> logs = LatencySpectrum.logs(results.dir(), strategy, clients);
            Histogram merged = LatencySpectrum.merge(logs);
            List<LatencySpectrum.Point> points = LatencySpectrum.points(merged);
            if (points.isEmpty()) {
                if (results.aggregatesAt(clients).stream().anyMatch(row -> row.strategy().equals(strategy))) {
                    missing.add(strategy);
                }
                continue;
            }
            double[] x = points.stream().mapToDouble(LatencySpectrum.Point::tailFactor).toArray();
            // A log axis cannot show 0; HdrHistogram reports a latency under its resolution as 0.
            double[] y = points.stream().mapToDouble(point -> Math.max(point.micros(), 0.001)).toArray();
            for (double value : y) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            widest = Math.max(widest, x[x.length - 1]);
            XYSeries series = chart.addSeries(strategy, x, y);
            merges.add(String.format(Locale.ROOT, "%s %s (max %s µs)", strategy,
                    logs.size() == 1 ? "1 trial" : logs.size() + " trials", Format.micros(merged.getMaxValue() / 1e3)));
            style(series, i);
            series.setMarker(SeriesMarkers.NONE);
        }
        if (!missing.isEmpty()) {
            notes.add("No latency logs (" + String.join(", ", missing) + " at " + Format.clients(clients)
                    + ", <strategy>-c" + clients + "-t<trial>.hlog) for the spectrum"
                    + (high == 0 ? "; it is not drawn." : "; those strategies are left out of it."));
        }
        if (high == 0) {
            return Optional.empty();
        }
        // Past the next decade beyond the deepest percentile reached, so that decade's label fits in the chart.
        styler.setXAxisMax(Math.pow(10, Math.ceil(Math.log10(widest) - 1e-9)) * 3);
        boolean log = high / low >= LOG_SCALE_SPAN;
        latencyAxis(styler, log);
        return Optional.of(new Image(ResultLayout.SPECTRUM_CHART, "Latency by percentile at " + Format.clients(clients),
                "Latency at each percentile at " + Format.clients(clients) + ", every trial's latency log merged per "
                        + "strategy: " + String.join(", ", merges) + ". The x axis is 1 / (1 - p) on a log scale, "
                        + "so 90%, 99%, 99.9% are evenly spaced" + (log ? "; the y axis is logarithmic too." : "."),
                png(chart)));
    }

    /**
     * {@code 1 / (1 - p)} as a percentile label, with as many decimals as its decade needs: 1 is {@code 0%}, 10 is
     * {@code 90%}, 1000 is {@code 99.9%}, 10^7 is {@code 99.99999%}.
     */
    static String percentileLabel(double tailFactor) {
        if (!(tailFactor >= 1) || Double.isInfinite(tailFactor)) {
            return "";
        }
        int decimals = (int) Math.max(0, Math.ceil(Math.log10(tailFactor) - 1e-9) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 - 100 / tailFactor);
    }

    /**
     * Latency axis ticks: {@code 1}, {@code 250}, {@code 10,000}; {@code 0.5} below one microsecond. On a log axis
     * only 1, 2 and 5 times a power of ten are labelled, so the labels near each decade do not run together.
     */
    static String microsLabel(double micros, boolean log) {
        if (log && micros > 0) {
            double mantissa = micros / Math.pow(10, Math.floor(Math.log10(micros) + 1e-9));
            if (Math.abs(mantissa - 1) > 1e-6 && Math.abs(mantissa - 2) > 1e-6 && Math.abs(mantissa - 5) > 1e-6) {
                return " ";
            }
        }
        if (micros >= 1 || micros == 0) {
            return String.format(Locale.ROOT, "%,.0f", micros);
        }
        return String.format(Locale.ROOT, "%.2g", micros);
    }

    private static List<SummaryRow> rowsOf(SweepResults results, String strategy) {
        return results.aggregates().stream()
                .filter(row -> row.strategy().equals(strategy) && !Double.isNaN(row.tps()))
                .sorted(Comparator.comparingInt(SummaryRow::clients))
                .toList();
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        houseStyle(styler);
        styler.setMarkerSize(8);
        styler.setErrorBarsColorSeriesColor(true);
        styler.setAntiAlias(true);
        return chart;
    }

    /** What every chart here shares: white, light grid, sans-serif, the legend below in a row. */
    static void houseStyle(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0x999999));
        styler.setPlotGridLinesColor(new Color(0xE3E3E3));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
    }

    /**
     * A log₂ x axis of clients: drawn as a linear axis of {@code log2(clients)} with ticks labelled by the power of
     * two they stand for (XChart's own log axis labels only decades, which would leave 4, 16, 64, 256, 512
     * unlabelled). Half a doubling of room on each side keeps the end points and their error bars whole.
     */
    private static void clientsAxis(XYStyler styler, List<Integer> levels) {
        double min = log2(levels.get(0)) - 0.5;
        double max = log2(levels.get(levels.size() - 1)) + 0.5;
        styler.setXAxisMin(min);
        styler.setXAxisMax(max);
        styler.setXAxisTickLabelsFormattingFunction(Charts::powerOfTwoLabel);
        // Ask for ticks at least ~0.9 of a doubling apart, so XChart steps by whole doublings, never by halves.
        styler.setXAxisTickMarkSpacingHint((int) Math.max(40, 0.9 * PLOT_WIDTH / (max - min)));
    }

    /**
     * The clients a tick of the log₂ axis stands for: 6 is {@code 64}. XChart picks whole-number ticks here; it also
     * asks for the axis ends, and drops every label when two of them read the same, so a fraction gets its value
     * too ({@code 2^-0.5} is {@code 0.71}) rather than a blank.
     */
    static String powerOfTwoLabel(double log2) {
        long exponent = Math.round(log2);
        if (Math.abs(log2 - exponent) < 1e-6 && exponent >= 0 && exponent <= 62) {
            return String.format(Locale.ROOT, "%,d", 1L << exponent);
        }
        return String.format(Locale.ROOT, "%.2f", Math.pow(2, log2));
    }

    private static double[] log2(List<SummaryRow> rows) {
        return rows.stream().mapToDouble(row -> log2(row.clients())).toArray();
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    private static void latencyAxis(XYStyler styler, boolean log) {
        styler.setYAxisLogarithmic(log);
        styler.setYAxisLogarithmicDecadeOnly(false);
        if (!log) {
            styler.setYAxisMin(0.0);
        }
        styler.setYAxisTickLabelsFormattingFunction(micros -> microsLabel(micros, log));
    }

    private static void style(XYSeries series, int index) {
        Color color = COLORS[index % COLORS.length];
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(MARKERS[index % MARKERS.length]);
        series.setLineWidth(2f);
    }

    private static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
