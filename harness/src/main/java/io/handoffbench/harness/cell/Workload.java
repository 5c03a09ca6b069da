package io.handoffbench.harness.cell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A JavaScript workload: the script the worker loads, and how a client checks a reply.
 *
 * <p>The script contract, for the built-ins and a user's own file alike:
 * <ul>
 *   <li>It is evaluated once, on the worker thread, before any request; top-level code builds the state.</li>
 *   <li>It defines a top-level {@code function reduce(request)}. {@code request} is a JSON text,
 *       {@code {"client":3,"seq":17,"from":12,"to":40021,"amount":57}}: the sending client, its request number,
 *       two account ids in [0, 100000) drawn from a Zipf distribution ({@code --alpha}) and an amount in [1, 100].
 *       It returns a string or a number, which becomes the reply. A thrown error becomes an error reply; the
 *       worker goes on.</li>
 *   <li>It may define {@code function summary()}, called once after the run, returning a JSON text recorded in
 *       {@code run.json}. If that JSON has a numeric {@code requests} field, it must equal the number of requests
 *       the worker executed, or the run fails: the script's own count proves nothing was lost or run twice.</li>
 *   <li>It runs sandboxed: no host classes, no files, no network, no environment, no threads, no processes.</li>
 * </ul>
 *
 * @param name   the id shown in results: {@code transfer}, {@code noop}, or the file name
 * @param origin where it came from: {@code builtin:transfer} or the file's absolute path
 * @param script the source text
 * @param replyCheck how a client checks a reply, or {@link ReplyCheck#ANY}
 */
public record Workload(String name, String origin, String script, ReplyCheck replyCheck) {

    /** How a client checks the reply to its request. Called on client threads; must be thread-safe. */
    @FunctionalInterface
    public interface ReplyCheck {
        ReplyCheck ANY = (request, reply) -> true;

        boolean accepts(String request, String reply);
    }

    public Optional<Path> file() {
        return origin.startsWith("builtin:") ? Optional.empty() : Optional.of(Path.of(origin));
    }

    /** SHA-256 of the script, so that a result names exactly the code it measured. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
