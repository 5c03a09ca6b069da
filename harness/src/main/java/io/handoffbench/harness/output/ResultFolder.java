package io.handoffbench.harness.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The folder one run writes into. Every file is written whole to a {@code .partial} sibling and then renamed into
 * place, so a reader never sees half a file; {@code run.json}'s {@code status} says whether the run completed.
 */
public final class ResultFolder {

    /** Writes a file's content; may throw, in which case the file does not appear. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private final Path dir;

    private ResultFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Checks, without creating anything, that {@code dir} can become a result folder: it does not exist yet (or is
     * an empty folder) and its nearest existing ancestor is a writable folder.
     *
     * @return a one-line problem, or null when it can be used
     */
    public static String problemWith(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                return "--out " + dir + " is a file, not a folder";
            }
            try (Stream<Path> entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    return "--out " + dir + " already holds files; choose a new folder so results never mix";
                }
            } catch (IOException e) {
                return "--out " + dir + " cannot be read: " + e.getMessage();
            }
            return Files.isWritable(absolute) ? null : "--out " + dir + " is not writable";
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            return "--out " + dir + " cannot be created: " + ancestor + " is not a folder";
        }
        if (!Files.isWritable(ancestor)) {
            return "--out " + dir + " cannot be created: " + ancestor + " is not writable";
        }
        return null;
    }

    /** Creates the folder; call {@link #problemWith} first for a friendly message. */
    public static ResultFolder create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        return new ResultFolder(absolute);
    }

    /** A folder that exists already: the sweep's, as a forked cell sees it. */
    public static ResultFolder existing(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IOException(dir + " is not a folder");
        }
        return new ResultFolder(absolute);
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Writes {@code name} whole, then renames it into place, replacing an older version. */
    public void writeAtomically(String name, Content content) throws IOException {
        writeThenRename(name, partial -> {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
        });
    }

    /** Writes the binary file {@code name} (a PNG) whole, then renames it into place, replacing an older version. */
    public void writeAtomically(String name, byte[] content) throws IOException {
        writeThenRename(name, partial -> Files.write(partial, content));
    }

    private interface PartialWriter {
        void write(Path partial) throws IOException;
    }

    private void writeThenRename(String name, PartialWriter writer) throws IOException {
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        try {
            writer.write(partial);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
