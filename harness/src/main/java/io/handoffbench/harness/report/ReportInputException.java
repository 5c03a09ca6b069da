package io.handoffbench.harness.report;

/**
 * The folder cannot be reported on: it is missing, has no {@code summary.csv}, or holds a file that is not in the
 * result-folder format. The message is one line that names the file and the problem; nothing has been written.
 */
public final class ReportInputException extends Exception {

    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
