package io.handoffbench.harness.report;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code report.html}: the report as one self-contained page. The CSS is inline and the charts are {@code data:}
 * URIs, so the page opens from a file, an e-mail or an archive with nothing to fetch; its Content-Security-Policy
 * forbids any fetch besides.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
                   max-width: 960px; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: .4em; }
            h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            .alert { background: #fff4e5; border-left: 4px solid #e69f00; padding: .6em 1em; font-weight: 600; }
            .warnings { margin: .6em 0 0; padding-left: 1.2em; color: #8a4b00; }
            .legend { color: #555; font-size: .92em; }
            table { border-collapse: collapse; margin: .3em 0; font-variant-numeric: tabular-nums; }
            th, td { padding: .3em .7em; border-bottom: 1px solid #e3e3e3; }
            th { background: #f6f6f6; text-align: right; font-weight: 600; }
            td { text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            th:last-child, td:last-child { text-align: center; }
            td:first-child { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            td.not-steady { color: #b00020; font-weight: 600; }
            tbody tr:first-child td { font-weight: 600; }
            figure { margin: 1.2em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption, .note { color: #555; font-size: .92em; }
            """;

    private HtmlReport() {
    }

    static String render(ReportHeader header, List<LevelTable> tables, List<RatioTable> ratios,
                         Optional<ProfileSection> profiles, Charts.Drawn charts) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(header.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(header.title())).append("</h1>\n");
        header.alert().ifPresent(alert -> html.append("<p class=\"alert\">⚠ ").append(escape(alert)).append("</p>\n"));
        html.append("<dl>\n");
        for (ReportHeader.Item item : header.items()) {
            html.append("<dt>").append(escape(item.label())).append("</dt><dd>").append(escape(item.value()))
                    .append("</dd>\n");
        }
        html.append("</dl>\n");
        if (!header.warnings().isEmpty()) {
            html.append("<ul class=\"warnings\">\n");
            header.warnings().forEach(warning -> html.append("<li>⚠ ").append(escape(warning)).append("</li>\n"));
            html.append("</ul>\n");
        }

        html.append("<h2>Throughput and latency by clients level</h2>\n");
        html.append("<p class=\"legend\">").append(escape(LevelTable.LEGEND)).append("</p>\n");
        for (LevelTable table : tables) {
            html.append("<h3>").append(escape(Format.clients(table.clients()))).append("</h3>\n<table>\n<thead><tr>");
            LevelTable.HEADINGS.forEach(heading -> html.append("<th>").append(escape(heading)).append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (LevelTable.Entry entry : table.entries()) {
                html.append("<tr>");
                List<String> cells = entry.cells();
                for (int i = 0; i < cells.size(); i++) {
                    boolean flagged = i == cells.size() - 1 && !entry.steadyOrUnknown();
                    html.append(flagged ? "<td class=\"not-steady\">" : "<td>").append(escape(cells.get(i)))
                            .append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
            String errors = table.errors();
            if (!errors.isEmpty()) {
                html.append("<p class=\"note\">Error replies: ").append(escape(errors)).append(".</p>\n");
            }
        }

        for (RatioTable table : ratios) {
            html.append("<h2>").append(escape(table.title())).append("</h2>\n<p class=\"legend\">")
                    .append(escape(table.legend())).append("</p>\n<table>\n<thead><tr>");
            table.headings().forEach(heading -> html.append("<th>").append(escape(heading)).append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (RatioTable.Row row : table.rows()) {
                html.append("<tr><td>").append(escape(row.label())).append("</td>");
                row.cells().forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        profiles.ifPresent(section -> profiles(html, section));

        html.append("<h2>Charts</h2>\n");
        for (Charts.Image image : charts.images()) {
            html.append("<figure>\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(image.png()))
                    .append("\" width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT)
                    .append("\" alt=\"").append(escape(image.title())).append("\">\n<figcaption>")
                    .append(escape(image.caption())).append("</figcaption>\n</figure>\n");
        }
        for (String note : charts.notes()) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The profiled cells, their flame graphs linked (files next to the report, not fetched by it). */
    private static void profiles(StringBuilder html, ProfileSection section) {
        html.append("<h2>").append(ProfileSection.TITLE).append("</h2>\n<p class=\"legend\">")
                .append(escape(ProfileSection.LEGEND)).append("</p>\n<table>\n<thead><tr>");
        ProfileSection.HEADINGS.forEach(heading -> html.append("<th>").append(escape(heading)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (ProfileSection.Entry entry : section.entries()) {
            List<String> cells = entry.cells();
            html.append("<tr>");
            cells.subList(0, cells.size() - 2).forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            for (String file : cells.subList(cells.size() - 2, cells.size())) {
                html.append(file.equals(Format.NONE) ? "<td>" + Format.NONE + "</td>"
                        : "<td><a href=\"" + escape(file) + "\">" + escape(file) + "</a></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (!section.withBreakdown().isEmpty()) {
            html.append("<p class=\"legend\">").append(escape(ProfileSection.BREAKDOWN_LEGEND))
                    .append("</p>\n<table>\n<thead><tr>");
            section.breakdownHeadings().forEach(heading -> html.append("<th>").append(escape(heading))
                    .append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : section.breakdownRows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
    }

    /** Text as HTML text or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
