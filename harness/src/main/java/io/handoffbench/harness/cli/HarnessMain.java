package io.handoffbench.harness.cli;

import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The measuring JVM's entry point. {@code java -jar harness.jar} starts {@code launch.Launcher}, which starts this
 * in a JVM with the flags that keep GraalJS JIT-compiled; tests call {@link #execute} directly.
 */
public final class HarnessMain {

    private HarnessMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
    public static int execute(String[] args, PrintStream stdout, PrintStream stderr) {
        return commandLine(stdout, stderr, Arrays.asList(args)).execute(args);
    }

    static CommandLine commandLine(PrintStream stdout, PrintStream stderr, List<String> args) {
        CommandLine cli = new CommandLine(new HarnessCommand(stdout, stderr, args));
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((error, arguments) -> {
            // One line: what is wrong and, in the message, the valid choices.
            error.getCommandLine().getErr().println("harness: " + error.getMessage() + " (see --help)");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println("harness: run failed: " + error);
            return ExitCodes.RUN_FAILED;
        });
        cli.getCommandSpec().usageMessage()
                .footerHeading("%nStrategies (found through ServiceLoader):%n")
                .footer(strategyList());
        return cli;
    }

    private static String[] strategyList() {
        List<HandoffStrategyFactory> strategies = HandoffStrategies.load().all();
        int width = strategies.stream().mapToInt(s -> s.id().length()).max().orElse(0);
        return strategies.stream()
                .map(s -> String.format("  %-" + width + "s  %s", s.id(), s.description()))
                .toArray(String[]::new);
    }
}
