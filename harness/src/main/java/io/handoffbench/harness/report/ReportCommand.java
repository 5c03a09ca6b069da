package io.handoffbench.harness.report;

import io.handoffbench.harness.cli.ExitCodes;
import io.handoffbench.harness.cli.VersionProvider;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code harness report DIR}: writes {@code report.md}, the PNG charts and {@code report.html} into a result
 * folder, from its {@code summary.csv}, {@code run.json} and {@code .hlog} files. A sweep does the same at its end
 * through {@link Report#write}.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the report was written",
                "1:a file could not be read or written",
                "2:DIR is missing, holds no summary.csv, or its files are not a sweep's; nothing was written"},
        description = {
                "Writes a report of a result folder into it: report.md (a Markdown table per clients level, ready "
                        + "to paste into a pull request), tps-vs-clients.png, p99-vs-clients.png, "
                        + "latency-spectrum.png, and report.html (one self-contained page with the tables and charts)."
        })
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR",
            description = "A result folder: summary.csv with aggregate rows, run.json, <strategy>-c<N>-t<T>.hlog.")
    private Path dir;

    private final PrintStream stdout;
    private final PrintStream stderr;

    /** For picocli's default factory ({@code @Command(subcommands = ReportCommand.class)}). */
    public ReportCommand() {
        this(System.out, System.err);
    }

    public ReportCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> written;
        try {
            written = Report.write(dir);
        } catch (ReportInputException e) {
            // One line, as every usage error of the harness, under any root command's exception handler.
            stderr.println("harness report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (Path file : written) {
            stdout.println("wrote " + file);
        }
        return ExitCodes.OK;
    }
}
