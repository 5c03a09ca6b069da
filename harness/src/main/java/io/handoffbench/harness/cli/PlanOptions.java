package io.handoffbench.harness.cli;

import io.handoffbench.harness.launch.ClientCarriers;
import io.handoffbench.harness.sweep.IdleChoice;
import io.handoffbench.harness.sweep.SweepPlan;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * What a sweep covers (a picocli mixin): strategies, clients levels, trials, and whether each cell gets a fresh JVM.
 * {@link #plan} checks them.
 */
public final class PlanOptions {

    /**
     * The most clients a cell runs: their latencies share a fixed set of histograms, so what grows with them is a
     * virtual thread, a ledger and a request each (results/scaling/ has a cell at this many on 2 cores).
     */
    static final int MAX_CLIENTS = 100_000;
    /**
     * The most clients on platform threads: each is an OS thread, and Linux's default limits on processes
     * ({@code pid_max}) and memory mappings ({@code max_map_count}) stop a JVM at about 32,000 of them.
     */
    static final int MAX_PLATFORM_CLIENTS = 10_000;
    static final int MAX_TRIALS = 100;

    @Option(names = "--strategy", split = ",", paramLabel = "ID[,ID...]", defaultValue = "mpsc",
            completionCandidates = StrategyIds.class,
            description = "Handoff strategies: ${COMPLETION-CANDIDATES}, or all. Default: ${DEFAULT-VALUE}.")
    private List<String> strategyIds;

    @Option(names = "--clients", split = ",", paramLabel = "N[,N...]", defaultValue = "64",
            description = "Concurrent closed-loop clients, 1 to " + MAX_CLIENTS + " (" + MAX_PLATFORM_CLIENTS
                    + " with --client-threads=platform: one OS thread each). Default: ${DEFAULT-VALUE}.")
    private List<Integer> clientCounts;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "3",
            description = "Trials of every cell, interleaved (every strategy at every level before the next "
                    + "trial); 2 or more give a 95%% confidence interval. Default: ${DEFAULT-VALUE}.")
    private int trials;

    @Option(names = "--forks", paramLabel = "0|1", defaultValue = "1",
            description = "1: every cell in a fresh JVM, so one strategy's JIT profile cannot bias the next; "
                    + "0: all in this JVM, for quick looks. Default: ${DEFAULT-VALUE}.")
    private int forks;

    @Option(names = "--carriers", paramLabel = "auto|N", defaultValue = "auto",
            description = "Carrier threads for the clients' virtual threads (the JDK's "
                    + ClientCarriers.PROPERTY + "), 1 to " + ClientCarriers.MAX + "; auto: one fewer than the "
                    + "cores, so that the worker keeps a core to itself (the JDK's default is one per core). "
                    + "Another number than this JVM's needs --forks=1. Default: ${DEFAULT-VALUE}.")
    private String carriers;

    /**
     * The sweep's plan under {@code idles}.
     *
     * @throws ParameterException naming an unknown strategy (with the valid ids) or a number out of range
     */
    SweepPlan plan(CommandLine commandLine, List<IdleChoice> idles) {
        List<HandoffStrategyFactory> strategies = strategies(commandLine);
        for (int count : clientCounts) {
            if (count < 1 || count > MAX_CLIENTS) {
                throw new ParameterException(commandLine,
                        "--clients must be between 1 and " + MAX_CLIENTS + ", got " + count);
            }
        }
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new ParameterException(commandLine,
                    "--trials must be between 1 and " + MAX_TRIALS + ", got " + trials);
        }
        if (forks != 0 && forks != 1) {
            throw new ParameterException(commandLine, "--forks must be 0 (all cells in this JVM) or 1 (a "
                    + "fresh JVM per cell), got " + forks + "; use --trials for repetitions");
        }
        return new SweepPlan(strategies, List.copyOf(new LinkedHashSet<>(clientCounts)), trials, idles);
    }

    /** Each cell in a fresh JVM. */
    boolean forked() {
        return forks == 1;
    }

    /**
     * {@code --carriers}'s number, or 0 for auto.
     *
     * @throws ParameterException when it is neither auto nor a number from 1 to {@link ClientCarriers#MAX}, or when
     *                            it differs from this JVM's and the cells would run in this JVM ({@code --forks=0})
     */
    int chosenCarriers(CommandLine commandLine) {
        if (carriers.trim().equals("auto")) {
            return 0;
        }
        int chosen;
        try {
            chosen = Integer.parseInt(carriers.trim());
        } catch (NumberFormatException e) {
            chosen = -1;
        }
        if (chosen < 1 || chosen > ClientCarriers.MAX) {
            throw new ParameterException(commandLine, "--carriers must be auto or a number from 1 to "
                    + ClientCarriers.MAX + ", got '" + carriers + "'");
        }
        int inThisJvm = ClientCarriers.inThisJvm();
        if (!forked() && chosen != inThisJvm) {
            throw new ParameterException(commandLine, "--carriers=" + chosen + " needs --forks=1: this JVM's "
                    + "virtual threads run on " + inThisJvm + " carriers, fixed when it started");
        }
        return chosen;
    }

    /** These options as run.json's {@code options} records them. */
    void record(SweepPlan plan, Map<String, Object> options) {
        options.put("strategies", plan.strategies().stream().map(HandoffStrategyFactory::id).toList());
        options.put("clients", plan.clientLevels());
        options.put("trials", plan.trials());
        options.put("forks", forks);
        options.put("carriers", carriers.trim());
    }

    private List<HandoffStrategyFactory> strategies(CommandLine commandLine) {
        HandoffStrategies registry = HandoffStrategies.load();
        String valid = String.join(", ", registry.ids()) + " (or all)";
        Set<HandoffStrategyFactory> chosen = new LinkedHashSet<>();
        for (String id : strategyIds) {
            String trimmed = id.trim();
            if (trimmed.equals("all")) {
                chosen.addAll(registry.all());
            } else {
                chosen.add(registry.find(trimmed).orElseThrow(() -> new ParameterException(commandLine,
                        "unknown strategy '" + trimmed + "'; valid: " + valid)));
            }
        }
        if (chosen.isEmpty()) {
            throw new ParameterException(commandLine, "--strategy is empty; valid: " + valid);
        }
        return List.copyOf(chosen);
    }
}
