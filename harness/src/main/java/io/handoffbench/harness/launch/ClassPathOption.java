package io.handoffbench.harness.launch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * {@code --class-path=PATH[:PATH...]} (javac's and jshell's spelling; also {@code --class-path PATH}): jars and
 * folders added to the class path of the JVM that measures, so that a strategy they register through
 * {@code ServiceLoader} appears in {@code --strategy}, {@code --help} and {@code --strategy=all}. Repeated options
 * add up. Entries are resolved against the caller's working folder, made absolute and kept in order without
 * repeats; they go after the JVM's own class path, so they cannot shadow the harness's classes.
 *
 * <p>Found anywhere among the arguments up to a {@code --}. {@link Launcher} and the benchmarks' entry point take it
 * out, check it and start the JVM that measures with the entries on its {@code -cp}; they hand it on first,
 * as {@code --class-path=<absolute entries>}, so that the harness can record it and check the strategies it
 * registers ({@link #unloadableStrategy}), which only a JVM that can load them can do. Immutable.
 */
public final class ClassPathOption {

    /** The option's name. */
    public static final String NAME = "--class-path";
    /** Where a jar or folder lists its strategies for {@code ServiceLoader}. */
    public static final String SERVICE_FILE = "META-INF/services/io.handoffbench.strategy.HandoffStrategyFactory";

    private static final String FACTORY_INTERFACE = "io.handoffbench.strategy.HandoffStrategyFactory";
    private static final String END_OF_OPTIONS = "--";
    private static final String VALUE_FORM = "PATH[" + File.pathSeparator + "PATH...]";

    private final List<Path> entries;
    private final List<String> otherArgs;

    private ClassPathOption(List<Path> entries, List<String> otherArgs) {
        this.entries = List.copyOf(entries);
        this.otherArgs = List.copyOf(otherArgs);
    }

    /**
     * The {@code --class-path} options among {@code args}, with relative paths resolved against {@code base}, and
     * the other arguments in their order.
     *
     * @throws IllegalArgumentException when an option has no value or names no path, with a one-line reason
     */
    public static ClassPathOption extract(List<String> args, Path base) {
        Set<Path> entries = new LinkedHashSet<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.equals(END_OF_OPTIONS)) {
                others.addAll(args.subList(i, args.size()));
                break;
            } else if (arg.startsWith(NAME + "=")) {
                value = arg.substring(NAME.length() + 1);
            } else if (arg.equals(NAME)) {
                if (i + 1 == args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(NAME + " needs a value: " + VALUE_FORM);
                }
                value = args.get(++i);
            } else {
                others.add(arg);
                continue;
            }
            List<String> paths = new ArrayList<>(Arrays.asList(value.split(File.pathSeparator)));
            paths.removeIf(String::isBlank);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException(NAME + " names no path: give a jar or folder, " + VALUE_FORM);
            }
            for (String path : paths) {
                entries.add(base.resolve(path).toAbsolutePath().normalize());
            }
        }
        return new ClassPathOption(new ArrayList<>(entries), others);
    }

    /** The jars and folders to add, absolute, in order. */
    public List<Path> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The arguments without the {@code --class-path} options. */
    public List<String> otherArgs() {
        return otherArgs;
    }

    /** The arguments to hand on: {@code --class-path=<absolute entries>} first when there are any, then the rest. */
    public List<String> forwardedArgs() {
        if (entries.isEmpty()) {
            return otherArgs;
        }
        List<String> args = new ArrayList<>();
        args.add(NAME + "=" + join(entries));
        args.addAll(otherArgs);
        return args;
    }

    /** The first entry that is neither a jar nor a folder, as a one-line message; {@code null} when all are fine. */
    public String problem() {
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                continue;
            }
            if (!Files.exists(entry)) {
                return NAME + ": " + entry + " does not exist";
            }
            if (!Files.isReadable(entry)) {
                return NAME + ": " + entry + " cannot be read";
            }
            if (!isZip(entry)) {
                return NAME + ": " + entry + " is not a jar or folder";
            }
        }
        return null;
    }

    /** The entries that {@code classPath} (a {@code -cp} value) does not name yet. */
    public List<Path> missingFrom(String classPath) {
        Set<String> present = new LinkedHashSet<>(Arrays.asList(classPath.split(File.pathSeparator)));
        List<Path> missing = new ArrayList<>();
        for (Path entry : entries) {
            if (!present.contains(entry.toString())) {
                missing.add(entry);
            }
        }
        return missing;
    }

    /** {@code classPath} with the entries it does not name yet appended. */
    public String appendTo(String classPath) {
        List<Path> missing = missingFrom(classPath);
        if (missing.isEmpty()) {
            return classPath;
        }
        return classPath.isEmpty() ? join(missing) : classPath + File.pathSeparator + join(missing);
    }

    /**
     * The first strategy that an entry lists in its {@link #SERVICE_FILE} but that does not load through
     * {@code loader} or is not a strategy factory, as a one-line message naming the entry and the class;
     * {@code null} when all load. Only meaningful in a JVM that can run the harness (JDK 25): in the launcher's
     * JVM every class compiled for 25 would fail.
     */
    public String unloadableStrategy(ClassLoader loader) {
        for (Path entry : entries) {
            List<String> names;
            try {
                names = serviceNames(entry);
            } catch (IOException e) {
                return NAME + ": cannot read " + SERVICE_FILE + " in " + entry + ": " + e.getMessage();
            }
            for (String name : names) {
                String problem = loadProblem(name, loader);
                if (problem != null) {
                    return NAME + ": " + entry + " lists the strategy " + name + " in " + SERVICE_FILE + ", but "
                            + problem;
                }
            }
        }
        return null;
    }

    /**
     * One line for an error that loading the strategies threw ({@code ServiceConfigurationError} from
     * {@code ServiceLoader}, {@code IllegalStateException} from the registry): what failed, and why.
     */
    public static String strategiesProblem(Throwable error) {
        StringBuilder line = new StringBuilder("cannot load the strategies on the class path: ")
                .append(firstLine(error));
        Throwable cause = error.getCause();
        if (cause != null) {
            line.append(" (").append(cause.getClass().getName()).append(": ").append(firstLine(cause)).append(')');
        }
        return line.toString();
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).trim();
    }

    private static String loadProblem(String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return "no such class is on the class path";
        } catch (LinkageError e) {
            return "it does not load: " + e;
        }
        try {
            if (!Class.forName(FACTORY_INTERFACE, false, loader).isAssignableFrom(type)) {
                return "it does not implement " + FACTORY_INTERFACE;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // no strategies module to compare with; ServiceLoader will say what is wrong
        }
        return null;
    }

    /** The class names in {@code entry}'s service file, without comments; none when it has no such file. */
    private static List<String> serviceNames(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve(SERVICE_FILE);
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            try (InputStream in = Files.newInputStream(file)) {
                return classNames(in);
            }
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            ZipEntry file = jar.getEntry(SERVICE_FILE);
            if (file == null) {
                return List.of();
            }
            try (InputStream in = jar.getInputStream(file)) {
                return classNames(in);
            }
        }
    }

    private static List<String> classNames(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether {@code file} starts like a zip (a jar): a local file header, or the end record of an empty one. */
    private static boolean isZip(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static String join(List<Path> paths) {
        List<String> strings = new ArrayList<>();
        for (Path path : paths) {
            strings.add(path.toString());
        }
        return String.join(File.pathSeparator, strings);
    }
}
