package io.handoffbench.benchmarks;

import io.handoffbench.benchmarks.support.Strategies;
import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.harness.launch.Jdk;
import io.handoffbench.harness.launch.JdkFinder;
import io.handoffbench.harness.launch.MeasuringJvm;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH's command line ({@code org.openjdk.jmh.Main}: the same options, {@code -h}, {@code -l}, {@code -lp},
 * {@code -lprof}) with three defaults of this project, so that {@code java -jar benchmarks.jar} needs no flags:
 * <ol>
 *   <li>Every forked benchmark JVM gets the flags that keep GraalJS JIT-compiled ({@code -XX:+EnableJVMCI},
 *       {@code --upgrade-module-path} with the Graal compiler jars in {@code jvmci/} next to the jar, native access),
 *       built by the harness's {@link MeasuringJvm} for the JDK that runs the forks, and appended before the user's
 *       own {@code -jvmArgsAppend}, so for {@code -XX} options the user's value wins. {@code HANDOFF_BENCH_JVM_ARGS}
 *       adds flags as it does for the harness.</li>
 *   <li>Without {@code -p strategy=...}, the strategy-swept benchmarks run every strategy the ServiceLoader
 *       registry finds, not only the six ids their {@code @Param} annotations list (JMH needs those at compile
 *       time). A strategy jar on the class path ({@code java -jar benchmarks.jar --class-path=your.jar}) is benchmarked
 *       with no edit. Ids given with {@code -p} are checked
 *       against the registry before anything runs.</li>
 *   <li>Without {@code -foe}, fail on error: a benchmark whose self-check throws stops the run, rather than leaving
 *       a gap in the results that is easy to miss.</li>
 * </ol>
 *
 * <p>Exit codes: 0 done; 1 a benchmark or profiler failed; 2 a usage error (bad option, unknown strategy, no
 * benchmark matches).
 */
public final class BenchmarksMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String PREFIX = "benchmarks: ";

    private BenchmarksMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) throws IOException {
        List<String> registered;
        try {
            registered = Strategies.registeredIds();
        } catch (ServiceConfigurationError | IllegalStateException e) {
            err.println(PREFIX + ClassPathOption.strategiesProblem(e));
            return EXIT_USAGE;
        }
        CommandLineOptions cmd;
        try {
            cmd = parse(args, registered);
        } catch (CommandLineOptionException e) {
            err.println(PREFIX + "cannot parse the command line: " + e.getMessage() + " (-h lists the options)");
            return EXIT_USAGE;
        }
        if (cmd.shouldHelp()) {
            cmd.showHelp();
            System.out.println();
            System.out.println("handoff-bench: the forked JVMs get the JVMCI flags of " + jvmciFolder()
                    + "; without -p strategy=..., every registered strategy runs: " + String.join(",", registered)
                    + "; without -foe, -foe true; " + ClassPathOption.NAME + "=PATH[" + File.pathSeparator
                    + "PATH...] adds strategy jars (java -jar benchmarks.jar only).");
            return EXIT_OK;
        }
        if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
            return EXIT_OK;
        }
        if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
            return EXIT_OK;
        }
        List<String> unknown = unknownStrategies(cmd, registered);
        if (!unknown.isEmpty()) {
            err.println(PREFIX + "unknown strategy " + String.join(", ", unknown) + ": registered are "
                    + String.join(", ", registered));
            return EXIT_USAGE;
        }

        Jdk forkJdk = forkJdk(cmd);
        MeasuringJvm forks = MeasuringJvm.forClassPath(System.getProperty("java.class.path"), jvmciFolder(), forkJdk);
        if (!forks.jitEnabled()) {
            err.println(PREFIX + "no JIT for GraalJS in the forked JVMs (needs JDK " + JdkFinder.JIT_FEATURE
                    + " and the four compiler jars in " + forks.jvmciFolder() + "); the GraalJS benchmarks will refuse"
                    + " to run. Rebuild with scripts/jmh.");
        }
        Runner runner = new Runner(withProjectDefaults(cmd, forks.jvmFlags()));
        if (cmd.shouldList()) {
            runner.list();
            return EXIT_OK;
        }
        if (cmd.shouldListWithParams()) {
            runner.listWithParams(cmd);
            return EXIT_OK;
        }
        try {
            runner.run();
            return EXIT_OK;
        } catch (NoBenchmarksException e) {
            err.println(PREFIX + "no benchmark matches " + cmd.getIncludes() + "; -l lists them");
            return EXIT_USAGE;
        } catch (ProfilersFailedException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                err.println(PREFIX + t.getMessage());
            }
            return EXIT_FAILED;
        } catch (RunnerException e) {
            err.print(PREFIX + "ERROR: ");
            e.printStackTrace(err);
            return EXIT_FAILED;
        }
    }

    /** JMH's parse of {@code args}; when they name no strategy, as if {@code -p strategy=<every registered id>}. */
    static CommandLineOptions parse(String[] args, List<String> registered) throws CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        if (given.getParameter(Strategies.PARAM).hasValue() || registered.isEmpty()) {
            return given;
        }
        List<String> withDefault = new ArrayList<>(List.of("-p", Strategies.PARAM + "=" + String.join(",", registered)));
        withDefault.addAll(List.of(args)); // before the user's arguments: JMH's parser takes options anywhere
        return new CommandLineOptions(withDefault.toArray(String[]::new));
    }

    /** The options JMH runs with: {@code cmd}, plus the forks' flags before the user's appended ones, and -foe. */
    static Options withProjectDefaults(CommandLineOptions cmd, List<String> forkFlags) {
        List<String> append = new ArrayList<>(forkFlags);
        append.addAll(cmd.getJvmArgsAppend().orElse(List.of()));
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cmd).jvmArgsAppend(append.toArray(String[]::new));
        if (!cmd.shouldFailOnError().hasValue()) {
            builder.shouldFailOnError(true);
        }
        return builder.build();
    }

    static List<String> unknownStrategies(CommandLineOptions cmd, List<String> registered) {
        Collection<String> asked = cmd.getParameter(Strategies.PARAM).orElse(List.of());
        List<String> unknown = new ArrayList<>();
        for (String id : asked) {
            if (!registered.contains(id)) {
                unknown.add("'" + id + "'");
            }
        }
        return unknown;
    }

    /** The JDK of {@code -jvm} when given (its home is two levels up from {@code bin/java}), else this one. */
    private static Jdk forkJdk(CommandLineOptions cmd) {
        if (cmd.getJvm().hasValue()) {
            Path home = Path.of(cmd.getJvm().get()).toAbsolutePath().getParent();
            home = home == null ? null : home.getParent();
            if (home != null) {
                return JdkFinder.read(home).orElseGet(JdkFinder::running);
            }
        }
        return JdkFinder.running();
    }

    /** {@code jvmci/} next to the jar (or next to {@code target/classes} when started from an IDE). */
    private static Path jvmciFolder() {
        CodeSource source = BenchmarksMain.class.getProtectionDomain().getCodeSource();
        try {
            return MeasuringJvm.jvmciFolderNextTo(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(MeasuringJvm.JVMCI_FOLDER);
        }
    }
}
