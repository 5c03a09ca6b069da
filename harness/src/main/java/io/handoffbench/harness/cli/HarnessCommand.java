package io.handoffbench.harness.cli;

import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultTable;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SummaryCsv;
import io.handoffbench.harness.run.CellConfig;
import io.handoffbench.harness.run.CellResult;
import io.handoffbench.harness.run.CellRunner;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.Workload;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code harness [options]}: runs one benchmark cell per (clients, strategy), in that order, and writes the
 * results. Every input is checked, and the workload loaded once, before anything is created on disk.
 */
@Command(name = "harness",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every cell ran and passed its self-check",
                "1:a run failed (self-check mismatch, worker failure, I/O error)",
                "2:bad command line or workload file; nothing was written",
                "3:cannot measure here (GraalJS without JIT)",
                "130:interrupted; finished cells kept, run.json says interrupted"},
        description = {
                "Measures how requests from many concurrent clients are handed to one single-threaded GraalJS worker.",
                "Each client sends a request, waits for its reply, and sends the next (a closed loop). Latency runs "
                        + "from just before the handoff to the client seeing its reply."
        })
public final class HarnessCommand implements Callable<Integer> {

    static final int MAX_CLIENTS = 10_000;
    private static final DateTimeFormatter RUN_FOLDER_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** How the clients run. */
    enum ClientThreads { virtual, platform }

    @Spec
    private CommandSpec spec;

    @Option(names = "--strategy", split = ",", paramLabel = "ID[,ID...]", defaultValue = "mpsc",
            completionCandidates = StrategyIds.class,
            description = "Handoff strategies: ${COMPLETION-CANDIDATES}, or all. Default: ${DEFAULT-VALUE}.")
    private List<String> strategyIds;

    @Option(names = "--clients", split = ",", paramLabel = "N[,N...]", defaultValue = "64",
            description = "Concurrent closed-loop clients, 1 to " + MAX_CLIENTS + ". Default: ${DEFAULT-VALUE}.")
    private List<Integer> clientCounts;

    @Option(names = "--client-threads", paramLabel = "KIND", defaultValue = "virtual",
            description = "Threads the clients run on: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private ClientThreads clientThreads;

    @Option(names = "--workload", paramLabel = "NAME|FILE.js", defaultValue = Workloads.TRANSFER,
            description = "transfer (Zipf-skewed balance transfers over 100,000 accounts), noop (echo), or a path "
                    + "to a script that defines function reduce(request). Default: ${DEFAULT-VALUE}.")
    private String workloadSpec;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.5",
            description = "Zipf exponent of the account ids in each request, greater than 0. Default: ${DEFAULT-VALUE}.")
    private double alpha;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Warm-up per cell, discarded (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    private Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "Measurement per cell (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the clients' request streams. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "A new or empty folder for summary.csv, the .hlog files and run.json. "
                    + "Default: results/runs/<date-time>.")
    private Path out;

    @Option(names = "--allow-interpreter",
            description = "Measure even if GraalJS has no JIT (its fallback interpreter); the numbers are then "
                    + "not comparable to anything.")
    private boolean allowInterpreter;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final List<String> commandLine;

