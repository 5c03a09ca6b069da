package io.handoffbench.harness.cli;

import io.handoffbench.harness.cli.ExitCodes;
import io.handoffbench.harness.cli.VersionProvider;
import io.handoffbench.harness.report.Report;
import io.handoffbench.harness.report.ReportInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harness report DIR}: writes {@code report.md}, the PNG charts and {@code report.html} into a result
 * folder, from its {@code summary.csv}, {@code run.json} and {@code .hlog} files. A sweep does the same at its end
 * through {@link Report#write}. Prints to its command line's out and err writers, as every harness command.
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
                        + "time-breakdown.png, latency-spectrum.png, and report.html (one self-contained page with "
                        + "the tables and charts)."
        })
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR",
            description = "A result folder: summary.csv with aggregate rows, run.json, <strategy>-c<N>-t<T>.hlog.")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> written;
        try {
            written = Report.write(dir);
        } catch (ReportInputException e) {
            // One line, as every usage error of the harness, under any root command's exception handler.
            spec.commandLine().getErr().println("harness report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : written) {
            out.println("wrote " + file);
        }
        return ExitCodes.OK;
    }
}
