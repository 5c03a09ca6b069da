package io.handoffbench.harness.report;

import io.handoffbench.harness.output.ResultLayout;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The CPU breakdown chart: per profiled cell, its CPU per request stacked by component, worker parts in blues,
 * clients' in oranges, JIT, GC and other apart, so that the height is the measured CPU per request and the colours
 * say whose it is. Drawn beside the time breakdown, which says where the latency goes.
 */
final class CpuBreakdownChart {

    /** By side: the worker blue, the clients orange, JIT purple, GC green, anything else grey. */
    private static final Map<String, Color[]> SIDE_COLORS = Map.of(
            "worker", new Color[] {new Color(0x08519C), new Color(0x3182BD), new Color(0x6BAED6),
                    new Color(0x9ECAE1), new Color(0xC6DBEF)},
            "clients", new Color[] {new Color(0xA63603), new Color(0xE6550D), new Color(0xFD8D3C),
                    new Color(0xFDAE6B), new Color(0xFDD0A2)},
            "jit", new Color[] {new Color(0x756BB1)},
            "gc", new Color[] {new Color(0x31A354)},
            "other", new Color[] {new Color(0x969696)});

    private CpuBreakdownChart() {
    }

    /** The chart, or empty when no profiled cell has a CPU breakdown. */
    static Optional<Charts.Image> draw(ProfileSection section) {
        List<ProfileSection.Entry> entries = section.withBreakdown();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        String title = "Where a request's CPU goes (profiled cells)";
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("profiled cell").yAxisTitle("CPU per request (µs)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setStacked(true);
        Charts.houseStyle(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE); // thirteen parts do not fit in one row below
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("#,##0.##");
        styler.setAntiAlias(true);
        List<String> cells = entries.stream().map(ProfileSection.Entry::label).toList();
        List<Color> colors = new ArrayList<>();
        Map<String, Integer> usedPerSide = new HashMap<>();
        for (Map.Entry<String, String> component : section.rowOrder().entrySet()) {
            List<Double> values = entries.stream().map(entry -> {
                double[] part = entry.breakdown().get(component.getKey());
                return part == null || Double.isNaN(part[0]) ? 0.0 : part[0];
            }).toList();
            if (values.stream().allMatch(value -> value == 0.0)) {
                continue; // a component no cell spent anything in only crowds the legend
            }
            String side = component.getValue().substring(0, component.getValue().indexOf(':'));
            Color[] palette = SIDE_COLORS.getOrDefault(side, SIDE_COLORS.get("other"));
            int used = usedPerSide.merge(side, 1, Integer::sum) - 1;
            colors.add(palette[used % palette.length]);
            chart.addSeries(legend(component.getKey()), cells, values);
        }
        styler.setSeriesColors(colors.toArray(Color[]::new));
        try {
            return Optional.of(new Charts.Image(ResultLayout.CPU_BREAKDOWN_CHART, title,
                    "Each profiled cell's CPU per request (the process's, measured over the measurement) split by "
                            + "the share of CPU samples in each component: the worker's in blues, the clients' in "
                            + "oranges, JIT compiler threads, GC threads and other threads apart. The bar's height "
                            + "is the measured CPU per request.",
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code worker reducer} from {@code worker_reducer}: short enough for a legend. */
    private static String legend(String component) {
        return component.replace('_', ' ');
    }
}
