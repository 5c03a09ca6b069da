package io.handoffbench.harness.output;

/**
 * A result file is not in a format this harness reads: a malformed row, a missing column, a newer format. The
 * message is one line that names the file (and the line, where there is one) and the problem.
 */
public final class ResultFormatException extends Exception {

    public ResultFormatException(String message) {
        super(message);
    }

    public ResultFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
