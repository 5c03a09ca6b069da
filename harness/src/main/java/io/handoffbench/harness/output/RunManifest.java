package io.handoffbench.harness.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoffbench.harness.metrics.LatencySummary;
import io.handoffbench.harness.run.CellResult;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Workload;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what was run, on what, and how it ended. Written when the run starts ({@code "status":
 * "running"}) and rewritten after every cell and at the end, each time whole; only {@code "complete"} means every
 * cell finished and passed its self-check.
 *
 * <p>Threading: one controlling thread, except {@link #markInterrupted}, which a shutdown hook may call; all
 * mutators are synchronized.
 */
public final class RunManifest {

    public static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ResultFolder folder;
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode cells;

    public RunManifest(ResultFolder folder, List<String> commandLine, Map<String, Object> options,
                       Workload workload, JsWorker.EngineInfo engine, Instant startedAt) {
        this.folder = folder;
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

        ObjectNode jvm = root.putObject("jvm");
        jvm.put("java_version", System.getProperty("java.version"));
        jvm.put("vm_name", System.getProperty("java.vm.name"));
        jvm.put("vm_version", System.getProperty("java.vm.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("java_home", System.getProperty("java.home"));
        jvm.putPOJO("input_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());

        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name"));
        machine.put("os_version", System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());

        cells = root.putArray("cells");
    }

    public synchronized void addCell(CellResult cell) {
        ObjectNode node = cells.addObject();
        node.put("strategy", cell.config().strategy().id());
        node.put("clients", cell.config().clients());
        node.put("client_threads", cell.config().clientThreads());
        node.put("passed", cell.passed());
        node.putPOJO("problems", cell.problems());
        node.put("measured_seconds", cell.measuredSeconds());
        node.put("requests", cell.requests());
        node.put("errors", cell.errors());
        node.put("tps", cell.tps());
        LatencySummary latency = cell.latency();
        ObjectNode latencyNode = node.putObject("latency_us");
        latencyNode.put("mean", latency.meanUs());
        latencyNode.put("p50", latency.p50Us());
        latencyNode.put("p90", latency.p90Us());
        latencyNode.put("p99", latency.p99Us());
        latencyNode.put("p999", latency.p999Us());
        latencyNode.put("max", latency.maxUs());
        ObjectNode worker = node.putObject("worker");
        worker.put("executed", cell.executed());
        worker.put("drain_batches", cell.batches());
        worker.put("mean_batch", cell.meanBatch());
        node.put("hlog", cell.hlogFile());
        if (cell.scriptSummary() != null) {
            node.set("script_summary", parseOrText(cell.scriptSummary()));
        }
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
        folder.writeAtomically(FILE, out -> JSON.writeValue(out, root));
    }

    public Path path() {
        return folder.resolve(FILE);
    }

    private static JsonNode parseOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
