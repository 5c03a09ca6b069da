package io.handoffbench.harness.cli;

import io.handoffbench.harness.worker.Workload;
import io.handoffbench.harness.worker.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that shape every cell, shared by the sweep and the hidden {@code cell} command it forks (a picocli
 * mixin), with the one place that turns them back into arguments for the fork.
 */
public final class CellOptions {

    /** How the clients run. */
    enum ClientThreads { virtual, platform }

    @Option(names = "--client-threads", paramLabel = "KIND", defaultValue = "virtual",
            description = "Threads the clients run on: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ClientThreads clientThreads;

    @Option(names = "--workload", paramLabel = "NAME|FILE.js", defaultValue = Workloads.TRANSFER,
            description = "transfer (Zipf-skewed balance transfers over 100,000 accounts), noop (echo), or a path "
                    + "to a script that defines function reduce(request). Default: ${DEFAULT-VALUE}.")
    String workloadSpec;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.5",
            description = "Zipf exponent of the account ids in each request, greater than 0. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Warm-up per cell, discarded (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Measurement per cell (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the clients' request streams, the same in every trial. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--steady-tolerance", paramLabel = "PERCENT", defaultValue = "10%",
            converter = PercentConverter.class,
            description = "A cell is flagged not steady when its TPS still moved by more than this over the last "
                    + "4 s of warm-up. Default: 10%%.")
    double steadyTolerance;

    @Option(names = "--allow-interpreter",
            description = "Measure even if GraalJS has no JIT (its fallback interpreter); the numbers are then "
                    + "not comparable to anything.")
    boolean allowInterpreter;

    boolean virtualClients() {
        return clientThreads == ClientThreads.virtual;
    }

    /** What the command line said, for problems in messages; {@code null} when fine. */
    String problem() {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            return "--alpha must be a number greater than 0, got " + alpha;
        }
        if (duration.isZero()) {
            return "--duration must be longer than 0 (like 500ms, 10s, 2m)";
        }
        return null;
    }

    /** These options as arguments of a forked {@code cell} command, with the workload as resolved here. */
    List<String> asArguments(Workload workload) {
        List<String> args = new ArrayList<>();
        args.add("--workload=" + workload.file().map(Object::toString).orElse(workload.name()));
        args.add("--client-threads=" + clientThreads.name());
        args.add("--alpha=" + alpha);
        args.add("--seed=" + seed);
        args.add(String.format(Locale.ROOT, "--steady-tolerance=%s", steadyTolerance));
        if (allowInterpreter) {
            args.add("--allow-interpreter");
        }
        return args;
    }
}
