package io.handoffbench.harness.cli;

import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
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

    /**
     * Runs the command line and returns its exit code (see {@link ExitCodes}). {@code --class-path} is read first,
     * wherever it is: its entries that this JVM's class path lacks (the launcher has put them there; a test or a
     * JVM started by hand has not) are loaded through the thread's context class loader while the command runs,
     * so that {@code ServiceLoader} finds their strategies, and are appended to every forked cell's class path.
     * A strategy an entry lists but that does not load is a usage error naming the entry and the class.
     */
    public static int execute(String[] args, PrintStream stdout, PrintStream stderr) {
        ClassPathOption added;
        try {
            added = ClassPathOption.extract(Arrays.asList(args), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            stderr.println("harness: " + e.getMessage() + " (see --help)");
            return ExitCodes.USAGE;
        }
        String problem = added.problem();
        if (problem != null) {
            stderr.println("harness: " + problem);
            return ExitCodes.USAGE;
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        List<Path> missing = added.missingFrom(System.getProperty("java.class.path"));
        URLClassLoader loader = missing.isEmpty() ? null : new URLClassLoader(urls(missing), before);
        try {
            if (loader != null) {
                thread.setContextClassLoader(loader);
            }
            String unloadable = added.unloadableStrategy(thread.getContextClassLoader());
            if (unloadable != null) {
                stderr.println("harness: " + unloadable);
                return ExitCodes.USAGE;
            }
            CommandLine cli;
            try {
                cli = commandLine(stdout, stderr, Arrays.asList(args), added);
            } catch (ServiceConfigurationError | IllegalStateException e) {
                stderr.println("harness: " + ClassPathOption.strategiesProblem(e));
                return ExitCodes.USAGE;
            }
            List<String> expanded;
            try {
                expanded = Presets.expand(added.forwardedArgs());
            } catch (IllegalArgumentException e) {
                stderr.println("harness: " + e.getMessage() + " (see --help)");
                return ExitCodes.USAGE;
            }
            return cli.execute(expanded.toArray(String[]::new));
        } finally {
            thread.setContextClassLoader(before);
            closeQuietly(loader);
        }
    }

    static CommandLine commandLine(PrintStream stdout, PrintStream stderr, List<String> args, ClassPathOption added) {
        CommandLine cli = new CommandLine(new HarnessCommand(stdout, stderr, args, added));
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

    private static URL[] urls(List<Path> entries) {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entries.get(i) + " is not a valid class path entry", e);
            }
        }
        return urls;
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // Only open jar files to let go of; nothing the user needs to hear about.
        }
    }

    private static String[] strategyList() {
        List<HandoffStrategyFactory> strategies = HandoffStrategies.load().all();
        int width = strategies.stream().mapToInt(s -> s.id().length()).max().orElse(0);
        return strategies.stream()
                .map(s -> String.format("  %-" + width + "s  %s", s.id(), s.description()))
                .toArray(String[]::new);
    }
}
