package io.handoffbench.harness.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result folders committed under the repository's {@code results/}, written by older harnesses: proof that
 * today's readers still load them.
 */
public final class CommittedResults {

    private CommittedResults() {
    }

    /** The repository's {@code results/} folder, found upwards from the working directory (the module's). */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("results/reference-sweep/summary.csv"))) {
                return dir.resolve("results");
            }
        }
        throw new AssertionError("no results/reference-sweep above " + Path.of("").toAbsolutePath());
    }

    /** Every committed sweep folder: those whose {@code summary.csv} has trial and aggregate rows. */
    public static List<Path> sweepFolders() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(file -> file.getFileName().toString().equals("summary.csv"))
                    .filter(CommittedResults::isSweepSummary)
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        }
    }

    /** Copies {@code name}'s summary.csv, run.json and the named interval logs into {@code dir}, and returns it. */
    public static Path copy(String name, Path dir, String... hlogs) throws IOException {
        Path from = root().resolve(name);
        Files.createDirectories(dir);
        for (String file : Stream.concat(Stream.of("summary.csv", "run.json"), Stream.of(hlogs)).toList()) {
            Files.copy(from.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static boolean isSweepSummary(Path csv) {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.findFirst().orElse("").startsWith("row,");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
