package io.handoffbench.harness.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The git commit of the working directory, when git is installed and the directory is a checkout. */
final class GitCommit {

    private GitCommit() {
    }

    static Optional<String> find() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(false).start();
            git.getOutputStream().close();
            git.getErrorStream().close();
            if (!git.waitFor(2, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