    HarnessCommand(PrintStream stdout, PrintStream stderr, List<String> commandLine) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.commandLine = List.copyOf(commandLine);
    }

    @Override
    public Integer call() throws Exception {
        List<HandoffStrategyFactory> strategies = resolveStrategies();
        List<Integer> clients = validateClients();
        validateNumbers();
        Workload workload = resolveWorkload();
        Path outDir = out != null ? out : Path.of("results", "runs", LocalDateTime.now().format(RUN_FOLDER_NAME));
        String outProblem = ResultFolder.problemWith(outDir);
        if (outProblem != null) {
            throw new ParameterException(spec.commandLine(), outProblem);
        }

        JsWorker.EngineInfo engine = probe(workload, strategies.get(0));
        stderr.printf("GraalJS %s, runtime %s, JIT %s%n", engine.version(), engine.implementationName(),
                engine.jit() ? "on" : "OFF");
        if (!engine.jit() && !allowInterpreter) {
            stderr.println("harness: GraalJS is running in its fallback interpreter, so the numbers would mean "
                    + "nothing; run through 'java -jar harness.jar' or scripts/run, which add the JVMCI flags and "
                    + "the Graal compiler, or pass --allow-interpreter");
            return ExitCodes.ENVIRONMENT;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int mostThreads = clients.stream().mapToInt(Integer::intValue).max().orElse(1) + 1;
        if (mostThreads > cores && clientThreads == ClientThreads.platform) {
            stderr.printf("note: %d client threads and the worker share %d cores; expect scheduling noise%n",
                    mostThreads - 1, cores);
        }

        ResultFolder folder = ResultFolder.create(outDir);
        RunManifest manifest = new RunManifest(folder, commandLine, options(strategies, clients), workload, engine,
                Instant.now());
        manifest.write();
        return runCells(strategies, clients, workload, folder, manifest);
    }

    private int runCells(List<HandoffStrategyFactory> strategies, List<Integer> clients, Workload workload,
                         ResultFolder folder, RunManifest manifest) throws Exception {
        StopOnSignal stop = new StopOnSignal(manifest);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        List<CellResult> passed = new ArrayList<>();
        List<CellResult> all = new ArrayList<>();
        try {
            CellRunner runner = new CellRunner(stderr, stop::requested);
            int total = strategies.size() * clients.size();
            cells:
            for (int clientCount : clients) {
                for (HandoffStrategyFactory strategy : strategies) {
                    if (stop.requested()) {
                        break cells;
                    }
                    CellConfig config = new CellConfig(strategy, workload, clientCount,
                            clientThreads == ClientThreads.virtual, warmup, duration, alpha, seed);
                    stderr.printf("[%d/%d] ", all.size() + 1, total);
                    CellResult result = runner.run(config, folder.resolve(config.fileStem() + ".hlog"),
                            logComment(config));
                    all.add(result);
                    manifest.addCell(result);
                    if (result.passed()) {
                        passed.add(result);
                        SummaryCsv.write(folder, passed);
                    }
                    manifest.write();
                }
            }
            stdout.println();
            ResultTable.print(stdout, all);
            stdout.println();
            stdout.println("results: " + folder.dir());
            if (stop.requested()) {
                manifest.finish("interrupted", "interrupted (SIGINT or SIGTERM) before every cell finished");
                return ExitCodes.INTERRUPTED;
            }
            boolean allPassed = all.stream().allMatch(CellResult::passed);
            manifest.finish(allPassed ? "complete" : "failed",
                    allPassed ? null : "a cell failed its self-check; see cells[].problems");
            return allPassed ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        } catch (Exception | Error e) {
            manifest.finish("failed", String.valueOf(e));
            throw e;
        } finally {
            stop.runEnded();
            try {
                Runtime.getRuntime().removeShutdownHook(stop.hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it waits for runEnded(), which just happened
            }
        }
    }

    private List<HandoffStrategyFactory> resolveStrategies() {
        HandoffStrategies registry = HandoffStrategies.load();
        String valid = String.join(", ", registry.ids()) + " (or all)";
        Set<HandoffStrategyFactory> chosen = new LinkedHashSet<>();
        for (String id : strategyIds) {
            String trimmed = id.trim();
            if (trimmed.equals("all")) {
                chosen.addAll(registry.all());
            } else {
                chosen.add(registry.find(trimmed).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown strategy '" + trimmed + "'; valid: " + valid)));
            }
        }
        if (chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--strategy is empty; valid: " + valid);
        }
        return List.copyOf(chosen);
    }

    private List<Integer> validateClients() {
        for (int count : clientCounts) {
            if (count < 1 || count > MAX_CLIENTS) {
                throw new ParameterException(spec.commandLine(),
                        "--clients must be between 1 and " + MAX_CLIENTS + ", got " + count);
            }
        }
        return List.copyOf(new LinkedHashSet<>(clientCounts));
    }

    private void validateNumbers() {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new ParameterException(spec.commandLine(), "--alpha must be a number greater than 0, got " + alpha);
        }
        if (duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be longer than 0 (like 500ms, 10s, 2m)");
        }
    }

    private Workload resolveWorkload() {
        try {
            return Workloads.resolve(workloadSpec);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Loads the workload once on a real worker, so a broken script is a usage error before anything is written. */
    private JsWorker.EngineInfo probe(Workload workload, HandoffStrategyFactory anyStrategy) throws Exception {
        HandoffStrategy<Request> strategy = anyStrategy.create();
        JsWorker worker;
        try {
            worker = JsWorker.start(workload, strategy);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        JsWorker.EngineInfo engine = worker.engineInfo();
        worker.finish(Duration.ofSeconds(30));
        return engine;
    }

    private Map<String, Object> options(List<HandoffStrategyFactory> strategies, List<Integer> clients) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("strategies", strategies.stream().map(HandoffStrategyFactory::id).toList());
        options.put("clients", clients);
        options.put("client_threads", clientThreads.name());
        options.put("workload", workloadSpec);
        options.put("alpha", alpha);
        options.put("warmup_s", warmup.toMillis() / 1000.0);
        options.put("duration_s", duration.toMillis() / 1000.0);
        options.put("seed", seed);
        options.put("allow_interpreter", allowInterpreter);
        return options;
    }

    private String logComment(CellConfig config) {
        return "handoff-bench latency log: strategy=" + config.strategy().id() + " workload="
                + config.workload().name() + " clients=" + config.clients() + " client_threads="
                + config.clientThreads() + "\nOne interval per second of measurement; warm-up ("
                + config.warmup().toMillis() + " ms) excluded.";
    }

    /**
     * Turns SIGINT/SIGTERM into an orderly stop: the hook asks the running cell to stop, waits for the run to
     * write what it has, and marks run.json interrupted if the run could not.
     */
    private static final class StopOnSignal {
        private static final long GRACE_SECONDS = 30;
        private volatile boolean requested;
        private final CountDownLatch ended = new CountDownLatch(1);
        final Thread hook;

        StopOnSignal(RunManifest manifest) {
            hook = new Thread(() -> {
                requested = true;
                try {
                    if (!ended.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                        manifest.markInterrupted();
                    }
                } catch (InterruptedException e) {
                    manifest.markInterrupted();
                }
            }, "stop-on-signal");
        }

        boolean requested() {
            return requested;
        }

        void runEnded() {
            ended.countDown();
        }
    }
}
