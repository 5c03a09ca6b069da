package io.handoffbench.harness.cli;

import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.run.CellConfig;
import io.handoffbench.harness.run.CellExecutor;
import io.handoffbench.harness.run.CellFiles;
import io.handoffbench.harness.run.CellResult;
import io.handoffbench.harness.run.CellRunner;
import io.handoffbench.harness.worker.Workload;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code harness cell ...}: one cell of a sweep, in this JVM. The sweep forks a fresh JVM per cell and runs this
 * in it; it writes the cell's interval log and {@code cells/<cell>.json} into the sweep's folder.
 */
@Command(name = "cell", hidden = true, description = "Runs one cell of a sweep in this JVM (the sweep forks it).")
public final class CellCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CellOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep's folder.")
    private Path out;

    @Option(names = "--strategy", paramLabel = "ID", description = "The strategy (or --ceiling).")
    private String strategyId;

    @Option(names = "--ceiling", description = "Measure the bare worker: the reducer in a loop, no handoff.")
    private boolean ceiling;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1", description = "Concurrent clients.")
    private int clients;

    @Option(names = "--trial", paramLabel = "N", defaultValue = "1", description = "The trial number.")
    private int trial;

    @Option(names = "--series-idle", hidden = true, paramLabel = "CHOICE",
            description = "The sweep compares idle choices: name the series strategy@CHOICE.")
    private String seriesIdle;

    @Override
    public Integer call() throws Exception {
        if (options.problem() != null) {
            throw new ParameterException(spec.commandLine(), options.problem());
        }
        if (options.idles().size() != 1) {
            throw new ParameterException(spec.commandLine(), "a cell runs one --idle policy, got "
                    + options.idles().size());
        }
        Workload workload;
        try {
            workload = Workloads.resolve(options.workloadSpec);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CellConfig config;
        if (ceiling) {
            config = CellConfig.ceiling(workload, trial, options.warmup, options.duration, options.alpha, options.seed,
                    options.steadyTolerance);
        } else {
            HandoffStrategyFactory strategy = HandoffStrategies.load().find(String.valueOf(strategyId))
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown strategy '" + strategyId
                            + "'; valid: " + String.join(", ", HandoffStrategies.load().ids())));
            config = new CellConfig(strategy, workload, clients, trial, options.virtualClients(), options.warmup,
                    options.duration, options.alpha, options.seed, options.steadyTolerance, options.load(),
                    options.idles().get(0).policyFor(clients, Runtime.getRuntime().availableProcessors()),
                    seriesIdle);
        }
        ResultFolder folder = ResultFolder.existing(out);
        try (StopOnSignal stop = new StopOnSignal(() -> { }, () -> { })) {
            CellRunner runner = new CellRunner(System.err, stop::requested);
            CellResult result = runner.run(config, folder.resolve(CellExecutor.hlogFile(config)),
                    CellFiles.logComment(config));
            CellFiles.write(folder, config, result);
            for (String problem : result.problems()) {
                System.err.println("self-check failed: " + problem);
            }
            System.err.printf("%s: %,.0f TPS%n", config.label(), result.tps());
            return result.passed() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }
}
