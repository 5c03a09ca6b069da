package io.handoffbench.harness.cli;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.ProfileSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.harness.launch.ClientCarriers;
import io.handoffbench.harness.launch.JdkFinder;
import io.handoffbench.harness.launch.MeasuringJvm;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultTable;
import io.handoffbench.harness.output.RunManifest;
import io.handoffbench.harness.output.SweepProgress;
import io.handoffbench.harness.profile.ProfilerUnavailableException;
import io.handoffbench.harness.profile.SamplingChoice;
import io.handoffbench.harness.report.Report;
import io.handoffbench.harness.report.ReportInputException;
import io.handoffbench.harness.sweep.CellExecutor;
import io.handoffbench.harness.sweep.ForkedCellExecutor;
import io.handoffbench.harness.sweep.InProcessCellExecutor;
import io.handoffbench.harness.sweep.Sweep;
import io.handoffbench.harness.sweep.SweepPlan;
import io.handoffbench.harness.worker.JsWorker;
import io.handoffbench.harness.worker.Request;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code harness [options]}: a sweep, one cell per (strategy, clients, trial) plus the bare-worker ceiling per
 * trial, each in a fresh JVM by default. Every input is checked, and the workload loaded once, before anything is
 * created on disk.
 */
@Command(name = "harness",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {ReportCommand.class, CompareCommand.class, CellCommand.class},
        description = {
                "Measures how requests from many concurrent clients are handed to one single-threaded GraalJS worker.",
                "Each client sends a request, waits for its reply, and sends the next (a closed loop). Latency runs "
                        + "from just before the handoff to the client seeing its reply. Lists sweep: every "
                        + "strategy at every clients level, in every trial, plus the bare worker's ceiling."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every cell ran and passed its self-check",
                "1:a run failed (self-check mismatch, worker failure, I/O error)",
                "2:bad command line or workload file; nothing was written",
                "3:cannot measure here (GraalJS without JIT, or --profile cannot sample)",
                "130:interrupted; finished cells kept, run.json says interrupted"})
public final class HarnessCommand implements Callable<Integer> {

    /** Requests in flight at once, all clients together: each is an object of about 100 bytes. */
    static final long MAX_REQUESTS_IN_FLIGHT = 1 << 22;
    /** Above this many clients on a thread each, the run suggests event loops (results/scaling/). */
    static final int MANY_CLIENT_THREADS = 1_024;
    /** A forked cell's JVM start, Truffle engine and context, before its warm-up begins. */
    private static final Duration FORK_OVERHEAD = Duration.ofSeconds(3);
    private static final DateTimeFormatter RUN_FOLDER_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    private CommandSpec spec;

    @Mixin
    private PlanOptions planOptions;

    @Mixin
    private SettingsOptions settingsOptions;

    @Option(names = Presets.OPTION, paramLabel = "NAME",
            description = "A named set of options; any of them given on the command line wins. seed: SpacetimeDB's "
                    + "keynote client as PR #4704 ran it (--strategy=all --clients=10 --pipeline=16384 --amount=1 "
                    + "--initial-balance=1000000 --alpha=1.5 --trials=3).")
    private String preset;

    @Option(names = "--out", paramLabel = "DIR",
            description = "A new or empty folder for summary.csv, the .hlog files, logs and run.json. "
                    + "Default: results/runs/<date-time>.")
    private Path out;

    // Declared for --help and so that the parser accepts it; HarnessMain reads it before parsing (addedClassPath).
    @Option(names = ClassPathOption.NAME, paramLabel = "PATH[:PATH...]",
            description = "Jars or folders with more strategies (listed in their "
                    + ClassPathOption.SERVICE_FILE + "), added to the class path of this JVM and of every forked "
                    + "cell; relative to the current folder. Default: none.")
    private List<String> classPath;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final List<String> commandLine;
    private final ClassPathOption addedClassPath;

