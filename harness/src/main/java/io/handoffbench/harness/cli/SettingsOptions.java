package io.handoffbench.harness.cli;

import io.handoffbench.harness.affinity.CpuAffinity;
import io.handoffbench.harness.cell.Arrivals;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.ProfileKind;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.cell.Workload;
import io.handoffbench.harness.sweep.IdleChoice;
import io.handoffbench.harness.worker.WorkloadException;
import io.handoffbench.harness.worker.Workloads;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The options every cell of a sweep shares (a picocli mixin): the workload, the clients' threads and load, the
 * phases, the worker's limits and idle choices. {@link #settings} checks them and resolves the workload.
 */
public final class SettingsOptions {

    /** Far beyond what one worker serves; a larger rate is a typo. */
    private static final double MAX_RATE = 100_000_000;
    /** Four times the seed's 16,384 calls in flight per connection. */
    static final int MAX_PIPELINE = 65_536;
    static final String RANDOM_AMOUNT = "random";
    /** A sample per thread per millisecond of CPU: a 10 s cell on 2 cores gives about 20,000 samples. */
    static final Duration DEFAULT_PROFILE_INTERVAL = Duration.ofMillis(1);
    /** Below this the profiler's own signal handling dominates what it samples. */
    private static final Duration MIN_PROFILE_INTERVAL = Duration.ofNanos(100_000);

    @Option(names = "--client-threads", paramLabel = "KIND", defaultValue = "virtual",
            description = "What the clients run on: virtual (a virtual thread each, on the --carriers), platform "
                    + "(an OS thread each), or event-loop (a loop per carrier serves them all, as wrk's threads "
                    + "serve their connections; closed loop and --pipeline only). Default: ${DEFAULT-VALUE}.")
    String clientThreadsId;

    @Option(names = "--workload", paramLabel = "NAME|FILE.js", defaultValue = Workloads.TRANSFER,
            description = "transfer (Zipf-skewed balance transfers over 100,000 accounts), transfer-audited "
                    + "(transfer with a database reducer's bookkeeping: a dearer call), noop (echo), or a path "
                    + "to a script that defines function reduce(request). Default: ${DEFAULT-VALUE}.")
    String workloadSpec;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.5",
            description = "Zipf exponent of the account ids in each request, greater than 0. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--warmup", paramLabel = "auto|auto:MAX|DURATION", defaultValue = WarmupConverter.AUTO,
            converter = WarmupConverter.class,
            description = "Warm-up per cell, discarded: auto (until TPS is steady within --steady-tolerance and the "
                    + "reducer is compiled, at most 30 s; a cell that is not steady by then is measured and flagged), "
                    + "auto:MAX (at most MAX), or a fixed duration (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    WarmupConverter.Warmup warmup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Measurement per cell (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    /** Whether the clients' latency recorders are collected once a second while measuring. */
    enum Sampling { on, off }

