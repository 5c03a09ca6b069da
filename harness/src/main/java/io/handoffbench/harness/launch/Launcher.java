package io.handoffbench.harness.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The jar's {@code Main-Class}: {@code java -jar harness.jar ARGS} with whatever {@code java} is on the path.
 * Finds a suitable JDK, starts the measuring JVM ({@link MeasuringJvm}) as a child sharing this process's
 * stdin, stdout and stderr, waits for it and exits with its exit code.
 *
 * <p>Which JDK: the running one if it is a 25 or newer, else the newest 25+ found by {@link JdkFinder}, else the
 * newest 21+ (GraalJS interpreted; one warning line), else none: one line on stderr and exit
 * {@value #EXIT_NO_JDK}. The oldest acceptable JDK is raised to what the harness's own classes were compiled for,
 * read from {@code HarnessMain.class}, so a JDK that could only fail with {@code UnsupportedClassVersionError} in
 * the child is never picked.
 *
 * <p>{@code --class-path=PATH[:PATH...]} ({@link ClassPathOption}) adds strategy jars: they are checked here (a path
 * that does not exist or is neither a jar nor a folder is exit {@value #EXIT_USAGE}, one line, nothing started),
 * appended to the child's {@code -cp}, where its {@code ServiceLoader} and every forked cell find them, and handed
 * on first as {@code --class-path=<absolute paths>} for the harness to check and record.
 *
 * <p>Threads: the main thread starts the child and waits for it. A shutdown hook (this JVM got SIGINT or SIGTERM,
 * or the main thread called {@code System.exit}) stops a child that is still alive and waits for it, so the
 * launcher never leaves an orphan measuring JVM behind.
 */
public final class Launcher {

    /** A bad {@code --class-path}; nothing was started. */
    public static final int EXIT_USAGE = 2;
    /** No usable JDK, or the child could not be started. */
    public static final int EXIT_NO_JDK = 3;
    /** How long the shutdown hook lets the child shut down after {@link Process#destroy()} (SIGTERM). */
    static final long GRACEFUL_STOP_SECONDS = 15;

    private static final String PREFIX = "handoff-bench: ";

    // Guards child and stopping: the main thread and the shutdown hook must agree on whether a child may still be
    // started, else a signal between the hook's check and ProcessBuilder.start() would leave an orphan.
    private static final Object LOCK = new Object();
    private static Process child;      // guarded by LOCK
    private static boolean stopping;   // guarded by LOCK

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        ClassPathOption added;
        try {
            added = ClassPathOption.extract(Arrays.asList(args), Paths.get("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println(PREFIX + e.getMessage());
            return EXIT_USAGE;
        }
        String classPathProblem = added.problem();
        if (classPathProblem != null) {
            err.println(PREFIX + classPathProblem);
            return EXIT_USAGE;
        }
        Path codeSource;
        try {
            codeSource = ownCodeSource();
        } catch (IllegalStateException e) {
            err.println(PREFIX + e.getMessage());
            return EXIT_NO_JDK;
        }

        int minimumFeature = Math.max(JdkFinder.MIN_FEATURE, harnessClassFeature().orElse(JdkFinder.MIN_FEATURE));
        Jdk running = JdkFinder.running();
        List<Jdk> found = new ArrayList<>();
        found.add(running); // also when its java.home has no release file, so the message can name it
        found.addAll(JdkFinder.forThisMachine().find());
        found = JdkFinder.distinct(found);
        Optional<Jdk> chosen = JdkFinder.choose(running, found, minimumFeature);
        if (chosen.isEmpty()) {
            err.println(PREFIX + noJdkMessage(minimumFeature, found));
            return EXIT_NO_JDK;
        }
        Jdk jdk = chosen.get();
        if (jdk.version().feature() < JdkFinder.JIT_FEATURE) {
            err.println(PREFIX + "using JDK " + jdk + "; GraalJS will run in the interpreter (JIT needs a JDK "
                    + JdkFinder.JIT_FEATURE + ") and the harness will refuse to measure without --allow-interpreter.");
        }

        MeasuringJvm jvm = Files.isRegularFile(codeSource)
                ? MeasuringJvm.forJar(codeSource, jdk)
                // Started from classes, not a jar (an IDE): reuse this JVM's class path; jvmci/ sits next to classes/.
                : MeasuringJvm.forClassPath(System.getProperty("java.class.path"),
                        MeasuringJvm.jvmciFolderNextTo(codeSource), jdk);
        return runChild(jvm.withAddedClassPath(added).command(added.forwardedArgs()), err);
    }

    /**
     * Runs {@code command} as a child sharing this process's stdin, stdout and stderr, and returns its exit code
     * ({@value #EXIT_NO_JDK} when it cannot start). A shutdown hook stops the child if this JVM is stopped first.
     * Once per JVM: also for the benchmarks' entry point, which restarts itself with a longer class path.
     */
    public static int runChild(List<String> command, PrintStream err) {
        Thread hook = new Thread(Launcher::stopChild, "handoff-bench-stop-child");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            return EXIT_NO_JDK;
        }
        Process started;
        // The hook blocks on LOCK while start() runs; it then sees the child and stops it.
        synchronized (LOCK) {
            if (stopping) {
                return EXIT_NO_JDK; // a signal arrived before the child existed: start nothing
            }
            try {
                child = new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                err.println(PREFIX + "cannot start " + command.get(0) + ": " + e.getMessage());
                return EXIT_NO_JDK;
            }
            started = child;
        }
        while (true) {
            try {
                return started.waitFor();
            } catch (InterruptedException ignored) {
                // Nobody interrupts the main thread on purpose; the child alone decides when we are done.
            }
        }
    }

    /**
     * The shutdown hook, on its own thread. After a normal end the main thread is in {@code System.exit} and the
     * child is gone: nothing to do. After SIGINT/SIGTERM the main thread is still in {@code waitFor()}; once the
     * child ends it calls {@code System.exit}, which blocks because shutdown is already under way, and the JVM
     * exits with the signal's status (130, 143) when this hook returns. On Ctrl-C the terminal has sent SIGINT to
     * the child too (same process group); {@code destroy()} then only repeats the request.
     */
    private static void stopChild() {
        Process p;
        synchronized (LOCK) {
            stopping = true;
            p = child;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: the harness's own shutdown hooks run (partial results, temp files)
        boolean interrupted = false;
        try {
            if (!p.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
                System.err.println(PREFIX + "the measuring JVM did not stop within " + GRACEFUL_STOP_SECONDS
                        + " s; killing it.");
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            p.destroyForcibly();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The jar (or classes folder) Launcher.class was loaded from. */
    static Path ownCodeSource() {
        CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell which jar the launcher was loaded from.");
        }
        try {
            return Paths.get(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot locate the launcher's jar from " + source.getLocation() + ".", e);
        }
    }

    /**
     * The feature release {@link MeasuringJvm#MAIN_CLASS} was compiled for, from its class-file major version
     * (69 is Java 25); empty if the class cannot be read.
     */
    static Optional<Integer> harnessClassFeature() {
        String resource = MeasuringJvm.MAIN_CLASS.replace('.', '/') + ".class";
        ClassLoader loader = Launcher.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] header = in.readNBytes(8);
            if (header.length < 8 || (header[0] & 0xff) != 0xCA || (header[1] & 0xff) != 0xFE) {
                return Optional.empty();
            }
            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            return Optional.of(major - 44);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String noJdkMessage(int minimumFeature, List<Jdk> found) {
        String needs = minimumFeature < JdkFinder.JIT_FEATURE
                ? "needs a JDK " + minimumFeature + " or newer (" + JdkFinder.JIT_FEATURE + " for JIT-compiled GraalJS)"
                : "needs a JDK " + minimumFeature + " or newer";
        StringBuilder seen = new StringBuilder();
        for (Jdk jdk : found) {
            seen.append(seen.length() == 0 ? "" : ", ").append(jdk);
        }
        return needs + "; found: " + (seen.length() == 0 ? "none" : seen) + ". Install a JDK "
                + JdkFinder.JIT_FEATURE + " or set JAVA_HOME to one.";
    }
}
