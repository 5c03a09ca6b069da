package io.handoffbench.harness.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultJson;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fork protocol, in one place: the sweep writes each forked cell's {@link CellConfig} to
 * {@code specs/<stem>.json} in the result folder, and the child JVM runs {@code harness cell --spec FILE}, which reads
 * it back. Strategies and idle policies travel by id, the workload by its built-in name or file (resolved again in
 * the child, whose class path may hold added strategies), durations as ISO-8601.
 *
 * @param formatVersion {@value #FORMAT_VERSION}; a child refuses any other
 * @param folder        the sweep's result folder, where the child writes the cell's files
 * @param cell          what to run
 */
public record CellSpec(int formatVersion, String folder, CellConfig cell) {

    public static final int FORMAT_VERSION = 1;
    /** The hidden subcommand a forked JVM runs. */
    public static final String COMMAND = "cell";
    /** Its one option: the spec file. */
    public static final String SPEC_OPTION = "--spec";

    private static final ObjectMapper JSON = ResultJson.MAPPER.copy().registerModule(new SimpleModule("cell-spec")
            .addSerializer(HandoffStrategyFactory.class, writeAs(HandoffStrategyFactory::id))
            .addDeserializer(HandoffStrategyFactory.class, readAs(CellSpec::strategy))
            .addSerializer(IdlePolicy.class, writeAs(IdlePolicy::id))
            .addDeserializer(IdlePolicy.class, readAs(IdlePolicy::fromId))
            .addSerializer(Workload.class, writeAs(CellSpec::workloadSpec))
            .addDeserializer(Workload.class, readAs(CellSpec::workload))
            .addSerializer(Duration.class, writeAs(Duration::toString))
            .addDeserializer(Duration.class, readAs(Duration::parse)));

    /** Writes {@code cell}'s spec into {@code folder} and returns its path. Called by the sweep's thread. */
    public static Path write(ResultFolder folder, CellConfig cell) throws IOException {
        Files.createDirectories(folder.resolve(ResultLayout.SPECS_DIR));
        String name = ResultLayout.cellSpec(cell.id());
        CellSpec spec = new CellSpec(FORMAT_VERSION, folder.dir().toString(), cell);
        folder.writeAtomically(name, out -> JSON.writeValue(out, spec));
        return folder.resolve(name);
    }

    /** The forked JVM's arguments that run the spec at {@code file}. */
    public static List<String> commandLine(Path file) {
        return List.of(COMMAND, SPEC_OPTION, file.toString());
    }

    /**
     * Reads a spec back, resolving strategy, idle policy and workload anew.
     *
     * @throws IllegalArgumentException when the file is not a spec this harness can run (another format version, an
     *                                  unknown strategy, a workload that no longer loads), with a one-line reason
     */
    public static CellSpec read(Path file) throws IOException {
        CellSpec spec;
        try {
            spec = JSON.readValue(file.toFile(), CellSpec.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException reason ? reason : e;
            throw new IllegalArgumentException(file + " is not a cell spec: " + message(cause), e);
        }
        if (spec.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " has format_version " + spec.formatVersion() + "; this harness "
                    + "runs " + FORMAT_VERSION);
        }
        return spec;
    }

    /** The workload as {@code --workload} spells it: its file, or a built-in's name. */
    private static String workloadSpec(Workload workload) {
        return workload.file().map(Path::toString).orElse(workload.name());
    }

    private static Workload workload(String spec) {
        try {
            return Workloads.resolve(spec);
        } catch (WorkloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static HandoffStrategyFactory strategy(String id) {
        HandoffStrategies registry = HandoffStrategies.load();
        return registry.find(id).orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + id
                + "'; valid: " + String.join(", ", registry.ids())));
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.toString() : message.lines().findFirst().orElse(message);
    }

    private interface Reader<T> {
        T read(String text);
    }

    private interface Writer<T> {
        String write(T value);
    }

    private static <T> JsonSerializer<T> writeAs(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(writer.write(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> readAs(Reader<T> reader) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return reader.read(in.getValueAsString());
            }
        };
    }
}
