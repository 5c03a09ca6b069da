package io.handoffbench.harness.report;

import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a result folder's report into that folder: {@code report.md}, the PNG charts, and {@code report.html}.
 *
 * <p>Usage, at the end of a sweep or on any result folder later:
 * <pre>{@code
 * List<Path> written = Report.write(resultDir);   // report.md, tps-vs-clients.png, ..., report.html
 * }</pre>
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Everything is read and drawn in memory before the first file is written, so bad input writes nothing.</li>
 *   <li>Each file is written whole to {@code name.partial}, then renamed; a reader never sees half a file. An
 *       older report in the folder is replaced.</li>
 *   <li>Only {@code summary.csv} is required; without {@code run.json} the header says less, and without
 *       {@code .hlog} files there is no latency spectrum (the report says so).</li>
 * </ol>
 *
 * <p>Threading: stateless; concurrent calls on different folders are fine, on one folder the last rename wins.
 */
public final class Report {

    private Report() {
    }

    /**
     * Reads {@code dir} and writes its report into it.
     *
     * @return the files written, in the order written: the charts, then {@code report.md} and {@code report.html}
     * @throws ReportInputException when {@code dir} is missing, holds no {@code summary.csv}, or its files are not
     *                              in the result-folder format; one line, naming the file and the problem
     * @throws IOException          when a file cannot be read or written
     */
    public static List<Path> write(Path dir) throws ReportInputException, IOException {
        SweepResults results = SweepResults.load(dir);
        List<LevelTable> tables = LevelTable.of(results);
        ReportHeader header = ReportHeader.of(results, tables);
        Optional<ProfileSection> profiles = ProfileSection.of(results);
        Charts.Drawn charts = Charts.draw(results, profiles);
        List<RatioTable> ratios = new ArrayList<>();
        BaselineRatios.of(results).ifPresent(ratios::add);
        IdleRatios.of(results).ifPresent(ratios::add);
        String markdown = MarkdownReport.render(header, tables, ratios, profiles, charts);
        String html = HtmlReport.render(header, tables, ratios, profiles, charts);

        ResultFolder folder = ResultFolder.create(results.dir());
        List<Path> written = new ArrayList<>();
        for (Charts.Image image : charts.images()) {
            folder.writeAtomically(image.file(), image.png());
            written.add(folder.resolve(image.file()));
        }
        folder.writeAtomically(ResultLayout.REPORT_MD, out -> out.write(markdown));
        written.add(folder.resolve(ResultLayout.REPORT_MD));
        folder.writeAtomically(ResultLayout.REPORT_HTML, out -> out.write(html));
        written.add(folder.resolve(ResultLayout.REPORT_HTML));
        return List.copyOf(written);
    }
}
