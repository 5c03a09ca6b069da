package io.handoffbench.harness.testing;

import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A strategy jar as a user would build one, made at test time and on no class path of the tests: a factory for
 * {@value #ID}, compiled here against the strategies module, and its {@code META-INF/services} entry. The strategy
 * is the built-in {@code linked} one under another id, so that a run measures something known.
 */
public final class AddedStrategyJar {

    /** The id the jar registers. */
    public static final String ID = "test-added";

    private static final String CLASS_NAME = "com.example.added.AddedHandoffFactory";
    private static final String SOURCE = """
            package com.example.added;

            import io.handoffbench.strategy.HandoffStrategy;
            import io.handoffbench.strategy.HandoffStrategyFactory;
            import io.handoffbench.strategy.LinkedBlockingQueueHandoff;
            import io.handoffbench.strategy.idle.IdlePolicy;

            public final class AddedHandoffFactory implements HandoffStrategyFactory {
                @Override
                public String id() {
                    return "%s";
                }

                @Override
                public String description() {
                    return "test only: the linked strategy, from a jar added with --class-path";
                }

                @Override
                public <T> HandoffStrategy<T> create(IdlePolicy idle) {
                    return new LinkedBlockingQueueHandoff.Factory().create(idle);
                }
            }
            """.formatted(ID);

    private AddedStrategyJar() {
    }

    /** The class a {@link #broken} jar lists but lacks. */
    public static final String MISSING_CLASS = "com.example.Missing";

    /** Writes {@code jar}: a service file that lists {@value #MISSING_CLASS}, and no class. */
    public static Path broken(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(ClassPathOption.SERVICE_FILE));
            out.write((MISSING_CLASS + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    /** Compiles the strategy in {@code workDir} and writes {@code workDir/added.jar}; returns the jar. */
    public static Path build(Path workDir) throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(workDir.resolve("added-src/com/example/added"));
        Path classes = Files.createDirectories(workDir.resolve("added-classes"));
        Path source = Files.writeString(sources.resolve("AddedHandoffFactory.java"), SOURCE);
        Path strategies = Path.of(HandoffStrategyFactory.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", strategies.toString(),
                source.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed with " + status + " on " + source);
        }
        Path jar = workDir.resolve("added.jar");
        String classFile = CLASS_NAME.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : List.of(classFile, ClassPathOption.SERVICE_FILE)) {
                out.putNextEntry(new JarEntry(name));
                out.write(name.equals(classFile) ? Files.readAllBytes(classes.resolve(classFile))
                        : (CLASS_NAME + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
