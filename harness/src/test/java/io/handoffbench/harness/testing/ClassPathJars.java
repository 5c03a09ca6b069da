package io.handoffbench.harness.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions in the names of the jar files on this JVM's class path, as Maven puts them there. */
public final class ClassPathJars {

    private ClassPathJars() {
    }

    /** {@code 25.0.5} from {@code .../polyglot-25.0.5.jar}; fails the test when no such jar is on the class path. */
    public static String version(String artifact) {
        Pattern jar = Pattern.compile("(^|/)" + Pattern.quote(artifact) + "-(\\d[^/]*)\\.jar$");
        Optional<String> version = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> jar.matcher(entry.replace(File.separatorChar, '/')))
                .filter(Matcher::find).map(match -> match.group(2)).findFirst();
        assertThat(version).as(artifact + "-VERSION.jar on the class path").isPresent();
        return version.get();
    }
}
