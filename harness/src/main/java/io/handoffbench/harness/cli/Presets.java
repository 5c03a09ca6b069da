package io.handoffbench.harness.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named configurations: {@code --preset=NAME} stands for a set of options, each of which the command line may still
 * give itself (the command line's value wins).
 *
 * <p>{@code seed} is SpacetimeDB's keynote benchmark client as PR #4704 ran it: 10 connections, each with 16,384
 * reducer calls in flight, transfers of amount 1 between accounts of 1,000,000, Zipf alpha 1.5; here every
 * strategy and the ceiling, 3 trials.
 */
final class Presets {

    static final String OPTION = "--preset";

    private static final Map<String, List<String>> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("seed", List.of("--strategy=all", "--clients=10", "--pipeline=16384", "--amount=1",
                "--initial-balance=1000000", "--alpha=1.5", "--trials=3"));
    }

    private Presets() {
    }

    /** The preset names, for messages. */
    static String names() {
        return String.join(", ", PRESETS.keySet());
    }

    /**
     * {@code args} with the named preset's options put first, less those the command line gives itself; unchanged
     * when there is no {@code --preset}.
     *
     * @throws IllegalArgumentException for an unknown preset or a {@code --preset} without a name, in one line
     */
    static List<String> expand(List<String> args) {
        String name = null;
        Set<String> given = new TreeSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals(OPTION) || arg.startsWith(OPTION + "=")) {
                if (name != null) {
                    throw new IllegalArgumentException(OPTION + " may be given once");
                }
                name = arg.equals(OPTION) ? (i + 1 < args.size() ? args.get(i + 1) : "") : arg.substring(
                        OPTION.length() + 1);
                if (name.isEmpty() || name.startsWith("-")) {
                    throw new IllegalArgumentException(OPTION + " needs a NAME; valid: " + names());
                }
            } else if (arg.startsWith("--")) {
                given.add(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            }
        }
        if (name == null) {
            return args;
        }
        List<String> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown " + OPTION + " '" + name + "'; valid: " + names());
        }
        List<String> expanded = new ArrayList<>();
        for (String option : preset) {
            if (!given.contains(option.substring(0, option.indexOf('=')))) {
                expanded.add(option);
            }
        }
        expanded.addAll(args);
        return expanded;
    }
}
