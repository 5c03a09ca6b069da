package io.handoffbench.harness.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds installed JDKs and their versions. A JDK is a folder with {@code bin/java} and a {@code release} file whose
 * {@code JAVA_VERSION} parses; anything else is skipped without a word.
 *
 * <p>Two kinds of search roots, both injectable so tests can point at temporary folders:
 * <ul>
 *   <li>homes: folders that may themselves be a JDK ({@code java.home}, {@code $JAVA_HOME});</li>
 *   <li>parents: folders whose children may be JDKs ({@code /usr/lib/jvm}, SDKMAN's candidates, ...). A child
 *       {@code X} is also tried as {@code X/Contents/Home}, the macOS bundle layout.</li>
 * </ul>
 * Results keep the search order, homes first, with duplicates (the same real path reached through a symlink such
 * as {@code java-1.17.0-openjdk-amd64} or SDKMAN's {@code current}) removed.
 *
 * <p>Immutable; {@link #find()} reads the file system each time it is called. Safe to share between threads.
 */
public final class JdkFinder {

    /** The first feature release that runs GraalJS JIT-compiled (JVMCI with the Graal compiler jars). */
    public static final int JIT_FEATURE = 25;
    /** The oldest feature release GraalJS 25 runs on at all, in the interpreter. */
    public static final int MIN_FEATURE = 21;

    private final List<Path> homes;
    private final List<Path> parents;

    /**
     * @param homes   folders tried as JDK homes, in order
     * @param parents folders whose children are tried as JDK homes, in order (children sorted by name)
     */
    public JdkFinder(List<Path> homes, List<Path> parents) {
        this.homes = List.copyOf(homes);
        this.parents = List.copyOf(parents);
    }

    /**
     * The usual places, in order: the running JVM ({@code java.home}), {@code $JAVA_HOME}, then the children of
     * {@code /usr/lib/jvm}, {@code /usr/java}, {@code /opt/java}, {@code /opt}, {@code ~/.sdkman/candidates/java},
     * {@code ~/.jdks} and {@code /Library/Java/JavaVirtualMachines} (as {@code &#42;/Contents/Home}).
     */
    public static JdkFinder forThisMachine() {
        List<Path> homes = new ArrayList<>();
        addIfSet(homes, System.getProperty("java.home"));
        addIfSet(homes, System.getenv("JAVA_HOME"));
        List<Path> parents = new ArrayList<>(List.of(
                Paths.get("/usr/lib/jvm"), Paths.get("/usr/java"), Paths.get("/opt/java"), Paths.get("/opt")));
        String userHome = System.getProperty("user.home");
        if (userHome != null && !userHome.isEmpty()) {
            parents.add(Paths.get(userHome, ".sdkman", "candidates", "java"));
            parents.add(Paths.get(userHome, ".jdks"));
        }
        parents.add(Paths.get("/Library/Java/JavaVirtualMachines"));
        return new JdkFinder(homes, parents);
    }

    private static void addIfSet(List<Path> homes, String path) {
        if (path != null && !path.isBlank()) {
            homes.add(Paths.get(path));
        }
    }

    /** Every JDK under the search roots, in search order, each real path once. */
    public List<Jdk> find() {
        List<Jdk> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path home : homes) {
            addIfJdk(home, found, seen);
        }
        for (Path parent : parents) {
            for (Path child : sortedChildren(parent)) {
                addIfJdk(child, found, seen);
                addIfJdk(child.resolve("Contents").resolve("Home"), found, seen);
            }
        }
        return found;
    }

    private static void addIfJdk(Path home, List<Jdk> found, Set<Path> seen) {
        Optional<Jdk> jdk = read(home);
        if (jdk.isPresent() && seen.add(realPath(home))) {
            found.add(jdk.get());
        }
    }

    /** {@code jdks} with each real home path once, first occurrence kept, order unchanged. */
    public static List<Jdk> distinct(List<Jdk> jdks) {
        List<Jdk> unique = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Jdk jdk : jdks) {
            if (seen.add(realPath(jdk.home()))) {
                unique.add(jdk);
            }
        }
        return unique;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static List<Path> sortedChildren(Path parent) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            for (Path child : stream) {
                if (Files.isDirectory(child)) {
                    children.add(child);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException unreadable) {
            // An unreadable folder holds no JDK we could run.
        }
        children.sort(null);
        return children;
    }

    /**
     * The JDK at {@code home}, if it has {@code bin/java} and a {@code release} file with a parsable
     * {@code JAVA_VERSION}.
     */
    public static Optional<Jdk> read(Path home) {
        try {
            if (!Files.isRegularFile(Jdk.javaExecutableIn(home))) {
                return Optional.empty();
            }
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return Optional.empty();
            }
            // ISO-8859-1 maps every byte, so a corrupt file cannot throw MalformedInputException.
            List<String> lines = Files.readAllLines(release, StandardCharsets.ISO_8859_1);
            return javaVersion(lines).map(version -> new Jdk(home, version));
        } catch (IOException | SecurityException | IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }

    /** The value of {@code JAVA_VERSION="..."} in the lines of a {@code release} file, parsed. */
    static Optional<Jdk.Version> javaVersion(List<String> releaseLines) {
        for (String line : releaseLines) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("JAVA_VERSION=")) {
                continue;
            }
            String value = trimmed.substring("JAVA_VERSION=".length()).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            try {
                return Optional.of(Jdk.Version.parse(value));
            } catch (IllegalArgumentException broken) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The running JVM as a {@link Jdk}: from its {@code release} file when it has one, else from
     * {@link Runtime#version()} (a runtime image without {@code release} still runs).
     */
    public static Jdk running() {
        Path home = Paths.get(System.getProperty("java.home"));
        return read(home).orElseGet(() -> new Jdk(home, Jdk.Version.ofRunningJvm()));
    }

    /**
     * The JDK to measure with: {@code running} if it is a {@value #JIT_FEATURE} or newer; else the newest of
     * {@code found} that is; else the newest of {@code found} that is at least {@code minimumFeature}; else none.
     * Among equal versions the first found wins, so {@code $JAVA_HOME} beats an identical copy elsewhere.
     *
     * @param minimumFeature the oldest feature release acceptable without JIT, usually {@value #MIN_FEATURE}
     */
    public static Optional<Jdk> choose(Jdk running, List<Jdk> found, int minimumFeature) {
        if (running != null && running.version().feature() >= JIT_FEATURE) {
            return Optional.of(running);
        }
        Optional<Jdk> jit = newest(found, JIT_FEATURE);
        return jit.isPresent() ? jit : newest(found, minimumFeature);
    }

    /** The newest of {@code jdks} whose feature release is at least {@code minimumFeature}; first on ties. */
    public static Optional<Jdk> newest(List<Jdk> jdks, int minimumFeature) {
        Jdk best = null;
        for (Jdk jdk : jdks) {
            if (jdk.version().feature() >= minimumFeature
                    && (best == null || jdk.version().compareTo(best.version()) > 0)) {
                best = jdk;
            }
        }
        return Optional.ofNullable(best);
    }
}
