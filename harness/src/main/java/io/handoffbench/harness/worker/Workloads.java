package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Finds a workload by built-in name or file path. */
public final class Workloads {

    public static final String TRANSFER = "transfer";
    /** transfer plus a database reducer's bookkeeping (a row, an audit log, an index, a hash chain): a dearer call. */
    public static final String TRANSFER_AUDITED = "transfer-audited";
    public static final String NOOP = "noop";
    public static final List<String> BUILT_IN = List.of(TRANSFER, TRANSFER_AUDITED, NOOP);

    /** A transfer reply is one of these; anything else means the reducer or the handoff went wrong. */
    private static final Set<String> TRANSFER_REPLIES = Set.of("ok", "insufficient_funds");
    /** Larger than any sensible reducer script; guards against pointing --workload at a huge file. */
    private static final long MAX_SCRIPT_BYTES = 16L << 20;

    private Workloads() {
    }

    /** The built-in named {@code spec}, else the file at path {@code spec}. */
    public static Workload resolve(String spec) throws WorkloadException {
        return switch (spec) {
            case TRANSFER, TRANSFER_AUDITED -> builtIn(spec, (request, reply) -> TRANSFER_REPLIES.contains(reply));
            case NOOP -> builtIn(NOOP, String::equals);
            default -> fromFile(spec);
        };
    }

    private static Workload builtIn(String name, Workload.ReplyCheck check) {
        try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name + ".js")) {
            if (in == null) {
                throw new IllegalStateException("built-in workload " + name + " is missing from the jar");
            }
            return new Workload(name, "builtin:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), check);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Workload fromFile(String spec) throws WorkloadException {
        if (spec.isBlank()) {
            throw new WorkloadException("--workload is empty: use " + String.join(", ", BUILT_IN) + " or a path to a .js file");
        }
        Path path = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            String hint = spec.contains("/") || spec.endsWith(".js") ? "" : " and is not a built-in workload";
            throw new WorkloadException("workload '" + spec + "' does not exist" + hint + ": use "
                    + String.join(", ", BUILT_IN) + " or a path to a .js file");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new WorkloadException("workload file '" + spec + "' is not a readable file");
        }
        String script;
        try {
            if (Files.size(path) > MAX_SCRIPT_BYTES) {
                throw new WorkloadException("workload file '" + spec + "' is larger than 16 MiB");
            }
            byte[] bytes = Files.readAllBytes(path);
            script = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WorkloadException("workload file '" + spec + "' is not UTF-8 text");
        } catch (IOException e) {
            throw new WorkloadException("workload file '" + spec + "' cannot be read: " + e.getMessage());
        }
        if (script.isBlank()) {
            throw new WorkloadException("workload file '" + spec + "' is empty: it must define function reduce(request)");
        }
        return new Workload(path.getFileName().toString(), path.toString(), script, Workload.ReplyCheck.ANY);
    }
}
