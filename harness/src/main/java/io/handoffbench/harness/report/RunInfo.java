package io.handoffbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code run.json} the report shows. Every field is optional: a folder without {@code run.json}, or
 * from an older harness, still gets a report, with less in its header.
 */
final class RunInfo {

    private final JsonNode root;

    RunInfo(JsonNode root) {
        this.root = root;
    }

    static RunInfo absent() {
        return new RunInfo(MissingNode.getInstance());
    }

    boolean present() {
        return !root.isMissingNode();
    }

    /** The text at {@code path} (object keys), or empty when it is missing or null. */
    Optional<String> text(String... path) {
        JsonNode node = at(path);
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The number at {@code path}, or {@code NaN} when it is missing or not a number. */
    double number(String... path) {
        JsonNode node = at(path);
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    Optional<Boolean> flag(String... path) {
        JsonNode node = at(path);
        return node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
    }

    /** The strings of the array at {@code path}; empty when it is missing. */
    List<String> texts(String... path) {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : at(path)) {
            if (element.isValueNode() && !element.isNull()) {
                texts.add(element.asText());
            }
        }
        return texts;
    }

    /** {@code run.json}'s {@code cells}: every finished cell's result as the sweep recorded it; empty when absent. */
    List<JsonNode> cells() {
        List<JsonNode> cells = new ArrayList<>();
        at("cells").forEach(cells::add);
        return cells;
    }

    /** The elements of the array at {@code path}, each readable as this is; empty when it is missing. */
    List<RunInfo> elements(String... path) {
        List<RunInfo> elements = new ArrayList<>();
        for (JsonNode element : at(path)) {
            elements.add(new RunInfo(element));
        }
        return elements;
    }

    /** The text fields of the object at {@code path}, in order; empty when it is missing. */
    List<Map.Entry<String, String>> entries(String... path) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        at(path).properties().forEach(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                entries.add(Map.entry(field.getKey(), field.getValue().asText()));
            }
        });
        return entries;
    }

    private JsonNode at(String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }
}
