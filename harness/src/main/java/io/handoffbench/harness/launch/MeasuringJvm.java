package io.handoffbench.harness.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of the JVM that measures: which {@code java}, which flags, which class path. Immutable; safe to
 * share between threads. Used by {@link Launcher} for the one child it starts, and meant for code compiled for 25
 * (a sweep runner forking one JVM per benchmark cell) so that every measuring JVM gets the same flags.
 *
 * <pre>{@code
 * MeasuringJvm jvm = MeasuringJvm.forJar(harnessJar, jdk);
 * Process p = new ProcessBuilder(jvm.command(List.of("run", "--strategy", "mpsc"))).inheritIO().start();
 * }</pre>
 *
 * <p>The command, in order (see {@code shared/MEASURED.md} for the figures behind each flag):
 * <ol>
 *   <li>{@code <jdk>/bin/java}</li>
 *   <li>{@code -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<compiler.jar>:<collections.jar>:<word.jar>:<truffle-compiler.jar>},
 *       only on JDK 25 or newer and only when all four jars are in the JVMCI folder. Without them a stock JDK runs
 *       Truffle's "fallback runtime": GraalJS interpreted, far slower, which would measure the interpreter instead of
 *       the handoff. The compiler jars go on the upgrade module path, never the class path, because they replace the
 *       JDK's own {@code jdk.graal.compiler} module for JVMCI. They must not be newer than the JDK's update
 *       version: Temurin 25.0.3 refuses 25.0.4 ("minimum JVMCI API version").</li>
 *   <li>{@code --enable-native-access=ALL-UNNAMED}: Truffle, loaded from the class path, uses native access;
 *       the flag silences the JVM's warning about it on every start. (The jar's manifest says the same with
 *       {@code Enable-Native-Access}, but that entry only counts for {@code java -jar}.)</li>
 *   <li>{@code --sun-misc-unsafe-memory-access=allow}, only on JDK 23 or newer (older JVMs refuse the unknown
 *       option and do not start): Truffle uses the memory-access methods of {@code sun.misc.Unsafe}, which
 *       newer JDKs warn about.</li>
 *   <li>{@code -Djdk.virtualThreadScheduler.parallelism=<cores - 1>} ({@link ClientCarriers}): the clients'
 *       virtual threads on every core but one, which the worker keeps; the extra arguments may set another value,
 *       and {@code --carriers} ({@link #withCarriers}), placed after them, overrides both.</li>
 *   <li>extra arguments, by default {@value #EXTRA_JVM_ARGS_ENV} split on white space (heap size, GC, JFR ...).
 *       They come after the harness's own flags, so for {@code -XX} options the user's value wins.</li>
 *   <li>{@code -D}{@value #MARKER_PROPERTY}{@code =true}: tells the harness it runs in a JVM built here, with the
 *       flags above, and not in a JVM someone started by hand.</li>
 *   <li>{@code -cp <class path>}: the harness jar, whose manifest {@code Class-Path: lib/...} brings the
 *       dependencies.
 *       <ul><li>then the jars and folders of {@code --class-path} ({@link #withAddedClassPath}), where
 *           {@code ServiceLoader} finds the strategies they add; after the harness's own, so none shadows it.</li></ul>
 *       </li>
 *   <li>the main class, then the caller's arguments unchanged.</li>
 * </ol>
 */
public final class MeasuringJvm {

    /** The harness's command-line entry point, run in the measuring JVM. */
    public static final String MAIN_CLASS = "io.handoffbench.harness.cli.HarnessMain";
    /** Environment variable with extra JVM arguments for the measuring JVM, separated by white space. */
    public static final String EXTRA_JVM_ARGS_ENV = "HANDOFF_BENCH_JVM_ARGS";
    /** System property set to {@code true} in every measuring JVM. */
    public static final String MARKER_PROPERTY = "handoffbench.measuring-jvm";
    /** The folder next to the harness jar that holds the Graal compiler jars. */
    public static final String JVMCI_FOLDER = "jvmci";
    /** The Graal compiler jars, in upgrade-module-path order. */
    public static final List<String> JVMCI_JARS =
            List.of("compiler.jar", "collections.jar", "word.jar", "truffle-compiler.jar");
    /** The first feature release that knows {@code --sun-misc-unsafe-memory-access}. */
    static final int UNSAFE_MEMORY_ACCESS_FEATURE = 23;

    private final Jdk jdk;
    private final String classPath;
    private final Path jvmciFolder;
    private final List<String> extraJvmArgs;
    /** {@code --carriers}'s value, or 0 for the default ({@link ClientCarriers#auto}; extra arguments may set one). */
    private final int chosenCarriers;

    private MeasuringJvm(Jdk jdk, String classPath, Path jvmciFolder, List<String> extraJvmArgs, int chosenCarriers) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.jvmciFolder = Objects.requireNonNull(jvmciFolder, "jvmciFolder");
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.chosenCarriers = chosenCarriers;
    }

    /**
     * The measuring JVM for the built jar: class path {@code harnessJar}, JVMCI jars from {@code jvmci/} next to
     * it, extra arguments from {@value #EXTRA_JVM_ARGS_ENV}.
     */
    public static MeasuringJvm forJar(Path harnessJar, Jdk jdk) {
        return forClassPath(harnessJar.toString(), jvmciFolderNextTo(harnessJar), jdk);
    }

    /**
     * The measuring JVM for any class path, for example {@code target/classes} plus the dependencies in tests;
     * extra arguments from {@value #EXTRA_JVM_ARGS_ENV}.
     *
     * @param classPath   the {@code -cp} value, entries separated by {@link File#pathSeparator}
     * @param jvmciFolder where the four {@link #JVMCI_JARS} are; JIT is off when any is missing
     */
    public static MeasuringJvm forClassPath(String classPath, Path jvmciFolder, Jdk jdk) {
        return new MeasuringJvm(jdk, classPath, jvmciFolder, splitJvmArgs(System.getenv(EXTRA_JVM_ARGS_ENV)), 0);
    }

    /** {@code jvmci/} in the folder that holds {@code codeSource} (the jar, or {@code target/classes}). */
    public static Path jvmciFolderNextTo(Path codeSource) {
        Path parent = codeSource.toAbsolutePath().getParent();
        return parent == null ? Path.of(JVMCI_FOLDER) : parent.resolve(JVMCI_FOLDER);
    }

    /** A copy with {@code args} as the extra JVM arguments instead of those from the environment. */
    public MeasuringJvm withExtraJvmArgs(List<String> args) {
        return new MeasuringJvm(jdk, classPath, jvmciFolder, args, chosenCarriers);
    }

    /**
     * A copy whose clients' virtual threads run on {@code carriers} carrier threads ({@code --carriers}), whatever
     * the extra arguments say.
     */
    public MeasuringJvm withCarriers(int carriers) {
        if (carriers < 1) {
            throw new IllegalArgumentException("carriers must be at least 1, got " + carriers);
        }
        return new MeasuringJvm(jdk, classPath, jvmciFolder, extraJvmArgs, carriers);
    }

    /**
     * The carriers the command gives the clients' virtual threads: {@code --carriers}'s, else the last
     * {@value ClientCarriers#PROPERTY} among the extra arguments, else {@link ClientCarriers#auto} for this machine.
     */
    public int carriers() {
        if (chosenCarriers > 0) {
            return chosenCarriers;
        }
        String prefix = "-D" + ClientCarriers.PROPERTY + "=";
        int carriers = ClientCarriers.auto();
        for (String arg : extraJvmArgs) {
            if (arg.startsWith(prefix)) {
                carriers = ClientCarriers.parse(arg.substring(prefix.length()), carriers);
            }
        }
        return carriers;
    }

    /**
     * A copy whose class path ends with {@code added}'s entries that it does not name yet: strategy jars from
     * {@code --class-path}, after the harness's own classes so that they cannot shadow them.
     */
    public MeasuringJvm withAddedClassPath(ClassPathOption added) {
        return new MeasuringJvm(jdk, added.appendTo(classPath), jvmciFolder, extraJvmArgs, chosenCarriers);
    }

    /** {@code value} split on white space, empty pieces dropped; empty for {@code null}. No quoting. */
    public static List<String> splitJvmArgs(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s+"));
    }

    public Jdk jdk() {
        return jdk;
    }

    public String classPath() {
        return classPath;
    }

    public Path jvmciFolder() {
        return jvmciFolder;
    }

    public List<String> extraJvmArgs() {
        return extraJvmArgs;
    }

    /** The four compiler jars in upgrade-module-path order, whether they exist or not. */
    public List<Path> jvmciJars() {
        List<Path> jars = new ArrayList<>(JVMCI_JARS.size());
        for (String name : JVMCI_JARS) {
            jars.add(jvmciFolder.resolve(name));
        }
        return jars;
    }

    /** Whether the command turns the Graal compiler on: JDK 25 or newer and all four jars present. */
    public boolean jitEnabled() {
        if (jdk.version().feature() < JdkFinder.JIT_FEATURE) {
            return false;
        }
        for (Path jar : jvmciJars()) {
            if (!Files.isRegularFile(jar)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JVM flags alone: everything between {@code java} and {@code -cp}, extra arguments and the marker
     * property included. For a forked JVM that needs another class path or main class.
     */
    public List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        if (jitEnabled()) {
            flags.add("-XX:+UnlockExperimentalVMOptions");
            flags.add("-XX:+EnableJVMCI");
            List<String> jars = new ArrayList<>();
            for (Path jar : jvmciJars()) {
                jars.add(jar.toString());
            }
            flags.add("--upgrade-module-path=" + String.join(File.pathSeparator, jars));
        }
        flags.add("--enable-native-access=ALL-UNNAMED");
        if (jdk.version().feature() >= UNSAFE_MEMORY_ACCESS_FEATURE) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (chosenCarriers == 0) { // before the extra arguments, which may set their own
            flags.add(ClientCarriers.flag(ClientCarriers.auto()));
        }
        flags.addAll(extraJvmArgs);
        if (chosenCarriers > 0) { // after them: the later of two -D flags wins
            flags.add(ClientCarriers.flag(chosenCarriers));
        }
        flags.add("-D" + MARKER_PROPERTY + "=true");
        return flags;
    }

    /** The full command running {@link #MAIN_CLASS} with {@code args}. */
    public List<String> command(List<String> args) {
        return command(MAIN_CLASS, args);
    }

    /** The full command running {@code mainClass} with {@code args}, which come last and unchanged. */
    public List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(jdk.javaExecutable().toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