    @Option(names = "--sampling", paramLabel = "on|off", defaultValue = "on",
            description = "on: the clients' latencies are collected into the .hlog once a second while measuring "
                    + "(a swap of each of the cell's recorder stripes, at most 64); off: once, at the end (one "
                    + "interval), to measure what the per-second collection costs. Default: ${DEFAULT-VALUE}.")
    Sampling sampling;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the clients' request streams, the same in every trial. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--steady-tolerance", paramLabel = "PERCENT", defaultValue = "10%",
            converter = PercentConverter.class,
            description = "A cell is flagged not steady when its TPS still moved by more than this over the last "
                    + "4 s of warm-up. Default: 10%%.")
    double steadyTolerance;

    @Option(names = "--pipeline", paramLabel = "K", defaultValue = "1",
            description = "Closed loop: each client sends K requests back to back, waits until all K are answered, "
                    + "then sends the next K, as SpacetimeDB's keynote client does; 1 to " + MAX_PIPELINE
                    + ". Default: ${DEFAULT-VALUE} (one request at a time).")
    int pipeline;

    @Option(names = "--amount", paramLabel = "N|random", defaultValue = "random",
            description = "The amount every transfer moves: a whole number of at least 1, or random (1 to 100 per "
                    + "request). Default: ${DEFAULT-VALUE}.")
    String amount;

    @Option(names = "--initial-balance", paramLabel = "N", defaultValue = "1000000",
            description = "Every account's balance when the transfer script loads (HANDOFF_BENCH.initialBalance), "
                    + "0 or more. Default: ${DEFAULT-VALUE}.")
    long initialBalance;

    @Option(names = "--rate", paramLabel = "R",
            description = "Open loop: R requests per second in total across all clients, sent on schedule whether or "
                    + "not earlier ones were answered; latency counts from each request's intended send time. "
                    + "Default: closed loop (each client waits for its reply before sending again).")
    Double rate;

    @Option(names = "--arrivals", paramLabel = "KIND", defaultValue = "constant",
            description = "Open-loop spacing of requests: constant or poisson. Needs --rate. Default: ${DEFAULT-VALUE}.")
    String arrivals;

    @Option(names = "--max-queue", paramLabel = "N",
            description = "Reject a request at once (counted as rejected) when N requests already wait for the "
                    + "worker. Default: no bound.")
    Integer maxQueue;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A client stops waiting for a reply after this and counts a timeout; the late reply is "
                    + "discarded. Default: wait for ever.")
    Duration requestTimeout;

    @Option(names = "--reducer-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Interrupt a reducer call running longer than this (an endless loop, say): a worker trap; "
                    + "a fresh worker takes over the queue. Default: no limit.")
    Duration reducerTimeout;

    @Option(names = "--trap-every", paramLabel = "N",
            description = "Inject a worker trap every N requests, to measure recovery. Default: never.")
    Long trapEvery;

    @Option(names = "--idle", split = ",", paramLabel = "POLICY[,POLICY...]",
            description = "How the worker waits when nothing is queued: auto (spin-park when the clients are fewer "
                    + "than the cores, else park), park, spin-park (spin 10 us, then park), yield or spin; a list "
                    + "compares them, each strategy that honours a policy running once per policy (named like "
                    + "mpsc@park); strategies that wait inside a JDK queue ignore it. Default: auto.")
    List<String> idleIds;

    @Option(names = "--pin-worker",
            description = "Linux: put the worker thread on a CPU of its own (the last one this process may use) and "
                    + "every other thread (clients, carriers, the sampler, GC, JIT) on the others, as SpacetimeDB's "
                    + "server pins its JS worker; needs at least 2 CPUs. Default: off.")
    boolean pinWorker;

    @Option(names = "--profile", paramLabel = "KIND",
            description = "Profile every strategy cell's measurement (not its warm-up) in the cell's JVM: cpu, wall, "
                    + "alloc or lock with async-profiler (a flame graph and collapsed stacks per cell in profiles/; "
                    + "cpu also splits the CPU per request by component), or jfr (the JDK's Flight Recorder, a .jfr "
                    + "for JDK Mission Control). Needs --forks=1. Default: off.")
    String profile;

    @Option(names = "--profile-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often --profile=cpu or wall samples each thread (100us, 1ms, 10ms). Default: 1ms.")
    Duration profileInterval;

    @Option(names = "--profile-trials", paramLabel = "all|last",
            description = "Which trials --profile samples: all, or only the last, so that the earlier ones measure "
                    + "the same cells unprofiled and the report shows the profiler's overhead. Default: all.")
    String profileTrials;

    @Option(names = "--allow-interpreter",
            description = "Measure even if GraalJS has no JIT (its fallback interpreter); the numbers are then "
                    + "not comparable to anything.")
    boolean allowInterpreter;

    /** What the clients run on, as validated by {@link #problem}. */
    ClientThreads clientThreads() {
        return ClientThreads.fromId(clientThreadsId).orElseThrow();
    }

    /** Closed or open loop and the limits, as validated by {@link #problem}. */
    LoadSettings load() {
        return new LoadSettings(rate == null ? 0 : rate, Arrivals.valueOf(arrivals.toUpperCase(Locale.ROOT)),
                maxQueue == null ? 0 : maxQueue, requestTimeout, pipeline);
    }

    /** When the worker gives up on a context, as validated by {@link #problem}. */
    TrapSettings worker() {
        return new TrapSettings(reducerTimeout, trapEvery == null ? 0 : trapEvery);
    }

    /**
     * What every cell of the sweep shares, with the workload resolved from {@code --workload}.
     *
     * @throws ParameterException naming the first bad option, or a workload that cannot load
     */
    SweepSettings settings(CommandLine commandLine) {
        String problem = problem();
        if (problem != null) {
            throw new ParameterException(commandLine, problem);
        }
        Workload workload;
        try {
            workload = Workloads.resolve(workloadSpec);
        } catch (WorkloadException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
        return new SweepSettings(workload, clientThreads(),
                new SweepSettings.Timing(warmup.length(), duration, steadyTolerance, warmup.auto(),
                        sampling == Sampling.off),
                new SweepSettings.RequestStreams(alpha, seed,
                        RANDOM_AMOUNT.equals(amount) ? SweepSettings.RequestStreams.RANDOM_AMOUNT
                                : Integer.parseInt(amount), initialBalance), load(), worker(), pinWorker);
    }

    /** These options as run.json's {@code options} records them. */
    void record(Map<String, Object> options) {
        options.put("client_threads", clientThreadsId);
        options.put("workload", workloadSpec);
        options.put("alpha", alpha);
        options.put("warmup_s", warmup.length().toMillis() / 1000.0); // with warmup_auto, the longest
        options.put("warmup_auto", warmup.auto());
        options.put("sampling", sampling.name());
        options.put("duration_s", duration.toMillis() / 1000.0);
        options.put("seed", seed);
        options.put("steady_tolerance", steadyTolerance);
        options.put("pipeline", pipeline);
        options.put("amount", amount);
        options.put("initial_balance", initialBalance);
        options.put("allow_interpreter", allowInterpreter);
        LoadSettings load = load();
        options.put("mode", load.mode());
        options.put("rate", load.openLoop() ? load.rate() : null);
        options.put("arrivals", load.openLoop() ? load.arrivals().id() : null);
        options.put("max_queue", load.maxQueue() > 0 ? load.maxQueue() : null);
        options.put("request_timeout_ms", load.requestTimeout() == null ? null : load.requestTimeout().toMillis());
        TrapSettings worker = worker();
        options.put("reducer_timeout_ms", worker.hasReducerTimeout() ? worker.reducerTimeout().toMillis() : null);
        options.put("trap_every", worker.trapEvery() > 0 ? worker.trapEvery() : null);
        options.put("idle", String.join(",", idles().stream().map(IdleChoice::id).toList()));
        options.put("pin_worker", pinWorker);
        options.put("profile", profile);
        options.put("profile_trials", profile == null ? null : profileTrials == null ? "all" : profileTrials);
    }

    private String profileProblem() {
        if (profile == null) {
            return profileInterval != null ? "--profile-interval needs --profile"
                    : profileTrials != null ? "--profile-trials needs --profile" : null;
        }
        if (ProfileKind.fromId(profile).isEmpty()) {
            return "unknown --profile '" + profile + "'; valid: " + ProfileKind.validIds();
        }
        if (profileTrials != null && !List.of("all", "last").contains(profileTrials)) {
            return "unknown --profile-trials '" + profileTrials + "'; valid: all, last";
        }
        if (profileInterval != null && (profileInterval.toNanos() < MIN_PROFILE_INTERVAL.toNanos()
                || profileInterval.compareTo(Duration.ofSeconds(1)) > 0)) {
            return "--profile-interval must be between 100us and 1s, got " + profileInterval.toNanos() / 1000 + "us";
        }
        return null;
    }

    /** The worker's idle choices, in the order given, as validated by {@link #problem}. */
    List<IdleChoice> idles() {
        return idleIds == null ? List.of(IdleChoice.DEFAULT) : idleIds.stream().map(IdleChoice::new).toList();
    }

    /** {@code --profile}'s kind; null when off. Valid once {@link #settings} has checked the options. */
    ProfileKind profileKind() {
        return profile == null ? null : ProfileKind.fromId(profile).orElseThrow();
    }

    /** The sampling interval of --profile=cpu or wall. */
    Duration profileInterval() {
        return profileInterval == null ? DEFAULT_PROFILE_INTERVAL : profileInterval;
    }

    /** The first trial --profile samples, of {@code trials}. */
    int firstProfiledTrial(int trials) {
        return "last".equals(profileTrials) ? trials : 1;
    }

    /** What the command line said, for problems in messages; {@code null} when fine. */
    private String problem() {
        String profileProblem = profileProblem();
        if (profileProblem != null) {
            return profileProblem;
        }
        if (idleIds != null) {
            for (String idleId : idleIds) {
                if (!IdleChoice.isValid(idleId)) {
                    return "unknown --idle '" + idleId + "'; valid: " + IdleChoice.validIds();
                }
            }
            if (idleIds.stream().distinct().count() < idleIds.size()) {
                return "--idle names a policy twice: " + String.join(",", idleIds);
            }
        }
        if (ClientThreads.fromId(clientThreadsId).isEmpty()) {
            return "unknown --client-threads '" + clientThreadsId + "'; valid: " + ClientThreads.validIds();
        }
        if (ClientThreads.EVENT_LOOP.id().equals(clientThreadsId)) {
            String alone = rate != null ? "--rate" : maxQueue != null ? "--max-queue"
                    : requestTimeout != null ? "--request-timeout" : null;
            if (alone != null) {
                return "--client-threads=event-loop runs closed-loop and pipelined clients without admission or "
                        + "timeouts, so not with " + alone + "; use --client-threads=virtual or platform for it";
            }
        }
        if (pipeline < 1 || pipeline > MAX_PIPELINE) {
            return "--pipeline must be between 1 and " + MAX_PIPELINE + ", got " + pipeline;
        }
        if (pipeline > 1 && rate != null) {
            return "--pipeline applies to the closed loop; it cannot be combined with --rate (an open loop sends on "
                    + "its own schedule)";
        }
        if (pipeline > 1 && requestTimeout != null) {
            return "--pipeline cannot be combined with --request-timeout: a pipelined client waits for whole batches";
        }
        if (!RANDOM_AMOUNT.equals(amount) && !amount.matches("[0-9]{1,9}")
                || !RANDOM_AMOUNT.equals(amount) && Integer.parseInt(amount) < 1) {
            return "--amount must be a whole number of at least 1 or random, got '" + amount + "'";
        }
        if (initialBalance < 0) {
            return "--initial-balance must be 0 or more, got " + initialBalance;
        }
        if (rate != null && (!(rate > 0) || Double.isInfinite(rate) || rate > MAX_RATE)) {
            return "--rate must be a number of requests per second between 0 and " + (long) MAX_RATE
                    + " (exclusive of 0), got " + rate;
        }
        String arrivalsIds = String.join(", ", Arrays.stream(Arrivals.values()).map(Arrivals::id).toList());
        if (Arrays.stream(Arrivals.values()).noneMatch(kind -> kind.id().equals(arrivals))) {
            return "unknown --arrivals '" + arrivals + "'; valid: " + arrivalsIds;
        }
        if (rate == null && !"constant".equals(arrivals)) {
            return "--arrivals=" + arrivals + " needs --rate (arrivals only apply to an open loop)";
        }
        if (maxQueue != null && maxQueue < 1) {
            return "--max-queue must be at least 1, got " + maxQueue + "; leave it out for no bound";
        }
        if (requestTimeout != null && requestTimeout.isZero()) {
            return "--request-timeout must be longer than 0 (like 100ms, 2s); leave it out to wait for ever";
        }
        if (reducerTimeout != null && reducerTimeout.isZero()) {
            return "--reducer-timeout must be longer than 0 (like 100ms, 2s); leave it out for no limit";
        }
        if (trapEvery != null && trapEvery < 1) {
            return "--trap-every must be at least 1, got " + trapEvery + "; leave it out for no injected traps";
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            return "--alpha must be a number greater than 0, got " + alpha;
        }
        if (duration.isZero()) {
            return "--duration must be longer than 0 (like 500ms, 10s, 2m)";
        }
        if (pinWorker) {
            return CpuAffinity.problemHere(); // not Linux, the calls missing, or fewer than 2 CPUs; else null
        }
        return null;
    }
}
