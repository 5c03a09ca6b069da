package io.handoffbench.harness.report;

import java.util.List;
import java.util.Optional;

/**
 * {@code report.md}: the header as a list, one table per clients level (ascending), then the charts. Meant to be
 * pasted into a pull request, as hyperfine's {@code --export-markdown}; the images resolve next to the file.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(ReportHeader header, List<LevelTable> tables, List<RatioTable> ratios,
                         Optional<ProfileSection> profiles, Charts.Drawn charts) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(text(header.title())).append("\n\n");
        header.alert().ifPresent(alert -> md.append("> **⚠ ").append(text(alert)).append("**\n\n"));
        for (ReportHeader.Item item : header.items()) {
            md.append("- **").append(text(item.label())).append(":** ").append(text(item.value())).append('\n');
        }
        if (!header.warnings().isEmpty()) {
            md.append("- **Warnings:**\n");
            header.warnings().forEach(warning -> md.append("  - ").append(text(warning)).append('\n'));
        }

        md.append("\n## Throughput and latency by clients level\n\n");
        md.append(text(LevelTable.LEGEND)).append('\n');
        for (LevelTable table : tables) {
            md.append("\n### ").append(Format.clients(table.clients())).append("\n\n");
            md.append(row(LevelTable.HEADINGS));
            md.append("|:---").append("|---:".repeat(LevelTable.HEADINGS.size() - 2)).append("|:---:|\n");
            for (LevelTable.Entry entry : table.entries()) {
                List<String> cells = entry.cells();
                md.append("| `").append(cells.get(0).replace("`", "'").replace("|", "\\|")).append("` ")
                        .append(row(cells.subList(1, cells.size())));
            }
            String errors = table.errors();
            if (!errors.isEmpty()) {
                md.append("\nError replies: ").append(text(errors)).append(".\n");
            }
        }

        for (RatioTable table : ratios) {
            md.append("\n## ").append(text(table.title())).append("\n\n").append(text(table.legend())).append("\n\n");
            md.append(row(table.headings()));
            md.append("|:---").append("|---:".repeat(table.levels().size())).append("|\n");
            for (RatioTable.Row ratio : table.rows()) {
                md.append("| `").append(ratio.label().replace("`", "'").replace("|", "\\|")).append("` ")
                        .append(row(ratio.cells()));
            }
        }

        profiles.ifPresent(section -> profiles(md, section));

        md.append("\n## Charts\n");
        for (Charts.Image image : charts.images()) {
            md.append("\n![").append(text(image.title())).append("](").append(image.file()).append(")\n\n")
                    .append(text(image.caption())).append('\n');
        }
        for (String note : charts.notes()) {
            md.append('\n').append(text(note)).append('\n');
        }
        return md.toString();
    }

    private static void profiles(StringBuilder md, ProfileSection section) {
        md.append("\n## ").append(ProfileSection.TITLE).append("\n\n").append(text(ProfileSection.LEGEND))
                .append("\n\n");
        md.append(row(ProfileSection.HEADINGS));
        md.append("|:---|:---").append("|---:".repeat(5)).append("|:---|:---|\n");
        for (ProfileSection.Entry entry : section.entries()) {
            List<String> cells = entry.cells();
            md.append(row(cells.subList(0, cells.size() - 2)).stripTrailing());
            for (String file : cells.subList(cells.size() - 2, cells.size())) {
                md.append(file.equals(Format.NONE) ? " " + Format.NONE + " |"
                        : " [" + text(file) + "](" + file + ") |");
            }
            md.append('\n');
        }
        if (!section.withBreakdown().isEmpty()) {
            md.append("\n").append(text(ProfileSection.BREAKDOWN_LEGEND)).append("\n\n");
            md.append(row(section.breakdownHeadings()));
            md.append("|:---").append("|---:".repeat(section.withBreakdown().size())).append("|\n");
            section.breakdownRows().forEach(cells -> md.append(row(cells)));
        }
    }

    private static String row(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(' ').append(text(cell)).append(" |");
        }
        return row.append('\n').toString();
    }

    /** Escapes what Markdown (GitHub's) would read as formatting, a link, HTML or a table cell's end. */
    static String text(String plain) {
        StringBuilder escaped = new StringBuilder(plain.length());
        for (char c : plain.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> escaped.append('\\').append(c);
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
