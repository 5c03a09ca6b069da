package io.handoffbench.harness.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed JDK: its home folder and the version its {@code release} file declares. Immutable.
 *
 * @param home    the JDK's home folder, as found (not resolved to its real path)
 * @param version the version from {@code JAVA_VERSION} in {@code home/release}
 */
public record Jdk(Path home, Version version) {

    public Jdk {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(version, "version");
    }

    /** The {@code java} launcher of this JDK: {@code bin/java} ({@code bin\java.exe} on Windows). */
    public Path javaExecutable() {
        return javaExecutableIn(home);
    }

    static Path javaExecutableIn(Path home) {
        Path unix = home.resolve("bin").resolve("java");
        if (File.separatorChar == '\\' && !Files.isRegularFile(unix)) {
            return home.resolve("bin").resolve("java.exe");
        }
        return unix;
    }

    /** {@code 25.0.3 at /usr/lib/jvm/temurin-25-jdk-amd64}: the form used in messages. */
    @Override
    public String toString() {
        return version + " at " + home;
    }

    /**
     * A Java version as {@code JAVA_VERSION} spells it: {@code 25.0.3}, {@code 21}, {@code 26-ea}, or the pre-9
     * {@code 1.8.0_392}. Ordered by feature, interim, update, then patch; pre-release suffixes are ignored.
     *
     * @param feature the major release (8, 17, 21, 25)
     * @param text    the string as written, for messages
     */
    public record Version(int feature, int interim, int update, int patch, String text)
            implements Comparable<Version> {

        // $FEATURE[.$INTERIM[.$UPDATE[.$PATCH[...]]]] then anything (-ea, +build); the old 1.$FEATURE.0_$UPDATE.
        private static final Pattern MODERN = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?.*");
        private static final Pattern LEGACY = Pattern.compile("1\\.(\\d+)\\.(\\d+)(?:_(\\d+))?.*");

        /**
         * Parses a {@code JAVA_VERSION} value.
         *
         * @throws IllegalArgumentException if {@code text} does not start with a version number
         */
        public static Version parse(String text) {
            String t = text.trim();
            Matcher legacy = LEGACY.matcher(t);
            if (legacy.matches()) {
                return new Version(Integer.parseInt(legacy.group(1)), 0, number(legacy.group(3)), 0, t);
            }
            Matcher modern = MODERN.matcher(t);
            if (!modern.matches()) {
                throw new IllegalArgumentException("not a Java version: '" + text + "'");
            }
            try {
                return new Version(Integer.parseInt(modern.group(1)), number(modern.group(2)),
                        number(modern.group(3)), number(modern.group(4)), t);
            } catch (NumberFormatException tooLong) {
                throw new IllegalArgumentException("not a Java version: '" + text + "'", tooLong);
            }
        }

        /** The version of the JVM running this code. */
        public static Version ofRunningJvm() {
            Runtime.Version v = Runtime.version();
            return new Version(v.feature(), v.interim(), v.update(), v.patch(),
                    v.feature() + "." + v.interim() + "." + v.update());
        }

        private static int number(String digits) {
            return digits == null ? 0 : Integer.parseInt(digits);
        }

        @Override
        public int compareTo(Version other) {
            int c = Integer.compare(feature, other.feature);
            if (c == 0) {
                c = Integer.compare(interim, other.interim);
            }
            if (c == 0) {
                c = Integer.compare(update, other.update);
            }
            if (c == 0) {
                c = Integer.compare(patch, other.patch);
            }
            return c;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
