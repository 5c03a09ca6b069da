package io.handoffbench.harness.worker;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The versions of the GraalVM jars this JVM runs, read from the jars themselves (their manifests'
 * {@code Implementation-Version}, or {@code META-INF/graalvm/<module>/version}): outside a GraalVM distribution
 * {@code Engine.getVersion()} says only "Development Build", and the compiler is a separate jar of its own version.
 */
public final class GraalVersions {

    /** What a component's version is recorded as when its jar is not in this JVM. */
    public static final String ABSENT = "absent";
    /** What it is recorded as when its jar is there but carries no version. */
    public static final String UNKNOWN = "unknown";

    /** Components on the class path, each found by a class it holds. */
    private static final Map<String, String> CLASS_PATH_COMPONENTS = orderedMap(
            "polyglot", "org/graalvm/polyglot/Engine.class",
            "truffle-api", "com/oracle/truffle/api/Truffle.class",
            "truffle-runtime", "com/oracle/truffle/runtime/OptimizedTruffleRuntime.class",
            "js", "com/oracle/truffle/js/lang/JavaScriptLanguage.class");
    /** Components the measuring JVM puts on the upgrade module path (launch.MeasuringJvm), by module name. */
    private static final Map<String, String> UPGRADE_MODULES = orderedMap(
            "compiler", "jdk.graal.compiler",
            "truffle-compiler", "org.graalvm.truffle.compiler");

    private GraalVersions() {
    }

    /** Component name to version, in a fixed order; {@value #ABSENT} for a jar this JVM does not have. */
    public static Map<String, String> read() {
        Map<String, String> versions = new LinkedHashMap<>();
        ClassLoader loader = GraalVersions.class.getClassLoader();
        CLASS_PATH_COMPONENTS.forEach((component, classFile) -> versions.put(component,
                Optional.ofNullable(loader.getResource(classFile)).map(GraalVersions::ofJarHolding).orElse(ABSENT)));
        UPGRADE_MODULES.forEach((component, module) -> versions.put(component, ofModule(module)));
        return versions;
    }

    private static String ofJarHolding(URL resource) {
        try {
            if (resource.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    return ofManifest(file.getManifest()).orElse(UNKNOWN);
                }
            }
            return UNKNOWN; // a folder of classes: no jar, no version
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** A module of the boot layer: its jar's manifest, its version resource, or its descriptor's version. */
    private static String ofModule(String name) {
        Optional<ResolvedModule> module = ModuleLayer.boot().configuration().findModule(name);
        if (module.isEmpty()) {
            return ABSENT;
        }
        ModuleReference reference = module.get().reference();
        Optional<URI> location = reference.location();
        if (location.isPresent() && "file".equals(location.get().getScheme())) {
            try (JarFile jar = new JarFile(location.get().getPath())) {
                Optional<String> version = ofManifest(jar.getManifest());
                if (version.isEmpty() && jar.getEntry("META-INF/graalvm/" + name + "/version") != null) {
                    try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/graalvm/" + name + "/version"))) {
                        version = Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                    }
                }
                if (version.isPresent()) {
                    return version.get();
                }
            } catch (IOException e) {
                // fall back on the descriptor
            }
        }
        return reference.descriptor().rawVersion().orElse(UNKNOWN);
    }

    private static Optional<String> ofManifest(Manifest manifest) {
        return Optional.ofNullable(manifest).map(Manifest::getMainAttributes)
                .map(attributes -> attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                .filter(version -> !version.isBlank());
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
