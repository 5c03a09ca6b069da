package io.handoffbench.harness.output;

import static io.handoffbench.harness.testing.TestResults.ceiling;
import static io.handoffbench.harness.testing.TestResults.openLoop;
import static io.handoffbench.harness.testing.TestResults.trapped;
import static io.handoffbench.harness.testing.TestResults.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.stats.MeanWithCi;
import io.handoffbench.harness.testing.SweepFolderFixture;
import io.handoffbench.harness.testing.TestResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json: its format version, one naming style throughout, and reading it back. */
class RunManifestTest {

    @TempDir
    Path tmp;

    @Test
    void shouldStartWithTheFormatVersionAndUseSnakeCaseKeysThroughout() throws Exception {
        JsonNode root = ResultJson.MAPPER.readTree(writeCompleteRun().toFile());

        assertThat(root.fieldNames().next()).isEqualTo("format_version");
        assertThat(root.get("format_version").isInt()).isTrue();
        assertThat(root.get("format_version").asInt()).isEqualTo(ResultLayout.FORMAT_VERSION);
        List<String> keys = new ArrayList<>();
        collectKeys(root, "", keys);
        assertThat(keys).allSatisfy(key -> assertThat(key.substring(key.lastIndexOf('/') + 1))
                .as(key).matches("[a-z][a-z0-9_]*"));
        // a key of every part: the options, the machine, a cell's nested records and CPU, the ceiling
        assertThat(keys).contains("/options/client_threads", "/machine/load_average_at_start",
                "/cells/open_loop/target_rate", "/cells/cpu/process_us_per_request", "/cells/recovery/p50_us",
                "/cells/stages/wake_mean_us", "/cells/throughput/latency/p999_us", "/cells/hlog_file",
                "/ceiling/tps_ci95_low", "/jvm/input_arguments");
        assertThat(root.get("status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldReadBackItsOwnFileAndOneWithoutAFormatVersion() throws Exception {
        assertThat(RunManifest.read(writeCompleteRun()).get("cells")).hasSize(2);

        Path old = Files.writeString(tmp.resolve("old.json"), SweepFolderFixture.RUN_JSON);
        assertThat(RunManifest.read(old).at("/workload/name").asText()).isEqualTo("transfer");
    }

    @Test
    void shouldRefuseANewerFormatAndBrokenJsonInOneLine() throws Exception {
        Path newer = Files.writeString(tmp.resolve("newer.json"), "{\"format_version\": 4, \"status\": \"complete\"}");
        Path text = Files.writeString(tmp.resolve("text.json"), "{\"format_version\": \"2\"}");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"status\": ");

        assertThatThrownBy(() -> RunManifest.read(newer)).isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith(newer + " is format_version 4, newer than this harness reads (1 to 3)");
        assertThatThrownBy(() -> RunManifest.read(text))
                .hasMessage(text + ": format_version is \"2\", expected a whole number");
        assertThatThrownBy(() -> RunManifest.read(broken)).hasMessageStartingWith(broken + " is not valid JSON: ")
                .hasMessageNotContaining("\n");
    }

    /** A run with every part filled: an open-loop cell with traps, the ceiling, the ceiling's interval. */
    private Path writeCompleteRun() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("strategies", List.of("mpsc"));
        options.put("client_threads", "virtual");
        options.put("warmup_s", 1.0);
        options.put("rate", null);
        RunManifest manifest = new RunManifest(ResultFolder.existing(tmp), List.of("--strategy=mpsc"), options,
                new Workload("transfer", "builtin:transfer", "function reduce(r) { return r; }",
                        Workload.ReplyCheck.ANY),
                TestResults.ENGINE, List.of("a warning"), Instant.parse("2026-11-27T00:00:00Z"));
        manifest.addCell(trapped(openLoop(trial("mpsc", 8, 1, "park", 1), 2000, 1999.5), 1, 900, 900));
        manifest.addCell(ceiling(1, 1e6));
        manifest.setCeiling(MeanWithCi.of(1e6, 1.02e6));
        manifest.finish("complete", null);
        return tmp.resolve(ResultLayout.RUN_JSON);
    }

    /** Every object key, as a path of keys (array elements add nothing to the path). */
    private static void collectKeys(JsonNode node, String path, List<String> keys) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                keys.add(path + "/" + entry.getKey());
                collectKeys(entry.getValue(), path + "/" + entry.getKey(), keys);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectKeys(element, path, keys));
        }
    }
}
