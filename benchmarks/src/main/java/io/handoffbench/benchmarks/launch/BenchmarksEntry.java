package io.handoffbench.benchmarks.launch;

import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.harness.launch.Jdk;
import io.handoffbench.harness.launch.JdkFinder;
import io.handoffbench.harness.launch.Launcher;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The jar's {@code Main-Class}, compiled for Java 17 so that {@code java -jar benchmarks.jar} on an older default
 * {@code java} says which JDK to use instead of failing with {@code UnsupportedClassVersionError}. On JDK 25 or newer
 * it hands over to {@code BenchmarksMain}, which is compiled for 25 like the benchmarks.
 *
 * <p>{@code --class-path=PATH[:PATH...]} ({@link ClassPathOption}) adds strategy jars. JMH forks every benchmark
 * JVM with this JVM's {@code java.class.path} and input arguments, and the registry looks in this JVM's class path,
 * so a jar must be on the real class path: when an entry is missing from it, this JVM starts a copy of itself with
 * the same JVM arguments and the entries appended to {@code -cp}, hands it the option (absolute) and the other
 * arguments, and exits with its exit code. A path that does not exist or is neither a jar nor a folder, and a
 * strategy listed in an entry that does not load, are exit {@value #EXIT_USAGE} with one line.
 */
public final class BenchmarksEntry {

    static final String MAIN_CLASS = "io.handoffbench.benchmarks.BenchmarksMain";
    static final int EXIT_USAGE = 2;
    static final int EXIT_NO_JDK = 3;
    private static final String PREFIX = "benchmarks: ";

    private BenchmarksEntry() {
    }

    public static void main(String[] args) throws Throwable {
        int feature = Runtime.version().feature();
        if (feature < JdkFinder.JIT_FEATURE) {
            System.err.println(wrongJdkMessage(JdkFinder.running(), JdkFinder.forThisMachine().find()));
            System.exit(EXIT_NO_JDK);
        }
        ClassPathOption added;
        try {
            added = ClassPathOption.extract(Arrays.asList(args), Paths.get("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            exitWithUsageError(e.getMessage());
            return;
        }
        if (added.problem() != null) {
            exitWithUsageError(added.problem());
        }
        String classPath = System.getProperty("java.class.path");
        if (!added.missingFrom(classPath).isEmpty()) {
            System.exit(Launcher.runChild(restartCommand(added, classPath), System.err));
        }
        String unloadable = added.unloadableStrategy(BenchmarksEntry.class.getClassLoader());
        if (unloadable != null) {
            exitWithUsageError(unloadable);
        }
        // Looked up by name: this class must load on JDK 17, and BenchmarksMain's class file needs 25.
        Method main = Class.forName(MAIN_CLASS).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) added.otherArgs().toArray(new String[0]));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWithUsageError(String message) {
        System.err.println(PREFIX + message);
        System.exit(EXIT_USAGE);
    }

    /** This JVM again, with its JVM arguments and {@code added} on its class path, running this class. */
    static List<String> restartCommand(ClassPathOption added, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(JdkFinder.running().javaExecutable().toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(added.appendTo(classPath));
        command.add(BenchmarksEntry.class.getName());
        command.addAll(added.forwardedArgs());
        return command;
    }

    static String wrongJdkMessage(Jdk running, List<Jdk> found) {
        Optional<Jdk> suitable = JdkFinder.newest(found, JdkFinder.JIT_FEATURE);
        String instead = suitable
                .map(jdk -> "run it with " + jdk.javaExecutable() + " -jar ..., or use scripts/jmh")
                .orElse("install a JDK " + JdkFinder.JIT_FEATURE + " or use scripts/jmh, which finds one");
        return "benchmarks: benchmarks.jar needs a JDK " + JdkFinder.JIT_FEATURE + " (this java is " + running
                + "); " + instead + ".";
    }
}
