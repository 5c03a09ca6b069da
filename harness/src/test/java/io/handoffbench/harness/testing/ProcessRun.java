package io.handoffbench.harness.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command the jar's integration tests ran to its end: its exit code and what it printed. */
public record ProcessRun(int exitCode, String stdout, String stderr) {

    /** How long a command may take before the test kills it and everything it started. */
    public static final long TIMEOUT_SECONDS = 120;

    /**
     * Runs {@code command} in {@code folder} with no input, its output in {@code folder/<name>.stdout.txt} and
     * {@code .stderr.txt}: files, not pipes, so nobody has to drain them while a launcher and its children run.
     */
    public static ProcessRun run(List<String> command, Path folder, String name)
            throws IOException, InterruptedException {
        Path stdout = folder.resolve(name + ".stdout.txt");
        Path stderr = folder.resolve(name + ".stderr.txt");
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new ProcessRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
