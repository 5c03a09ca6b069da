package io.handoffbench.harness.output;

import io.handoffbench.harness.cell.EngineInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.stats.MeanWithCi;
import io.handoffbench.harness.cell.Workload;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what was run, on what, and how it ended. Written when the run starts ({@code "status":
 * "running"}) and rewritten after every cell and at the end, each time whole; only {@code "complete"} means every
 * cell finished and passed its self-check. Every key is snake_case, and {@code "format_version"} says which format
 * the file is in ({@link ResultLayout#FORMAT_VERSION}; a file without it is format 1).
 *
 * <p>Threading: one controlling thread, except {@link #markInterrupted}, which a shutdown hook may call; all
 * mutators are synchronized.
 */
public final class RunManifest {

    private final ResultFolder folder;
    private final ObjectNode root = ResultJson.MAPPER.createObjectNode();
    private final ArrayNode cells;

    public RunManifest(ResultFolder folder, List<String> commandLine, Map<String, Object> options,
                       Workload workload, EngineInfo engine, List<String> warnings, Instant startedAt) {
        this.folder = folder;
        root.put(ResultLayout.FORMAT_VERSION_FIELD, ResultLayout.FORMAT_VERSION);
        root.put("status", "running");
        root.put("tool", "handoff-bench");
        root.putPOJO("command_line", commandLine);
        root.put("started_at", startedAt.toString());
        root.putNull("finished_at");
        root.put("git_commit", GitCommit.find().orElse(null));
        root.putPOJO("options", options);

        ObjectNode workloadNode = root.putObject("workload");
        workloadNode.put("name", workload.name());
        workloadNode.put("origin", workload.origin());
        workloadNode.put("sha256", workload.sha256());

        ObjectNode graal = root.putObject("graaljs");
        graal.put("version", engine.version());
        graal.put("implementation", engine.implementationName());
        graal.put("jit", engine.jit());
        graal.putPOJO("versions", engine.versions()); // read from the jars: polyglot, truffle, js, the compiler

        ObjectNode jvm = root.putObject("jvm");
        jvm.put("java_version", System.getProperty("java.version"));
        jvm.put("vm_name", System.getProperty("java.vm.name"));
        jvm.put("vm_version", System.getProperty("java.vm.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("java_home", System.getProperty("java.home"));
        jvm.putPOJO("input_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());

        root.putPOJO("machine", MachineInfo.probe());
        root.putPOJO("warnings", warnings);
        root.putNull("ceiling");
        cells = root.putArray("cells");
    }

    /** Records a finished cell, passed or not. */
    public synchronized void addCell(CellResult cell) {
        cells.add(ResultJson.MAPPER.valueToTree(cell));
    }

    /** The bare-worker ceiling over the trials so far. */
    public synchronized void setCeiling(MeanWithCi tps) {
        ObjectNode ceiling = root.putObject("ceiling");
        ceiling.put("trials", tps.n());
        ceiling.put("tps_mean", tps.mean());
        ceiling.put("tps_ci95_low", tps.low());
        ceiling.put("tps_ci95_high", tps.high());
    }

    public synchronized void finish(String status, String error) throws IOException {
        root.put("status", status);
        root.put("finished_at", Instant.now().toString());
        if (error != null) {
            root.put("error", error);
        }
        write();
    }

    /** From a shutdown hook: records that the run was cut short, unless it already ended. */
    public synchronized void markInterrupted() {
        if (!"running".equals(root.get("status").asText())) {
            return;
        }
        try {
            finish("interrupted", "interrupted (SIGINT or SIGTERM) before every cell finished");
        } catch (IOException ignored) {
            // the JVM is going down; the file still says "running", which is not "complete" either
        }
    }

    public synchronized void write() throws IOException {
        folder.writeAtomically(ResultLayout.RUN_JSON, out -> ResultJson.MAPPER.writeValue(out, root));
    }

    /**
     * Reads a {@code run.json} back, of any format up to this harness's.
     *
     * @throws ResultFormatException when it is not JSON, or of a newer format
     * @throws IOException           when it cannot be read
     */
    public static JsonNode read(Path json) throws ResultFormatException, IOException {
        JsonNode root;
        try {
            root = ResultJson.MAPPER.readTree(json.toFile());
        } catch (JacksonException e) {
            throw new ResultFormatException(json + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode version = root.path(ResultLayout.FORMAT_VERSION_FIELD);
        if (!version.isMissingNode()) {
            if (!version.canConvertToExactIntegral() || !version.canConvertToInt()) {
                throw new ResultFormatException(json + ": format_version is " + version + ", expected a whole number");
            }
            ResultLayout.requireReadable(json, version.asInt());
        }
        return root;
    }
}
