package io.handoffbench.benchmarks.launch;

import io.handoffbench.harness.launch.Jdk;
import io.handoffbench.harness.launch.JdkFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * The jar's {@code Main-Class}, compiled for Java 17 so that {@code java -jar benchmarks.jar} on an older default
 * {@code java} says which JDK to use instead of failing with {@code UnsupportedClassVersionError}. On JDK 25 or newer
 * it hands over to {@code BenchmarksMain}, which is compiled for 25 like the benchmarks.
 */
public final class BenchmarksEntry {

    static final String MAIN_CLASS = "io.handoffbench.benchmarks.BenchmarksMain";
    static final int EXIT_NO_JDK = 3;

    private BenchmarksEntry() {
    }

    public static void main(String[] args) throws Throwable {
        int feature = Runtime.version().feature();
        if (feature < JdkFinder.JIT_FEATURE) {
            System.err.println(wrongJdkMessage(JdkFinder.running(), JdkFinder.forThisMachine().find()));
            System.exit(EXIT_NO_JDK);
        }
        // Looked up by name: this class must load on JDK 17, and BenchmarksMain's class file needs 25.
        Method main = Class.forName(MAIN_CLASS).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
