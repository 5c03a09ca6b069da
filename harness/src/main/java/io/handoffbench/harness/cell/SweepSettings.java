package io.handoffbench.harness.cell;

import java.time.Duration;

/**
 * What every cell of a sweep shares: the workload, how clients run and load the worker, how long each phase lasts,
 * and when the worker gives up on a context. Immutable.
 *
 * @param workload       the script the worker runs
 * @param clientThreads  what the clients run on: a virtual thread each (the default), an OS thread each, or event
 *                       loops
 * @param timing         warm-up, measurement, and how steady the warm-up must end
 * @param requests       what the clients' request streams are drawn from
 * @param load           closed or open loop, and the limits on requests
 * @param worker         the worker's reducer timeout and injected traps
 * @param pinWorker      {@code --pin-worker}: the worker thread on a CPU of its own, every other thread on the rest
 * @param profile        {@code --profile}: what is sampled while measuring, in which cells; never null
 */
public record SweepSettings(Workload workload, ClientThreads clientThreads, Timing timing, RequestStreams requests,
                            LoadSettings load, TrapSettings worker, boolean pinWorker, ProfileSettings profile) {

    public SweepSettings {
        profile = profile == null ? ProfileSettings.OFF : profile; // a spec written before --profile existed
    }

    /** Settings without profiling. */
    public SweepSettings(Workload workload, ClientThreads clientThreads, Timing timing, RequestStreams requests,
                         LoadSettings load, TrapSettings worker, boolean pinWorker) {
        this(workload, clientThreads, timing, requests, load, worker, pinWorker, ProfileSettings.OFF);
    }

    /** These settings with {@code --profile}'s. */
    public SweepSettings withProfile(ProfileSettings chosen) {
        return new SweepSettings(workload, clientThreads, timing, requests, load, worker, pinWorker, chosen);
    }

    /**
     * @param warmup          discarded warm-up per cell; with {@code autoWarmup}, the longest it may last
     * @param duration        measurement per cell
     * @param steadyTolerance how much TPS may still move at the end of the warm-up (0.10 = 10%)
     * @param autoWarmup      {@code --warmup=auto}: end the warm-up as soon as the cell is steady (its TPS within the
     *                        tolerance and its reducer compiled), or after {@code warmup}
     * @param noSampling      {@code --sampling=off}: the clients' latency recorders are collected once, at the end,
     *                        instead of once a second, so that the per-second sampler's own cost can be measured
     */
    public record Timing(Duration warmup, Duration duration, double steadyTolerance, boolean autoWarmup,
                         boolean noSampling) {

        /** {@code --warmup=auto}'s longest warm-up. */
        public static final Duration AUTO_WARMUP_MAX = Duration.ofSeconds(30);

        /** A warm-up of exactly {@code warmup}. */
        public Timing(Duration warmup, Duration duration, double steadyTolerance) {
            this(warmup, duration, steadyTolerance, false, false);
        }
    }

    /**
     * @param alpha          Zipf exponent of the account ids in requests
     * @param seed           fixes every client's request stream (the same in every trial)
     * @param amount         the amount every transfer moves, or {@value #RANDOM_AMOUNT} for a random one in [1, 100]
     * @param initialBalance every account's balance when the script loads ({@code HANDOFF_BENCH.initialBalance})
     */
    public record RequestStreams(double alpha, long seed, int amount, long initialBalance) {

        /** {@code amount} for a random amount in [1, 100] per request. */
        public static final int RANDOM_AMOUNT = 0;
        /** The transfer workload's balance of every account, as in SpacetimeDB's keynote benchmark. */
        public static final long DEFAULT_INITIAL_BALANCE = 1_000_000;

        /** Zipf {@code alpha} and {@code seed}, random amounts, the default initial balance. */
        public static RequestStreams of(double alpha, long seed) {
            return new RequestStreams(alpha, seed, RANDOM_AMOUNT, DEFAULT_INITIAL_BALANCE);
        }
    }
}