    HarnessCommand(PrintStream stdout, PrintStream stderr, List<String> commandLine, ClassPathOption addedClassPath) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.commandLine = List.copyOf(commandLine);
        this.addedClassPath = addedClassPath;
    }

    @Override
    public Integer call() throws Exception {
        SweepPlan plan = planOptions.plan(spec.commandLine(), settingsOptions.idles());
        SweepSettings settings = settingsOptions.settings(spec.commandLine());
        int mostClients = plan.clientLevels().stream().mapToInt(Integer::intValue).max().orElse(1);
        long inFlight = (long) mostClients * settings.load().pipeline();
        if (inFlight > MAX_REQUESTS_IN_FLIGHT) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--clients times --pipeline "
                    + "is %,d requests in flight; at most %,d fit in memory", inFlight, MAX_REQUESTS_IN_FLIGHT));
        }
        if (settingsOptions.profileKind() != null && !planOptions.forked()) {
            throw new ParameterException(spec.commandLine(), "--profile needs --forks=1: the profiler samples a "
                    + "cell's own JVM, and with --forks=0 every cell shares this one");
        }
        if (settings.clientThreads() == ClientThreads.PLATFORM && mostClients > PlanOptions.MAX_PLATFORM_CLIENTS) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--client-threads=platform "
                    + "runs a client per OS thread: at most %,d clients, got %,d; --client-threads=virtual runs up "
                    + "to %,d", PlanOptions.MAX_PLATFORM_CLIENTS, mostClients, PlanOptions.MAX_CLIENTS));
        }
        int chosenCarriers = planOptions.chosenCarriers(spec.commandLine());
        MeasuringJvm cellJvm = planOptions.forked() ? cellJvm(chosenCarriers) : null;
        int carriers = cellJvm != null ? cellJvm.carriers() : ClientCarriers.inThisJvm();
        Path outDir = outFolder();

        EngineInfo engine = probe(settings.workload(), plan.strategies().get(0));
        stderr.printf("GraalJS %s, runtime %s, JIT %s%n", engine.version(), engine.implementationName(),
                engine.jit() ? "on" : "OFF");
        if (!engine.jit() && !settingsOptions.allowInterpreter) {
            stderr.println("harness: GraalJS is running in its fallback interpreter, so the numbers would mean "
                    + "nothing; run through 'java -jar harness.jar' or scripts/run, which add the JVMCI flags and "
                    + "the Graal compiler, or pass --allow-interpreter");
            return ExitCodes.ENVIRONMENT;
        }
        if (settingsOptions.profileKind() != null) {
            try {
                settings = settings.withProfile(SamplingChoice.choose(settingsOptions.profileKind(),
                        settingsOptions.firstProfiledTrial(plan.trials()), settingsOptions.profileInterval()));
            } catch (ProfilerUnavailableException e) {
                stderr.println("harness: cannot profile here: " + e.getMessage());
                return ExitCodes.ENVIRONMENT;
            }
            ProfileSettings profile = settings.profile();
            stderr.printf(Locale.ROOT, "profiling %s: %s%n", profile.kind().id(), profile.event() == null
                    ? "the JDK's Flight Recorder" : "async-profiler, event " + profile.event()
                    + (profile.interval() == null ? "" : ", every " + profile.interval().toNanos() / 1000 + " us"));
        }
        if (settings.clientThreads() == ClientThreads.VIRTUAL) {
            stderr.printf(Locale.ROOT, "clients: virtual threads on %d carrier thread%s (--carriers=%s)%n", carriers,
                    carriers == 1 ? "" : "s", chosenCarriers == 0 ? "auto" : chosenCarriers);
        } else if (settings.clientThreads() == ClientThreads.EVENT_LOOP) {
            stderr.printf(Locale.ROOT, "clients: %d event loop%s, one per carrier thread (--carriers=%s)%n", carriers,
                    carriers == 1 ? "" : "s", chosenCarriers == 0 ? "auto" : chosenCarriers);
        }
        List<String> warnings = warnings(plan, settings.clientThreads());
        warnings.forEach(warning -> stderr.println("note: " + warning));
        List<CellConfig> cells = plan.cells(settings, Runtime.getRuntime().availableProcessors());
        printEstimate(plan, settings, cells);

        ResultFolder folder = ResultFolder.create(outDir);
        Map<String, Object> options = options(plan, settings.profile());
        options.put("client_carriers", settings.clientThreads().onCarriers() ? carriers : null);
        RunManifest manifest = new RunManifest(folder, commandLine, options,
                settings.workload(), engine,
                warnings, Instant.now());
        manifest.write();
        return runSweep(folder, manifest, cells, plan.trials(), settings.workload(), cellJvm);
    }

    /** {@code --out}, or a new folder under results/runs; checked before anything is written. */
    private Path outFolder() {
        Path outDir = out != null ? out : Path.of("results", "runs", LocalDateTime.now().format(RUN_FOLDER_NAME));
        String outProblem = ResultFolder.problemWith(outDir);
        if (outProblem != null) {
            throw new ParameterException(spec.commandLine(), outProblem);
        }
        return outDir;
    }

    private void printEstimate(SweepPlan plan, SweepSettings settings, List<CellConfig> cells) {
        SweepSettings.Timing timing = settings.timing();
        Duration perCell = timing.warmup().plus(timing.duration())
                .plus(planOptions.forked() ? FORK_OVERHEAD : Duration.ZERO);
        long series = cells.stream().map(CellConfig::id).filter(id -> !id.isCeiling()).map(CellId::series).distinct()
                .count();
        stderr.printf(Locale.ROOT, "%d cells (%d trials of %d series x %d levels, plus the ceiling), %s %d min%n",
                cells.size(), plan.trials(), series, plan.clientLevels().size(),
                timing.autoWarmup() ? "at most" : "about",
                Math.max(1, perCell.multipliedBy(cells.size()).toMinutes()));
    }

    private int runSweep(ResultFolder folder, RunManifest manifest, List<CellConfig> plan, int trials,
                         Workload workload, MeasuringJvm cellJvm) throws Exception {
        CellExecutor executor = cellJvm != null
                ? new ForkedCellExecutor(cellJvm)
                : new InProcessCellExecutor(new PrintStream(OutputStream.nullOutputStream()));
        try (StopOnSignal stop = new StopOnSignal(executor::stop, manifest::markInterrupted)) {
            Sweep sweep = new Sweep(folder, manifest, executor, settingsOptions.allowInterpreter, stop::requested);
            Sweep.Outcome outcome;
            try (SweepProgress progress = SweepProgress.forStderr(stderr, plan.size())) {
                outcome = sweep.run(plan, trials, progress);
            } catch (Exception | Error e) {
                manifest.finish("failed", String.valueOf(e));
                throw e;
            }
            stdout.println();
            ResultTable.print(stdout, workload.name(), outcome.passed(), outcome.all());
            stdout.println();
            int exitCode;
            if (outcome.interrupted()) {
                manifest.finish("interrupted", "interrupted (SIGINT or SIGTERM) before every cell finished");
                exitCode = ExitCodes.INTERRUPTED;
            } else {
                manifest.finish(outcome.allPassed() ? "complete" : "failed",
                        outcome.allPassed() ? null : "a cell failed its self-check; see cells[].problems");
                exitCode = outcome.allPassed() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            }
            writeReport(folder); // after run.json has its final status, which the report shows
            stdout.println("results: " + folder.dir());
            return exitCode;
        }
    }

    /** The report of what finished; a sweep whose every cell failed has nothing to report, which is said. */
    private void writeReport(ResultFolder folder) {
        try {
            List<Path> written = Report.write(folder.dir());
            stdout.println("report: " + folder.dir().relativize(written.get(written.size() - 1)) + " (and "
                    + (written.size() - 1) + " more files)");
        } catch (ReportInputException e) {
            stderr.println("no report: " + e.getMessage());
        } catch (java.io.IOException e) {
            stderr.println("no report: cannot write it: " + e.getMessage());
        }
    }

    /**
     * The JVM each forked cell runs in: this JDK, this class path with the {@code --class-path} entries it lacks,
     * the Graal compiler next to the harness, {@code chosenCarriers} carriers for the clients (0: the default).
     */
    private MeasuringJvm cellJvm(int chosenCarriers) throws URISyntaxException {
        Path codeSource = Path.of(HarnessCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        MeasuringJvm jvm = MeasuringJvm.forClassPath(System.getProperty("java.class.path"),
                MeasuringJvm.jvmciFolderNextTo(codeSource), JdkFinder.running()).withAddedClassPath(addedClassPath);
        return chosenCarriers == 0 ? jvm : jvm.withCarriers(chosenCarriers);
    }

    private List<String> warnings(SweepPlan plan, ClientThreads clientThreads) {
        List<String> warnings = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        int most = plan.clientLevels().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (most + 1 > cores && clientThreads != ClientThreads.EVENT_LOOP) {
            warnings.add(String.format(Locale.ROOT, "up to %d clients and the worker share %d cores: clients "
                    + "queue for a core as well as for the worker, and wake-ups cost more", most, cores));
        }
        if (most > MANY_CLIENT_THREADS && clientThreads != ClientThreads.EVENT_LOOP) {
            warnings.add(String.format(Locale.ROOT, "%,d clients on a thread each: every reply wakes a thread that "
                    + "last ran a round of the clients ago, and the clients' CPU per request grows with them; "
                    + "--client-threads=event-loop serves them from a loop per carrier (results/scaling/)", most));
        }
        if (!planOptions.forked()) {
            warnings.add("--forks=0: every cell runs in one JVM, so earlier cells' JIT profile biases later ones");
        }
        return warnings;
    }

    /** Loads the workload once on a real worker, so a broken script is a usage error before anything is written. */
    private EngineInfo probe(Workload workload, HandoffStrategyFactory anyStrategy) throws Exception {
        HandoffStrategy<Request> strategy = anyStrategy.create();
        JsWorker worker;
        try {
            worker = JsWorker.start(workload, strategy);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        EngineInfo engine = worker.engineInfo();
        worker.finish(Duration.ofSeconds(30));
        return engine;
    }

    private Map<String, Object> options(SweepPlan plan, ProfileSettings profile) {
        Map<String, Object> options = new LinkedHashMap<>();
        planOptions.record(plan, options);
        settingsOptions.record(options);
        options.put("profile_engine", !profile.on() ? null : profile.event() == null ? "jfr" : profile.event());
        options.put("profile_interval_ms", profile.interval() == null ? null : profile.interval().toNanos() / 1e6);
        options.put("preset", preset);
        options.put("class_path", addedClassPath.entries().stream().map(Path::toString).toList());
        return options;
    }
}
